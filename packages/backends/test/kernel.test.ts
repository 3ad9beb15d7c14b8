import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterGradDilated, filterGradGeometry, filterGradIm2col, kernelScope } from '../src/index';
import { RTOL, scaledError, size, uniform } from './support/compare';
import { convConfig, convOutSize } from './support/conv-config';
import { ORACLE_OPTIONS, onBackend, onOracle } from './support/on-backends';

const attrs = (filterShape: [number, number, number, number], extra: Record<string, unknown> = {}) => ({
  strides: 2,
  pad: 1,
  dataFormat: 'NHWC' as const,
  filterShape,
  ...extra,
});

describe('filterGradGeometry', () => {
  it('resolves the forward padding (pix2pix k4 s2 p1)', () => {
    expect(filterGradGeometry([2, 8, 8, 3], [2, 4, 4, 5], attrs([4, 4, 3, 5]))).toEqual({
      batch: 2, inHeight: 8, inWidth: 8, inChannels: 3, outHeight: 4, outWidth: 4, outChannels: 5,
      filterHeight: 4, filterWidth: 4, strideHeight: 2, strideWidth: 2, padTop: 1, padLeft: 1,
    });
  });

  it("rejects NCHW clearly", () => {
    expect(() => filterGradGeometry([1, 3, 8, 8], [1, 5, 4, 4], attrs([4, 4, 3, 5], { dataFormat: 'NCHW' }))).toThrow(
      /dataFormat 'NCHW' is not supported; use 'NHWC'/,
    );
  });

  it('rejects a missing filterShape and a dy of the wrong shape', () => {
    expect(() => filterGradGeometry([1, 8, 8, 3], [1, 4, 4, 5], { strides: 2, pad: 1 })).toThrow(/filterShape/);
    expect(() => filterGradGeometry([1, 8, 8, 3], [1, 4, 4, 6], attrs([4, 4, 3, 5]))).toThrow(/forward conv outputs \[1,4,4,5\]/);
  });
});

describe('wasm Conv2DBackpropFilter, called as a kernel', () => {
  it("runs tfjs-core's op attributes directly, 'same' and explicit padding", async () => {
    const cases = [
      { x: [1, 7, 5, 2], dy: [1, 4, 3, 3], a: attrs([3, 3, 2, 3], { pad: 'same' }) },
      { x: [2, 6, 6, 1], dy: [2, 3, 2, 2], a: attrs([2, 3, 1, 2], { strides: [2, 3], pad: [[0, 0], [1, 0], [0, 2], [0, 0]] }) },
    ] as const;
    for (const c of cases) {
      const xs = uniform(1, size(c.x));
      const dys = uniform(2, size(c.dy));
      const results: Float32Array[] = [];
      for (const backend of ['cpu', 'wasm'] as const) {
        await onBackend(backend, backend === 'cpu' ? ORACLE_OPTIONS : {});
        const x = tf.tensor(xs, [...c.x]);
        const dy = tf.tensor(dys, [...c.dy]);
        const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...c.a }) as tf.Tensor;
        expect(dw.shape).toEqual([...c.a.filterShape]);
        results.push(Float32Array.from(dw.dataSync()));
        tf.dispose([x, dy, dw]);
      }
      expect(scaledError(results[1] ?? [], results[0] ?? [])).toBeLessThanOrEqual(RTOL);
    }
  });
});

describe('the im2col formulation equals the dilated one (wasm)', () => {
  it('on random configs', async () => {
    await onBackend('wasm');
    fc.assert(
      fc.property(convConfig, (c) => {
        const [oh, ow] = convOutSize(c);
        const info = tf.tidy(() => {
          const x = tf.tensor(uniform(c.seed, c.n * c.h * c.w * c.cin), [c.n, c.h, c.w, c.cin]);
          const dy = tf.tensor(uniform(c.seed + 1, c.n * oh * ow * c.cout), [c.n, oh, ow, c.cout]);
          const g = filterGradGeometry(x.shape, dy.shape, { strides: [c.sh, c.sw], pad: c.pad, dataFormat: 'NHWC', filterShape: [c.kh, c.kw, c.cin, c.cout] });
          const run = (f: typeof filterGradDilated): Float32Array =>
            Float32Array.from(tf.engine().makeTensorFromTensorInfo(kernelScope(tf.backend(), 'wasm', (k) => f(k, x, dy, g))).dataSync());
          return [run(filterGradDilated), run(filterGradIm2col)];
        });
        const [dilated, im2col] = info;
        expect(scaledError(im2col ?? [], dilated ?? [])).toBeLessThanOrEqual(RTOL);
      }),
      { seed: 11, numRuns: 30 },
    );
  });
});

describe("wasm 'same' padding", () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const run = (): number[] =>
    tf.tidy(() => Array.from(tf.conv2d(tf.tensor4d(x, [1, 1, 10, 1]), tf.tensor4d([1, 100], [2, 1, 1, 1]), [1, 2], 'same').dataSync()));
  const fused = (): number[] =>
    tf.tidy(() =>
      Array.from(tf.fused.conv2d({ x: tf.tensor4d(x, [1, 1, 10, 1]), filter: tf.tensor4d([1, 100], [2, 1, 1, 1]), strides: [1, 2], pad: 'same' }).dataSync()),
    );

  it("wasm's own Conv2D is wrong for a 2×1 kernel with strides [1, 2] (why it is wrapped)", async () => {
    await onBackend('wasm', { replaceKernels: false });
    try {
      expect(run()).toEqual([0, 0, 0, 0, 0]);
    } finally {
      await onBackend('wasm');
    }
  });

  it('with the wrapper, Conv2D and FusedConv2D equal cpu', async () => {
    await onOracle();
    const expected = [run(), fused()];
    expect(expected[0]).toEqual([1, 3, 5, 7, 9]);
    await onBackend('wasm');
    expect([run(), fused()]).toEqual(expected);
  });
});

describe('wasm Identity shares data (what tfjs-core runs to save tensors for the backward pass)', () => {
  it('a clone has the same values without a copy, and outlives its source', async () => {
    await onBackend('wasm');
    const before = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    expect(y.dataId).toBe(x.dataId); // one buffer, two tensors
    expect(tf.engine().backend.numDataIds()).toBe(buffers + 1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    expect(tf.memory().numTensors).toBe(before);
  });
});
