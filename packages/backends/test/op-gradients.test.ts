import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { RTOL, scaledError, size, uniform } from './support/compare';
import { onEachBackend } from './support/on-backends';

/**
 * The audit: every op the pix2pix layers and losses use, differentiated w.r.t. every input on
 * wasm and on cpu. A missing wasm kernel throws here; a wrong one differs from cpu.
 */
type Shape = readonly number[];
interface OpCase {
  /** Shapes of the differentiated inputs (values in [-1, 1), the same on both backends). */
  readonly inputs: readonly Shape[];
  /** The op under test; the loss is Σ op(inputs) · r for a fixed random r. */
  readonly op: (...xs: tf.Tensor[]) => tf.Tensor;
}

const x4 = [2, 8, 8, 3] as const;
const eps = 1e-5;
const asT4 = (t: tf.Tensor): tf.Tensor4D => tf.reshape(t, t.shape as [number, number, number, number]);
/** A fixed 0/1 dropout mask, scaled by 1/keep as in inverted dropout. */
const mask = (shape: Shape): tf.Tensor => tf.tensor(uniform(99, size(shape)).map((u) => (u > -0.0 ? 2 : 0)), [...shape]);
const moments = (x: tf.Tensor, axes: number[]): { mean: tf.Tensor; variance: tf.Tensor } => tf.moments(x, axes, true);

const CASES: Record<string, OpCase> = {
  'conv2d k4 s2 pad 1 (pix2pix down)': { inputs: [x4, [4, 4, 3, 5]], op: (x, f) => tf.conv2d(asT4(x), asT4(f), 2, 1) },
  'conv2d k7 s1 pad 3 (ResNet stem)': { inputs: [x4, [7, 7, 3, 2]], op: (x, f) => tf.conv2d(asT4(x), asT4(f), 1, 3) },
  'conv2d k3 s2 same': { inputs: [x4, [3, 3, 3, 4]], op: (x, f) => tf.conv2d(asT4(x), asT4(f), 2, 'same') },
  'conv2d k1 s1 valid': { inputs: [x4, [1, 1, 3, 4]], op: (x, f) => tf.conv2d(asT4(x), asT4(f), 1, 'valid') },
  'conv2d k3 s3 explicit asymmetric pad': {
    inputs: [x4, [3, 3, 3, 2]],
    op: (x, f) => tf.conv2d(asT4(x), asT4(f), 3, [[0, 0], [0, 2], [1, 3], [0, 0]]),
  },
  'conv2d after tf.pad (zero padding as a layer)': {
    inputs: [x4, [4, 4, 3, 2]],
    op: (x, f) => tf.conv2d(asT4(tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]])), asT4(f), 2, 'valid'),
  },
  'conv2d after mirrorPad reflect (ResNet block)': {
    inputs: [x4, [3, 3, 3, 3]],
    op: (x, f) => tf.conv2d(asT4(tf.mirrorPad(x, [[0, 0], [1, 1], [1, 1], [0, 0]], 'reflect')), asT4(f), 1, 'valid'),
  },
  'conv2dTranspose k4 s2 pad 1 (pix2pix up)': {
    inputs: [[2, 4, 4, 5], [4, 4, 3, 5]],
    op: (y, f) => tf.conv2dTranspose(asT4(y), asT4(f), [2, 8, 8, 3], 2, 1),
  },
  'conv2dTranspose k3 s2 same': {
    inputs: [[2, 4, 4, 5], [3, 3, 3, 5]],
    op: (y, f) => tf.conv2dTranspose(asT4(y), asT4(f), [2, 8, 8, 3], 2, 'same'),
  },
  'batch norm (moments over N,H,W; rsqrt)': {
    inputs: [x4, [3], [3]],
    op: (x, gamma, beta) => {
      const { mean, variance } = moments(x, [0, 1, 2]);
      return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gamma), beta);
    },
  },
  'batch norm (tf.batchNorm, FusedBatchNorm)': {
    inputs: [x4, [3], [3]],
    op: (x, gamma, beta) => {
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      return tf.batchNorm(x, mean, variance, beta, gamma, eps);
    },
  },
  'batch norm (tf.mean / squared difference)': {
    inputs: [x4],
    op: (x) => {
      const mean = tf.mean(x, [0, 1, 2], true);
      const variance = tf.mean(tf.squaredDifference(x, mean), [0, 1, 2], true);
      return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps)));
    },
  },
  'instance norm (moments over H,W)': {
    inputs: [x4, [3], [3]],
    op: (x, gamma, beta) => {
      const { mean, variance } = moments(x, [1, 2]);
      return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gamma), beta);
    },
  },
  'leakyRelu 0.2': { inputs: [x4], op: (x) => tf.leakyRelu(x, 0.2) },
  relu: { inputs: [x4], op: (x) => tf.relu(x) },
  tanh: { inputs: [x4], op: (x) => tf.tanh(x) },
  sigmoid: { inputs: [x4], op: (x) => tf.sigmoid(x) },
  'dropout (mul by mask)': { inputs: [x4], op: (x) => tf.mul(x, mask(x4)) },
  'concat on channels (skip connection)': { inputs: [x4, [2, 8, 8, 2]], op: (a, b) => tf.concat([a, b], 3) },
  'mirrorPad reflect': { inputs: [x4], op: (x) => tf.mirrorPad(x, [[0, 0], [3, 2], [1, 3], [0, 0]], 'reflect') },
  'mirrorPad symmetric': { inputs: [x4], op: (x) => tf.mirrorPad(x, [[0, 0], [2, 1], [0, 3], [0, 0]], 'symmetric') },
  add: { inputs: [x4, x4], op: (a, b) => tf.add(a, b) },
  'add with broadcast (bias)': { inputs: [x4, [3]], op: (a, b) => tf.add(a, b) },
  'sigmoid cross-entropy with logits (relu, abs, log1p, exp, neg)': {
    inputs: [x4],
    op: (logits) => {
      const z = tf.tensor(uniform(7, size(x4)).map((u) => (u > 0 ? 1 : 0)), [...x4]);
      return tf.add(tf.sub(tf.relu(logits), tf.mul(logits, z)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    },
  },
  'tf.losses.sigmoidCrossEntropy': {
    inputs: [x4],
    op: (logits) => tf.losses.sigmoidCrossEntropy(tf.onesLike(logits), logits),
  },
  'L1 (abs, mean)': { inputs: [x4, x4], op: (a, b) => tf.mean(tf.abs(tf.sub(a, b))) },
  MSE: { inputs: [x4, x4], op: (a, b) => tf.mean(tf.square(tf.sub(a, b))) },
  'tf.losses.meanSquaredError': { inputs: [x4, x4], op: (a, b) => tf.losses.meanSquaredError(b, a) },
};

describe('gradients of every pix2pix op: wasm equals cpu', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      const data = c.inputs.map((shape, i) => uniform(1000 + i, size(shape)));
      const { cpu, wasm } = await onEachBackend(() => {
        const xs = c.inputs.map((shape, i) => tf.tensor(data[i] ?? [], [...shape]));
        const loss = (...ts: tf.Tensor[]): tf.Scalar => {
          const y = c.op(...ts);
          return tf.sum(tf.mul(y, tf.tensor(uniform(7777, y.size), y.shape)));
        };
        return tf.grads(loss)(xs);
      });
      expect(wasm).toHaveLength(c.inputs.length);
      cpu.forEach((g, i) => {
        expect(g.every(Number.isFinite)).toBe(true);
        expect(scaledError(wasm[i] ?? [], g), `input ${i}`).toBeLessThanOrEqual(RTOL);
      });
    });
  }

  it('variableGrads through a small encoder-decoder with both losses', async () => {
    const shapes = { down: [4, 4, 3, 4], up: [4, 4, 3, 4], gamma: [4], beta: [4], disc: [4, 4, 6, 1] } as const;
    const values = Object.fromEntries(Object.entries(shapes).map(([k, s], i) => [k, uniform(50 + i, size(s))]));
    const xs = uniform(60, size(x4));
    const target = uniform(61, size(x4));
    const { cpu, wasm } = await onEachBackend(() => {
      const v = Object.fromEntries(
        Object.entries(shapes).map(([k, s]) => [k, tf.variable(tf.tensor(values[k] ?? [], [...s]), true, `${k}-${tf.getBackend()}`)]),
      );
      const x = tf.tensor4d(xs, [...x4]);
      const y = tf.tensor4d(target, [...x4]);
      const need = (k: keyof typeof shapes): tf.Variable => {
        const t = v[k];
        if (t === undefined) throw new Error(`no variable ${k}`);
        return t;
      };
      const { grads } = tf.variableGrads(() => {
        const h = tf.leakyRelu(tf.conv2d(x, asT4(need('down')), 2, 1), 0.2);
        const { mean, variance } = moments(h, [0, 1, 2]);
        const n = tf.add(tf.mul(tf.mul(tf.sub(h, mean), tf.rsqrt(tf.add(variance, eps))), need('gamma')), need('beta'));
        const out = tf.tanh(tf.conv2dTranspose(asT4(tf.relu(n)), asT4(need('up')), [...x4], 2, 1));
        const logits = tf.conv2d(asT4(tf.concat([x, out], 3)), asT4(need('disc')), 2, 1);
        const gan = tf.losses.sigmoidCrossEntropy(tf.onesLike(logits), logits);
        return tf.add(gan, tf.mul(100, tf.mean(tf.abs(tf.sub(out, y))))) as tf.Scalar;
      });
      const ordered = Object.keys(shapes).map((k) => grads[`${k}-${tf.getBackend()}`] ?? tf.scalar(Number.NaN));
      Object.values(v).forEach((t) => t.dispose());
      return ordered;
    });
    cpu.forEach((g, i) => expect(scaledError(wasm[i] ?? [], g), Object.keys(shapes)[i]).toBeLessThanOrEqual(RTOL));
  });
});
