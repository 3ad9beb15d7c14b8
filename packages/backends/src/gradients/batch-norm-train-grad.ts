import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, NamedAttrMap } from '@tensorflow/tfjs-core';
import { BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD } from '../registry/kernel-names';

/**
 * The gradient of {@link BATCH_NORM_TRAIN}: one {@link BATCH_NORM_TRAIN_GRAD} kernel for `x`, `gamma`
 * and `beta` together. Only `y`'s gradient is used: the batch and running statistics it also outputs
 * are taken as constants (they carry no gradient, as in PyTorch), while the dependence of the batch
 * statistics on `x` inside `y` is part of the formula. Saved: the inputs `x` and `gamma`, the outputs `mean` and
 * `variance`. The kernel registry registers it with the kernels (`registerExtraKernels`).
 *
 * @example
 * ```ts
 * import { batchNormTrainGradConfig } from '@pix2pix-ts/backends';
 *
 * batchNormTrainGradConfig.kernelName; // 'Pix2PixBatchNormTrain'
 * ```
 */
export const batchNormTrainGradConfig: GradConfig = {
  kernelName: BATCH_NORM_TRAIN,
  inputsToSave: ['x', 'gamma'],
  outputsToSave: [false, true, true, false, false],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: NamedAttrMap) => {
    const [x, gamma, mean, variance] = saved;
    const dyOfY = Array.isArray(dy) ? dy[0] : dy;
    if (x === undefined || gamma === undefined || mean === undefined || variance === undefined || dyOfY === undefined) {
      throw new Error(`${BATCH_NORM_TRAIN}: gradient needs x, gamma, mean, variance and dy`); // unreachable: the engine saves them
    }
    const out = tf.engine().runKernel(BATCH_NORM_TRAIN_GRAD, { dy: dyOfY, x, mean, variance, gamma }, { epsilon: attrs['epsilon'] ?? 0 });
    const [dx, dGamma, dBeta] = Array.isArray(out) ? out : [];
    if (dx === undefined || dGamma === undefined || dBeta === undefined) throw new Error(`${BATCH_NORM_TRAIN_GRAD}: the kernel must return 3 tensors`);
    // The running statistics in do not reach y (they are only averaged into the running ones out).
    const none = (): tf.Tensor => tf.zerosLike(mean);
    return { x: () => dx, gamma: () => dGamma, beta: () => dBeta, runningMean: none, runningVariance: none };
  },
};
