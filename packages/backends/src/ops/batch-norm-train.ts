import * as tf from '@tensorflow/tfjs-core';
import { BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD } from '../registry/kernel-names';
import type { BatchNormTrainAttrs, RunningMoments } from '../shared/batch-norm-train-math';

/**
 * Training-mode batch normalisation of an NHWC tensor over N, H and W with the given batch
 * statistics (the biased variance, as PyTorch normalises with), composed of tfjs ops, with a
 * gradient written for it: PyTorch's training-mode batch-norm backward, with `x̂ = (x − μ)·σ⁻¹`,
 * `σ⁻¹ = 1/√(var + ε)` and `M = N·H·W`,
 *
 * `dx = γ·σ⁻¹ · (dy − Σdy/M − x̂ · Σ(dy·x̂)/M)`, `dγ = Σ(dy·x̂)`, `dβ = Σdy`
 *
 * where the dependence of μ and var on x is accounted for by the formula, so `mean` and
 * `variance` are taken as constants (computed by the caller from `x`). The per-channel terms are
 * broadcast, never tiled to the full tensor (tfjs-core's `FusedBatchNorm` gradient tiles them).
 * {@link batchNormTraining} uses it on backends without the fused kernel (webgl, webgpu).
 *
 * @param x `[N,H,W,C]`
 * @param mean the batch mean, `[C]`
 * @param variance the biased batch variance, `[C]`
 * @param gamma the gain, `[C]`
 * @param beta the offset, `[C]`
 * @param epsilon added to the variance
 * @returns `γ·x̂ + β`, `[N,H,W,C]`, differentiable w.r.t. `x`, `gamma` and `beta`
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { batchNormTrain } from '@pix2pix-ts/backends';
 * const x = tf.randomNormal([2, 4, 4, 3]);
 * const { mean, variance } = tf.moments(x, [0, 1, 2]);
 * const y = batchNormTrain(x as tf.Tensor4D, mean as tf.Tensor1D, variance as tf.Tensor1D, tf.ones([3]), tf.zeros([3]), 1e-5);
 * ```
 */
export function batchNormTrain(
  x: tf.Tensor4D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): tf.Tensor4D {
  const count = x.size / (x.shape[3] || 1);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xs, g, b, save] = args;
    if (!(xs instanceof tf.Tensor) || !(g instanceof tf.Tensor) || !(b instanceof tf.Tensor) || typeof save !== 'function') {
      throw new Error('batchNormTrain: customGrad passes (x, gamma, beta, save)'); // unreachable
    }
    const x4 = xs as tf.Tensor4D;
    const invStd = tf.rsqrt(tf.add(variance, epsilon));
    // x̂ through the fused kernel (one pass); y likewise.
    const xHat = tf.batchNorm(x4, mean, variance, undefined, undefined, epsilon);
    const value = tf.batchNorm(x4, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, epsilon);
    save([xHat, invStd, g]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sHat, sInvStd, sGamma] = saved;
        if (sHat === undefined || sInvStd === undefined || sGamma === undefined) throw new Error('batchNormTrain: saved tensors missing'); // unreachable: three saved
        const axes = [0, 1, 2];
        const dBeta = tf.sum(dy, axes);
        const dGamma = tf.sum(tf.mul(dy, sHat), axes);
        const scale = tf.mul(sGamma, sInvStd); // γ·σ⁻¹
        // dx = dy·scale + x̂·(−scale·Σ(dy·x̂)/M) + (−scale·Σdy/M); the x̂ term and the constant in
        // one fused per-channel affine pass (batchNorm with mean 0, variance 1, ε 0).
        const zeros = tf.zerosLike(dBeta);
        const affine = tf.batchNorm(
          sHat as tf.Tensor4D,
          zeros as tf.Tensor1D,
          tf.onesLike(dBeta) as tf.Tensor1D,
          tf.mul(scale, tf.div(dBeta, -count)) as tf.Tensor1D,
          tf.mul(scale, tf.div(dGamma, -count)) as tf.Tensor1D,
          0,
        );
        const dx = tf.add(tf.mul(dy, scale), affine);
        return [dx, dGamma, dBeta];
      },
    };
  });
  return f(x, gamma, beta) as tf.Tensor4D;
}

/**
 * Whether `backend` (default: the active one) has the fused batch-norm kernels {@link BATCH_NORM_TRAIN}
 * and {@link BATCH_NORM_TRAIN_GRAD} and their gradient is registered, i.e. `useBackend(backend)` ran
 * on cpu or wasm.
 *
 * @example
 * ```ts
 * import { hasBatchNormTrain, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu');
 * hasBatchNormTrain(); // true
 * ```
 */
export function hasBatchNormTrain(backend: string = tf.getBackend()): boolean {
  return tf.getKernel(BATCH_NORM_TRAIN, backend) !== undefined && tf.getKernel(BATCH_NORM_TRAIN_GRAD, backend) !== undefined && tf.getGradient(BATCH_NORM_TRAIN) !== undefined;
}

/**
 * The output of {@link batchNormTraining}: the normalised tensor, the batch statistics it used, the
 * running ones.
 *
 * @example
 * ```ts
 * import type { BatchNormTrainingResult } from '@pix2pix-ts/backends';
 *
 * const nextState = (r: BatchNormTrainingResult) => r.running; // what a batch-norm layer keeps
 * ```
 */
export interface BatchNormTrainingResult {
  /** `γ·(x − μ)/√(var + ε) + β`, differentiable w.r.t. `x`, `gamma` and `beta`. */
  readonly y: tf.Tensor4D;
  /** The batch mean, `[C]` (no gradient flows back through it). */
  readonly mean: tf.Tensor1D;
  /** The biased batch variance, `[C]` (no gradient flows back through it). */
  readonly variance: tf.Tensor1D;
  /** The running statistics after this batch (PyTorch's update, the unbiased variance), `[C]` each. */
  readonly running: RunningMoments<tf.Tensor1D>;
}

/**
 * Training-mode batch normalisation with PyTorch's forward and backward (see {@link batchNormTrain}):
 * the batch statistics over N, H, W, the normalised output, and the running statistics updated with
 * them (`(1 − momentum)·old + momentum·batch`, the unbiased variance). Where the active backend has
 * the fused kernels ({@link hasBatchNormTrain}: cpu and wasm after `useBackend`), that is one kernel
 * forward and one backward; elsewhere tfjs ops (`tf.moments`, {@link batchNormTrain}), the same values.
 *
 * @param x `[N,H,W,C]`
 * @param gamma the gain, `[C]`
 * @param beta the offset, `[C]`
 * @param running the running statistics before this batch, `[C]` each
 * @param attrs `epsilon` (added to the variance) and `momentum` (the weight of this batch)
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { batchNormTraining, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu');
 * const { y, mean, variance, running } = batchNormTraining(tf.tensor4d([1, 3], [2, 1, 1, 1]), tf.ones([1]), tf.zeros([1]),
 *   { mean: tf.zeros([1]), variance: tf.ones([1]) }, { epsilon: 0, momentum: 0.1 });
 * y.print(); // [[[[-1]]], [[[1]]]]
 * mean.print(); // [2]
 * variance.print(); // [1]
 * running.variance.print(); // [1.1]: 0.9·1 + 0.1·2 (unbiased)
 * ```
 */
export function batchNormTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  running: RunningMoments<tf.Tensor1D>,
  attrs: BatchNormTrainAttrs,
): BatchNormTrainingResult {
  if (hasBatchNormTrain()) {
    const out = tf.engine().runKernel(
      BATCH_NORM_TRAIN,
      { x, gamma, beta, runningMean: running.mean, runningVariance: running.variance },
      { epsilon: attrs.epsilon, momentum: attrs.momentum },
    );
    const [y, mean, variance, runningMean, runningVariance] = Array.isArray(out) ? out : [];
    if (y === undefined || mean === undefined || variance === undefined || runningMean === undefined || runningVariance === undefined) {
      throw new Error(`${BATCH_NORM_TRAIN}: the kernel must return 5 tensors`);
    }
    // The kernel's outputs have the shapes its input checks ensure: x's, then [C] four times.
    const perChannel = (t: tf.Tensor): tf.Tensor1D => t as tf.Tensor1D;
    return { y: y as tf.Tensor4D, mean: perChannel(mean), variance: perChannel(variance), running: { mean: perChannel(runningMean), variance: perChannel(runningVariance) } };
  }
  const moments = tf.moments(x, [0, 1, 2]);
  // tf.moments over three of four axes gives [C] statistics.
  const [mean, variance] = [moments.mean as tf.Tensor1D, moments.variance as tf.Tensor1D];
  const count = x.size / (x.shape[3] || 1);
  const unbiased = count > 1 ? tf.mul(variance, count / (count - 1)) : variance;
  const { momentum } = attrs;
  return {
    y: batchNormTrain(x, mean, variance, gamma, beta, attrs.epsilon),
    mean,
    variance,
    running: {
      mean: tf.add(tf.mul(running.mean, 1 - momentum), tf.mul(mean, momentum)),
      variance: tf.add(tf.mul(running.variance, 1 - momentum), tf.mul(unbiased, momentum)),
    },
  };
}
