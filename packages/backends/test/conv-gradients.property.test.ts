import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RTOL, scaledError, size, uniform } from './support/compare';
import { convConfig, convOutSize, describeConv } from './support/conv-config';
import type { ConvConfig } from './support/conv-config';
import { onEachBackend } from './support/on-backends';
import type { SelectBackendOptions } from '../src/index';
import { setMaxPatchEntries } from '../src/index';

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
async function wasmVsCpu(compute: () => tf.Tensor[], wasmOptions: SelectBackendOptions = {}): Promise<number> {
  const { cpu, wasm } = await onEachBackend(compute, wasmOptions);
  return Math.max(...cpu.map((c, i) => scaledError(wasm[i] ?? [], c)));
}

describe('conv gradients on wasm equal cpu (property, seeded)', () => {
  it(`conv2d: output, input and filter gradients, ${RUNS} random configs`, async () => {
    let worst = 0;
    await fc.assert(
      fc.asyncProperty(convConfig, async (c) => {
        const { x, f, r, out } = caseData(c);
        const err = await wasmVsCpu(() => {
          const loss = (xs: tf.Tensor, fs: tf.Tensor): tf.Scalar =>
            tf.sum(tf.mul(tf.conv2d(xs as tf.Tensor4D, fs as tf.Tensor4D, [c.sh, c.sw], c.pad), tf.tensor(r, out)));
          const [xT, fT] = [tf.tensor4d(x, [c.n, c.h, c.w, c.cin]), tf.tensor4d(f, [c.kh, c.kw, c.cin, c.cout])];
          return [tf.conv2d(xT, fT, [c.sh, c.sw], c.pad), ...tf.grads(loss)([xT, fT])];
        });
        worst = Math.max(worst, err);
        expect(err, describeConv(c)).toBeLessThanOrEqual(RTOL);
      }),
      { seed: 20240611, numRuns: RUNS },
    );
    console.info(`conv2d grads: worst wasm-vs-cpu scaled error ${worst.toExponential(2)}`);
  });

  it(`conv2dTranspose: output, input and filter gradients, ${RUNS} random configs`, async () => {
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
          const [yT, fT] = [tf.tensor4d(r, out), tf.tensor4d(f, [c.kh, c.kw, c.cin, c.cout])];
          // The forward pass too: it is Conv2DBackpropInput, which this package replaces on wasm.
          return [tf.conv2dTranspose(yT, fT, [c.n, c.h, c.w, c.cin], [c.sh, c.sw], c.pad), ...tf.grads(loss)([yT, fT])];
        });
        worst = Math.max(worst, err);
        expect(err, describeConv(c)).toBeLessThanOrEqual(RTOL);
      }),
      { seed: 20240612, numRuns: RUNS },
    );
    console.info(`conv2dTranspose grads: worst wasm-vs-cpu scaled error ${worst.toExponential(2)}`);
  });

  it(`wasm's own Conv2DBackpropInput (replaced by default) equals cpu too, ${RUNS} random configs`, async () => {
    let worst = 0;
    await fc.assert(
      fc.asyncProperty(convConfig, async (c) => {
        const { x, f, r, out } = caseData(c);
        const err = await wasmVsCpu(() => {
          const loss = (xs: tf.Tensor): tf.Scalar =>
            tf.sum(tf.mul(tf.conv2d(xs as tf.Tensor4D, tf.tensor4d(f, [c.kh, c.kw, c.cin, c.cout]), [c.sh, c.sw], c.pad), tf.tensor(r, out)));
          return [tf.grad(loss)(tf.tensor(x, [c.n, c.h, c.w, c.cin]))];
        }, { replaceKernels: false });
        worst = Math.max(worst, err);
        expect(err, describeConv(c)).toBeLessThanOrEqual(RTOL);
      }),
      { seed: 20240613, numRuns: RUNS },
    );
    console.info(`conv2d input grad, wasm's own kernel: worst wasm-vs-cpu scaled error ${worst.toExponential(2)}`);
  });

  it(`with the matrix-product gradients off (dilated filter and sub-pixel input gradients): conv2d and conv2dTranspose, ${RUNS} random configs`, async () => {
    let worst = 0;
    setMaxPatchEntries(0);
    try {
      await fc.assert(
        fc.asyncProperty(convConfig, async (c) => {
          const { x, f, r, out } = caseData(c);
          const err = await wasmVsCpu(() => {
            const [xT, fT, rT] = [tf.tensor4d(x, [c.n, c.h, c.w, c.cin]), tf.tensor4d(f, [c.kh, c.kw, c.cin, c.cout]), tf.tensor(r, out)];
            const conv = (xs: tf.Tensor, fs: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.conv2d(xs as tf.Tensor4D, fs as tf.Tensor4D, [c.sh, c.sw], c.pad), rT));
            const transpose = (ys: tf.Tensor, fs: tf.Tensor): tf.Scalar =>
              tf.sum(tf.mul(tf.conv2dTranspose(ys as tf.Tensor4D, fs as tf.Tensor4D, [c.n, c.h, c.w, c.cin], [c.sh, c.sw], c.pad), xT));
            return [...tf.grads(conv)([xT, fT]), tf.conv2dTranspose(rT as tf.Tensor4D, fT, [c.n, c.h, c.w, c.cin], [c.sh, c.sw], c.pad), ...tf.grads(transpose)([rT, fT])];
          });
          worst = Math.max(worst, err);
          expect(err, describeConv(c)).toBeLessThanOrEqual(RTOL);
        }),
        { seed: 20240614, numRuns: RUNS },
      );
    } finally {
      setMaxPatchEntries(2 ** 24);
    }
    console.info(`convolution-form gradients: worst wasm-vs-cpu scaled error ${worst.toExponential(2)}`);
  });
});
