import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefersMatMul, setMatMulThresholds } from '../src/index';
import { RTOL, scaledError, size, uniform } from './support/compare';
import { convConfig, convOutSize, describeConv } from './support/conv-config';
import { onEachBackend } from './support/on-backends';

const RUNS = 40;

/**
 * wasm's Conv2D / FusedConv2D as a matrix product (`smallConvByMatMul`), forced on for every
 * convolution (by default only layers with few output pixels per weight take it): the forward
 * output, both gradients (the filter gradient is a dilated Conv2D, the input gradient a sub-pixel
 * Conv2D, so both run through it too), conv2dTranspose, and a fused conv with bias, vs cpu.
 */
describe('wasm conv as a matrix product equals cpu (property, seeded)', () => {
  beforeAll(() => setMatMulThresholds(0, 0));
  afterAll(() => setMatMulThresholds(1, 4096));

  it(`conv2d, conv2dTranspose and fused conv2d + bias with their gradients, ${RUNS} random configs`, async () => {
    let worst = 0;
    await fc.assert(
      fc.asyncProperty(convConfig, async (c) => {
        const [oh, ow] = convOutSize(c);
        const out: [number, number, number, number] = [c.n, oh, ow, c.cout];
        const x = uniform(c.seed, c.n * c.h * c.w * c.cin);
        const f = uniform(c.seed + 1, c.kh * c.kw * c.cin * c.cout);
        const r = uniform(c.seed + 2, size(out));
        const b = uniform(c.seed + 3, c.cout);
        const { cpu, wasm } = await onEachBackend(() => {
          const [xT, fT, rT, bT] = [tf.tensor4d(x, [c.n, c.h, c.w, c.cin]), tf.tensor4d(f, [c.kh, c.kw, c.cin, c.cout]), tf.tensor4d(r, out), tf.tensor1d(b)];
          const conv = (xs: tf.Tensor, fs: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.conv2d(xs as tf.Tensor4D, fs as tf.Tensor4D, [c.sh, c.sw], c.pad), rT));
          const fused = (xs: tf.Tensor, fs: tf.Tensor, bs: tf.Tensor): tf.Scalar =>
            tf.sum(tf.mul(tf.fused.conv2d({ x: xs as tf.Tensor4D, filter: fs as tf.Tensor4D, strides: [c.sh, c.sw], pad: c.pad, bias: bs }), rT));
          const transpose = (ys: tf.Tensor, fs: tf.Tensor): tf.Scalar =>
            tf.sum(tf.mul(tf.conv2dTranspose(ys as tf.Tensor4D, fs as tf.Tensor4D, [c.n, c.h, c.w, c.cin], [c.sh, c.sw], c.pad), xT));
          return [
            tf.conv2d(xT, fT, [c.sh, c.sw], c.pad),
            ...tf.grads(conv)([xT, fT]),
            tf.fused.conv2d({ x: xT, filter: fT, strides: [c.sh, c.sw], pad: c.pad, bias: bT }),
            ...tf.grads(fused)([xT, fT, bT]),
            tf.conv2dTranspose(rT, fT, [c.n, c.h, c.w, c.cin], [c.sh, c.sw], c.pad),
            ...tf.grads(transpose)([rT, fT]),
          ];
        });
        const err = Math.max(...cpu.map((v, i) => scaledError(wasm[i] ?? [], v)));
        worst = Math.max(worst, err);
        expect(err, describeConv(c)).toBeLessThanOrEqual(RTOL);
      }),
      { seed: 20240711, numRuns: RUNS },
    );
    console.info(`conv by matmul: worst wasm-vs-cpu scaled error ${worst.toExponential(2)}`);
  });

  it('is chosen by default only for few output pixels per weight', () => {
    setMatMulThresholds(1, 4096);
    const info = (x: [number, number, number, number], w: [number, number, number, number]) => tf.backend_util.computeConv2DInfo(x, w, 2, 1, 1);
    expect(prefersMatMul(info([1, 4, 4, 512], [4, 4, 512, 512]))).toBe(true);
    expect(prefersMatMul(info([1, 256, 256, 3], [4, 4, 3, 64]))).toBe(false);
    expect(prefersMatMul(info([1, 2, 2, 4], [4, 4, 4, 8]))).toBe(false); // too few weights to matter
    setMatMulThresholds(0, 0);
  });
});
