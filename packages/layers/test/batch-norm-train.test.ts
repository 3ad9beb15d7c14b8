import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchNormTrain } from '../src/index';
import { NODE_BACKENDS, onBackend } from './support/backends';

/** Deterministic values in [-1, 1) (mulberry32). */
function uniform(seed: number, n: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  });
}

interface Case {
  readonly shape: [number, number, number, number];
  readonly x: number[];
  readonly gamma: number[];
  readonly beta: number[];
  readonly r: number[];
}

/**
 * Float64 reference of PyTorch's training-mode batch norm for the loss `Σ y·r`: the output and
 * the gradients w.r.t. x, γ and β, straight from the definition (biased variance, ε = 1e-5).
 */
function reference(c: Case): number[][] {
  const [n, h, w, ch] = c.shape;
  const m = n * h * w;
  const y = new Array<number>(c.x.length).fill(0);
  const dx = new Array<number>(c.x.length).fill(0);
  const dGamma = new Array<number>(ch).fill(0);
  const dBeta = new Array<number>(ch).fill(0);
  for (let k = 0; k < ch; k++) {
    const idx = Array.from({ length: m }, (_, i) => i * ch + k);
    const xs = idx.map((i) => c.x[i] ?? 0);
    const mu = xs.reduce((a, b) => a + b, 0) / m;
    const v = xs.reduce((a, b) => a + (b - mu) ** 2, 0) / m;
    const inv = 1 / Math.sqrt(v + 1e-5);
    const g = c.gamma[k] ?? 0;
    const hat = xs.map((xi) => (xi - mu) * inv);
    const dy = idx.map((i) => c.r[i] ?? 0);
    const sDy = dy.reduce((a, b) => a + b, 0);
    const sDyHat = dy.reduce((a, d, j) => a + d * (hat[j] ?? 0), 0);
    dGamma[k] = sDyHat;
    dBeta[k] = sDy;
    idx.forEach((i, j) => {
      y[i] = g * (hat[j] ?? 0) + (c.beta[k] ?? 0);
      dx[i] = (g * inv * (m * (dy[j] ?? 0) - sDy - (hat[j] ?? 0) * sDyHat)) / m;
    });
  }
  return [y, dx, dGamma, dBeta];
}

function computed(c: Case): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(c.x, c.shape);
    const r = tf.tensor4d(c.r, c.shape);
    const [gamma, beta] = [tf.tensor1d(c.gamma), tf.tensor1d(c.beta)];
    const bn = (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor4D => {
      const { mean, variance } = tf.moments(xs, [0, 1, 2]);
      return batchNormTrain(xs as tf.Tensor4D, mean as tf.Tensor1D, variance as tf.Tensor1D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5);
    };
    const grads = tf.grads((xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(bn(xs, g, b), r)))([x, gamma, beta]);
    return [bn(x, gamma, beta), ...grads].map((t) => Float32Array.from(t.dataSync()));
  });
}

/** maxᵢ |a − b| / (|b| + max(1, ‖b‖∞)) (see the backends' tests). */
function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i] ?? 0));
  let worst = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? Number.NaN) - (b[i] ?? Number.NaN)) / (Math.abs(b[i] ?? 0) + scale));
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst;
}

describe('batchNormTrain: output and gradients equal a float64 reference of PyTorch training-mode batch norm', () => {
  const shapes: Array<[number, number, number, number]> = [
    [1, 1, 1, 1],
    [1, 2, 2, 3],
    [2, 3, 5, 4],
    [1, 8, 8, 16],
    [3, 4, 2, 7],
    [1, 1, 1, 64], // one value per channel: x̂ = 0, the gradient w.r.t. x is 0
    [2, 16, 16, 8],
  ];
  for (const backend of NODE_BACKENDS) {
    it(`${backend}: ${shapes.length} shapes`, async () => {
      await onBackend(backend);
      let worst = 0;
      shapes.forEach((shape, s) => {
        const size = shape.reduce((a, b) => a * b, 1);
        const offset = (s % 3) * 5; // non-zero means, as after a conv with bias
        const c: Case = {
          shape,
          x: uniform(10 * s + 1, size).map((v) => 3 * v + offset),
          gamma: uniform(10 * s + 2, shape[3]).map((v) => 1 + 0.5 * v),
          beta: uniform(10 * s + 3, shape[3]),
          r: uniform(10 * s + 4, size),
        };
        const before = tf.memory().numTensors;
        const got = computed(c);
        expect(tf.memory().numTensors).toBe(before);
        reference(c).forEach((ref, i) => {
          const err = scaledError(got[i] ?? [], ref);
          worst = Math.max(worst, err);
          expect(err, `shape [${shape.join(',')}] output ${i}`).toBeLessThanOrEqual(1e-5);
        });
      });
      console.info(`batchNormTrain on ${backend}: worst scaled error ${worst.toExponential(2)}`);
    });
  }
});
