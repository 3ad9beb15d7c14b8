import * as tf from '@tensorflow/tfjs-core';

/**
 * Training-mode batch normalisation of an NHWC tensor over N, H and W with the given batch
 * statistics (the biased variance, as PyTorch normalises with), and a gradient written for it:
 * PyTorch's training-mode batch-norm backward, with `x̂ = (x − μ)·σ⁻¹`, `σ⁻¹ = 1/√(var + ε)` and
 * `M = N·H·W`,
 *
 * `dx = γ·σ⁻¹ · (dy − Σdy/M − x̂ · Σ(dy·x̂)/M)`, `dγ = Σ(dy·x̂)`, `dβ = Σdy`
 *
 * where the dependence of μ and var on x is accounted for by the formula, so `mean` and
 * `variance` are taken as constants (computed by the caller from `x`; their own uses, e.g. the
 * running statistics, carry no gradient). The per-channel terms are broadcast, never tiled to the
 * full tensor (tfjs-core's `FusedBatchNorm` gradient tiles them, ~6% of a wasm training step).
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
 * import { batchNormTrain } from '@pix2pix-ts/layers';
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
