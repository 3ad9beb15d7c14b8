import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RTOL, scaledError, size, uniform } from './support/compare';
import { convConfig, convOutSize, describeConv } from './support/conv-config';
import type { ConvConfig } from './support/conv-config';
import { onEachBackend } from './support/on-backends';

const RUNS = 40;

/** Plain-array data of one case: input, filter and an upstream gradient (the loss is Σ y·r). */
function caseData(c: ConvConfig): { x: number[]; f: number[]; r: number[]; out: [number, number, number, number] } {
  const [oh, ow] = convOutSize(c);
  const out: [number, number, number, number] = [c.n, oh, ow, c.cout];
  return {
    x: uniform(c.seed, c.n * c.h * c.w * c.cin),
    f: uniform(c.seed + 1, c.kh * c.kw * c.cin * c.cout),
    r: uniform(c.seed + 2, size(out)),
    out,
  };
}

/** Worst {@link scaledError} of wasm's results against cpu's, over all result tensors. */
async function wasmVsCpu(compute: () => tf.Tensor[]): Promise<number> {
  const { cpu, wasm } = await onEachBackend(compute);
  return Math.max(...cpu.map((c, i) => scaledError(wasm[i] ?? [], c)));
}

describe('conv gradients on wasm equal cpu (property, seeded)', () => {
  it(`conv2d: input and filter gradients, ${RUNS} random configs`, async () => {
    let worst = 0;
    await fc.assert(
      fc.asyncProperty(convConfig, async (c) => {
        const { x, f, r, out } = caseData(c);
        const err = await wasmVsCpu(() => {
          const loss = (xs: tf.Tensor, fs: tf.Tensor): tf.Scalar =>
            tf.sum(tf.mul(tf.conv2d(xs as tf.Tensor4D, fs as tf.Tensor4D, [c.sh, c.sw], c.pad), tf.tensor(r, out)));
          return tf.grads(loss)([tf.tensor(x, [c.n, c.h, c.w, c.cin]), tf.tensor(f, [c.kh, c.kw, c.cin, c.cout])]);
        });
        worst = Math.max(worst, err);
        expect(err, describeConv(c)).toBeLessThanOrEqual(RTOL);
      }),
      { seed: 20240611, numRuns: RUNS },
    );
    console.info(`conv2d grads: worst wasm-vs-cpu scaled error ${worst.toExponential(2)}`);
  });

  it(`conv2dTranspose: input and filter gradients, ${RUNS} random configs`, async () => {
    let worst = 0;
    await fc.assert(
      fc.asyncProperty(convConfig, async (c) => {
        // The transpose of the conv `c`: it maps c's output shape back to c's input shape.
        const { x, f, r, out } = caseData(c);
        const err = await wasmVsCpu(() => {
          const loss = (ys: tf.Tensor, fs: tf.Tensor): tf.Scalar =>
            tf.sum(
              tf.mul(
                tf.conv2dTranspose(ys as tf.Tensor4D, fs as tf.Tensor4D, [c.n, c.h, c.w, c.cin], [c.sh, c.sw], c.pad),
                tf.tensor(x, [c.n, c.h, c.w, c.cin]),
              ),
            );
          return tf.grads(loss)([tf.tensor(r, out), tf.tensor(f, [c.kh, c.kw, c.cin, c.cout])]);
        });
        worst = Math.max(worst, err);
        expect(err, describeConv(c)).toBeLessThanOrEqual(RTOL);
      }),
      { seed: 20240612, numRuns: RUNS },
    );
    console.info(`conv2dTranspose grads: worst wasm-vs-cpu scaled error ${worst.toExponential(2)}`);
  });
});
