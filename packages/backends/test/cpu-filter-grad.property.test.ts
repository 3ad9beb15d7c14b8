import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RTOL, scaledError, size, uniform } from './support/compare';
import { convConfig, convOutSize, describeConv } from './support/conv-config';
import type { ConvConfig } from './support/conv-config';
import { onBackend, onOracle } from './support/on-backends';

const RUNS = 40;

/** cpu's filter gradient of `conv2d` and `conv2dTranspose` for one config, as plain arrays. */
function filterGrads(c: ConvConfig): Float32Array[] {
  const [oh, ow] = convOutSize(c);
  const out: [number, number, number, number] = [c.n, oh, ow, c.cout];
  return tf.tidy(() => {
    const x = tf.tensor4d(uniform(c.seed, c.n * c.h * c.w * c.cin), [c.n, c.h, c.w, c.cin]);
    const f = tf.tensor4d(uniform(c.seed + 1, c.kh * c.kw * c.cin * c.cout), [c.kh, c.kw, c.cin, c.cout]);
    const r = tf.tensor4d(uniform(c.seed + 2, size(out)), out);
    const conv = (fs: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.conv2d(x, fs as tf.Tensor4D, [c.sh, c.sw], c.pad), r));
    const transpose = (fs: tf.Tensor): tf.Scalar =>
      tf.sum(tf.mul(tf.conv2dTranspose(r, fs as tf.Tensor4D, [c.n, c.h, c.w, c.cin], [c.sh, c.sw], c.pad), x));
    return [tf.grad(conv)(f), tf.grad(transpose)(f)].map((g) => Float32Array.from(g.dataSync()));
  });
}

/**
 * cpu's `Conv2DBackpropFilter` as replaced by this package (one dilated Conv2D) against cpu's own
 * kernel, through `tf.grad` of `conv2d` and `conv2dTranspose` (whose filter gradient is the same
 * kernel with x and dy swapped).
 */
describe("cpu's replaced Conv2DBackpropFilter equals cpu's own (property, seeded)", () => {
  it(`conv2d and conv2dTranspose filter gradients, ${RUNS} random configs`, async () => {
    let worst = 0;
    try {
      await fc.assert(
        fc.asyncProperty(convConfig, async (c) => {
          await onOracle();
          const native = filterGrads(c);
          await onBackend('cpu');
          const replaced = filterGrads(c);
          const err = Math.max(...native.map((n, i) => scaledError(replaced[i] ?? [], n)));
          worst = Math.max(worst, err);
          expect(err, describeConv(c)).toBeLessThanOrEqual(RTOL);
        }),
        { seed: 20241126, numRuns: RUNS },
      );
    } finally {
      await onBackend('cpu');
    }
    console.info(`cpu filter grad: worst replaced-vs-native scaled error ${worst.toExponential(2)}`);
  });

  it('is installed by default and removed by replaceKernels: false', async () => {
    await onOracle();
    const native = tf.getKernel('Conv2DBackpropFilter', 'cpu');
    await onBackend('cpu');
    const ours = tf.getKernel('Conv2DBackpropFilter', 'cpu');
    expect(ours).toBeDefined();
    expect(ours).not.toBe(native);
  });
});
