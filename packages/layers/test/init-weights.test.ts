import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNorm, conv2d, convTranspose2d, disposeTree, flattenTree, initWeights, key, orthogonal, serial, skip, INIT_TYPES } from '../src/index';
import { onBackend } from './support/backends';

const net = serial(
  conv2d({ filters: 32, kernel: 4, stride: 2, pad: 1 }),
  skip(serial(conv2d({ filters: 64, kernel: 4, stride: 2, pad: 1, bias: false }), batchNorm(), convTranspose2d({ filters: 32, kernel: 4, stride: 2, pad: 1 }))),
);

const stdOf = (t: tf.Tensor, mean = 0): number => {
  const v = Array.from(t.dataSync());
  return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
};

/** The parameters of `net` under an init choice, by path. */
const paramsWith = (type: (typeof INIT_TYPES)[number], gain: number): Map<string, tf.Tensor> => {
  const { params, state } = initWeights(net, { type, gain }).init(key(3), [2, 16, 16, 3]);
  disposeTree(state);
  return new Map(flattenTree(params));
};

describe('initWeights: the official init_weights(net, init_type, init_gain)', () => {
  beforeAll(() => onBackend('cpu'));

  it('normal: conv weights N(0, gain²), batch-norm gains N(1, gain²), biases 0', () => {
    const p = paramsWith('normal', 0.1);
    expect(stdOf(p.get('0.kernel') as tf.Tensor)).toBeCloseTo(0.1, 1);
    expect(stdOf(p.get('1.0.kernel') as tf.Tensor)).toBeCloseTo(0.1, 1);
    expect(stdOf(p.get('1.1.gamma') as tf.Tensor, 1)).toBeGreaterThan(0.05);
    expect(Array.from((p.get('0.bias') as tf.Tensor).dataSync()).every((x) => x === 0)).toBe(true);
    expect(Array.from((p.get('1.1.beta') as tf.Tensor).dataSync()).every((x) => x === 0)).toBe(true);
  });

  it('xavier and kaiming: the std PyTorch gives from the fans', () => {
    // 0.kernel: [4, 4, 3, 32]: fan_in 48, fan_out 512. 1.2.kernel (transposed, [4, 4, 32, 64]): fan_in 512, fan_out 1024.
    const x = paramsWith('xavier', 1);
    expect(stdOf(x.get('0.kernel') as tf.Tensor)).toBeCloseTo(Math.sqrt(2 / (48 + 512)), 2);
    expect(stdOf(x.get('1.2.kernel') as tf.Tensor)).toBeCloseTo(Math.sqrt(2 / (512 + 1024)), 2);
    const k = paramsWith('kaiming', 0.02);
    expect(stdOf(k.get('0.kernel') as tf.Tensor)).toBeCloseTo(Math.sqrt(2 / 48), 1);
    expect(stdOf(k.get('1.0.kernel') as tf.Tensor)).toBeCloseTo(Math.sqrt(2 / 512), 2);
  });

  it('orthogonal: PyTorch-dim-0 rows orthonormal times gain (wide and tall weights)', () => {
    for (const shape of [
      [4, 4, 3, 32], // [32, 48]: wide, rows orthonormal
      [1, 1, 64, 16], // [16, 64]: wide
      [2, 2, 3, 40], // [40, 12]: tall, columns orthonormal
      [1, 1, 96, 96], // square: several blocks, the worst-conditioned draw
      [4, 4, 16, 80], // [80, 256]: three blocks of rows projected on the earlier ones
    ]) {
      const w = orthogonal(0.5)(key(1), shape, { fanIn: 1, fanOut: 1 });
      const rows = shape[3] ?? 1;
      const m = tf.transpose(tf.reshape(w, [-1, rows])); // [rows, cols], PyTorch's view
      const gram = rows <= (m.shape[1] ?? 0) ? tf.matMul(m, m, false, true) : tf.matMul(m, m, true, false);
      const eye = tf.mul(tf.eye(gram.shape[0] ?? 0), 0.25);
      expect(tf.max(tf.abs(tf.sub(gram, eye))).dataSync()[0]).toBeLessThan(1e-5);
    }
  });

  it('is a pure function of the key, leaves the shapes, and apply is the network\'s own', () => {
    const a = paramsWith('orthogonal', 0.02);
    const b = paramsWith('orthogonal', 0.02);
    const plain = net.init(key(3), [2, 16, 16, 3]);
    const flat = new Map(flattenTree(plain.params));
    for (const [path, t] of a) {
      expect(Array.from(t.dataSync()), path).toEqual(Array.from((b.get(path) as tf.Tensor).dataSync()));
      expect(t.shape, path).toEqual((flat.get(path) as tf.Tensor).shape);
    }
    expect(Array.from((a.get('0.kernel') as tf.Tensor).dataSync())).not.toEqual(Array.from((flat.get('0.kernel') as tf.Tensor).dataSync()));
    const wrapped = initWeights(net, { type: 'orthogonal', gain: 0.02 });
    expect(wrapped.sig).toBe(net.sig);
    expect(wrapped.impl.apply).toBe(net.impl.apply);
  });
});
