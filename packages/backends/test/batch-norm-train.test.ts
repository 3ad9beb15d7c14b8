import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD, batchNormTraining, hasBatchNormTrain, registerExtraKernels } from '../src/index';
import { scaledError, uniform } from './support/compare';
import { kernelsRun } from './support/kernels-run';
import { NODE_BACKENDS, onBackend } from './support/on-backends';

/**
 * The two ways `batchNormTraining` goes: the fused kernels, and (with them unregistered, as on webgl
 * and webgpu) tfjs ops with a custom gradient.
 */
const PATHS = ['fused kernels', 'composite'] as const;
type Path = (typeof PATHS)[number];

interface Case {
  readonly shape: [number, number, number, number];
  readonly x: number[];
  readonly gamma: number[];
  readonly beta: number[];
  readonly r: number[];
  /** Running statistics before the batch. */
  readonly runningMean: number[];
  readonly runningVariance: number[];
}

const MOMENTUM = 0.1;

/** Runs `f` with the active backend's fused batch-norm kernel unregistered, then registers it again. */
function withoutFusedKernel<T>(f: () => T): T {
  const backend = tf.getBackend();
  tf.unregisterKernel(BATCH_NORM_TRAIN, backend);
  try {
    expect(hasBatchNormTrain()).toBe(false);
    return f();
  } finally {
    registerExtraKernels(backend === 'cpu' ? 'cpu' : 'wasm');
  }
}

/**
 * Float64 reference of PyTorch's training-mode batch norm for the loss `Σ y·r`: the output, the
 * gradients w.r.t. x, γ and β, and the batch mean and biased variance, straight from the
 * definition (ε = 1e-5).
 */
function reference(c: Case): number[][] {
  const [n, h, w, ch] = c.shape;
  const m = n * h * w;
  const y = new Array<number>(c.x.length).fill(0);
  const dx = new Array<number>(c.x.length).fill(0);
  const dGamma = new Array<number>(ch).fill(0);
  const dBeta = new Array<number>(ch).fill(0);
  const means = new Array<number>(ch).fill(0);
  const variances = new Array<number>(ch).fill(0);
  for (let k = 0; k < ch; k++) {
    const idx = Array.from({ length: m }, (_, i) => i * ch + k);
    const xs = idx.map((i) => c.x[i] ?? 0);
    const mu = xs.reduce((a, b) => a + b, 0) / m;
    const v = xs.reduce((a, b) => a + (b - mu) ** 2, 0) / m;
    means[k] = mu;
    variances[k] = v;
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
  const runningMean = means.map((mu, k) => (1 - MOMENTUM) * (c.runningMean[k] ?? 0) + MOMENTUM * mu);
  const runningVariance = variances.map((v, k) => (1 - MOMENTUM) * (c.runningVariance[k] ?? 0) + (MOMENTUM * v * m) / Math.max(1, m - 1));
  return [y, dx, dGamma, dBeta, means, variances, runningMean, runningVariance];
}

/** Running statistics of a fresh batch norm over 3 channels (what the kernel-count test does not look at). */
const running = (channels = 3): { mean: tf.Tensor1D; variance: tf.Tensor1D } => ({ mean: tf.zeros([channels]), variance: tf.ones([channels]) });

/** Output, gradients (x, γ, β) of `Σ y·r`, mean, variance and running statistics, by one path. */
function computed(c: Case, path: Path): Float32Array[] {
  const compute = (): Float32Array[] =>
    tf.tidy(() => {
      const x = tf.tensor4d(c.x, c.shape);
      const r = tf.tensor4d(c.r, c.shape);
      const [gamma, beta] = [tf.tensor1d(c.gamma), tf.tensor1d(c.beta)];
      const before = { mean: tf.tensor1d(c.runningMean), variance: tf.tensor1d(c.runningVariance) };
      const bn = (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => batchNormTraining(xs as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, before, { epsilon: 1e-5, momentum: MOMENTUM });
      const grads = tf.grads((xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(bn(xs, g, b).y, r)))([x, gamma, beta]);
      const out = bn(x, gamma, beta);
      return [out.y, ...grads, out.mean, out.variance, out.running.mean, out.running.variance].map((t) => Float32Array.from(t.dataSync()));
    });
  return path === 'fused kernels' ? compute() : withoutFusedKernel(compute);
}

/** The kernels one forward and backward of `path` runs, by name. */
function kernelsOf(path: Path): string[] {
  return tf.tidy(() => {
    const x = tf.randomNormal([1, 4, 4, 3]);
    const [gamma, beta] = [tf.ones([3]), tf.zeros([3])];
    const loss = (xs: tf.Tensor): tf.Scalar => tf.sum(batchNormTraining(xs as tf.Tensor4D, gamma as tf.Tensor1D, beta as tf.Tensor1D, running(), { epsilon: 1e-5, momentum: MOMENTUM }).y);
    return kernelsRun(() => (path === 'fused kernels' ? tf.grad(loss)(x) : withoutFusedKernel(() => tf.grad(loss)(x))));
  });
}

describe('batchNormTraining: the fused kernels and the composite both equal a float64 reference of PyTorch training-mode batch norm', () => {
  const shapes: Array<[number, number, number, number]> = [
    [1, 1, 1, 1],
    [1, 2, 2, 3],
    [2, 3, 5, 4],
    [1, 8, 8, 16],
    [3, 4, 2, 7],
    [1, 1, 1, 64], // one value per channel: x̂ = 0, the gradient w.r.t. x is 0
    [2, 16, 16, 8],
  ];
  for (const [backend, path] of NODE_BACKENDS.flatMap((b) => PATHS.map((p) => [b, p] as const))) {
    it(`${backend}, ${path}: ${shapes.length} shapes (output, dx, dγ, dβ, mean, variance, running mean and variance)`, async () => {
      await onBackend(backend);
      expect(hasBatchNormTrain()).toBe(true); // useBackend registered the kernels
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
          runningMean: uniform(10 * s + 5, shape[3]),
          runningVariance: uniform(10 * s + 6, shape[3]).map((v) => 1 + 0.5 * v),
        };
        const before = tf.memory().numTensors;
        const got = computed(c, path);
        expect(tf.memory().numTensors).toBe(before);
        reference(c).forEach((ref, i) => {
          const err = scaledError(got[i] ?? [], ref);
          worst = Math.max(worst, err);
          expect(err, `shape [${shape.join(',')}] output ${i}`).toBeLessThanOrEqual(1e-5);
        });
      });
      console.info(`batchNormTraining on ${backend}, ${path}: worst scaled error ${worst.toExponential(2)}`);
    });
  }

  for (const backend of NODE_BACKENDS) {
    it(`${backend}: the fused path runs 2 kernels of its own where the composite runs many`, async () => {
      await onBackend(backend);
      const fused = kernelsOf('fused kernels');
      const composite = kernelsOf('composite');
      expect(fused.filter((k) => k === BATCH_NORM_TRAIN)).toHaveLength(1);
      expect(fused.filter((k) => k === BATCH_NORM_TRAIN_GRAD)).toHaveLength(1);
      expect(fused).not.toContain('FusedBatchNorm');
      expect(composite).not.toContain(BATCH_NORM_TRAIN);
      expect(fused.length).toBeLessThan(composite.length);
      console.info(`${backend}: one batch norm forward and backward (and a sum), ${fused.length} kernels fused, ${composite.length} composite`);
    });

    it(`${backend}: the kernels refuse inputs that do not fit, naming the input`, async () => {
      await onBackend(backend);
      const run = (inputs: Record<string, tf.Tensor>, attrs: Record<string, number> = { epsilon: 1e-5 }) => () =>
        tf.tidy(() => {
          tf.engine().runKernel(BATCH_NORM_TRAIN, inputs, attrs);
        });
      const stats = { runningMean: tf.zeros([3]), runningVariance: tf.ones([3]) };
      expect(run({ x: tf.zeros([2, 3]), gamma: tf.ones([3]), beta: tf.zeros([3]), ...stats })).toThrow(`${BATCH_NORM_TRAIN}: x must be 4-D (NHWC), got [2, 3]`);
      expect(run({ x: tf.zeros([1, 2, 2, 3]), gamma: tf.ones([4]), beta: tf.zeros([3]), ...stats })).toThrow(`${BATCH_NORM_TRAIN}: input 'gamma' has shape [4], x is [1, 2, 2, 3]`);
      expect(run({ x: tf.zeros([1, 2, 2, 3]), gamma: tf.ones([3]), ...stats })).toThrow(`${BATCH_NORM_TRAIN}: input 'beta' is missing`);
      expect(run({ x: tf.zeros([1, 2, 2, 3]), gamma: tf.ones([3]), beta: tf.zeros([3]), ...stats }, { momentum: 0.1 })).toThrow(`${BATCH_NORM_TRAIN}: attribute 'epsilon' must be a number ≥ 0`);
      expect(run({ x: tf.zeros([1, 2, 2, 3]), gamma: tf.ones([3]), beta: tf.zeros([3]), ...stats }, { epsilon: 0, momentum: 2 })).toThrow(`${BATCH_NORM_TRAIN}: attribute 'momentum' must be a number in [0, 1]`);
      expect(run({ x: tf.zeros([1, 2, 2, 3]), gamma: tf.ones([3]), beta: tf.zeros([3]), runningMean: tf.zeros([3]) })).toThrow(`${BATCH_NORM_TRAIN}: input 'runningVariance' is missing`);
      const grad = () =>
        tf.tidy(() => {
          tf.engine().runKernel(BATCH_NORM_TRAIN_GRAD, { dy: tf.zeros([1, 2, 2, 2]), x: tf.zeros([1, 2, 2, 3]), mean: tf.zeros([3]), variance: tf.ones([3]), gamma: tf.ones([3]) }, { epsilon: 0 });
        });
      expect(grad).toThrow(`${BATCH_NORM_TRAIN_GRAD}: input 'dy' has shape [1, 2, 2, 2], x is [1, 2, 2, 3]`);
    });
  }
});
