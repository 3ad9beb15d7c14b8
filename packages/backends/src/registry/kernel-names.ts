import * as tf from '@tensorflow/tfjs-core';

/**
 * The name of the fused Adam kernel (inputs `{ param, grad, m, v }`, attributes
 * {@link AdamUpdateAttrs}, outputs `[param', m', v']`), one of the kernel names this project adds
 * to tfjs. {@link useBackend} registers it on every backend (cpu, wasm, webgl, webgpu);
 * `@pix2pix-ts/pix2pix`'s `adamStep` runs it through {@link adamUpdate}, so no other package spells
 * the name.
 *
 * @example
 * ```ts
 * import { ADAM_UPDATE } from '@pix2pix-ts/backends';
 *
 * ADAM_UPDATE; // 'Pix2PixAdamUpdate'
 * ```
 */
export const ADAM_UPDATE = 'Pix2PixAdamUpdate';

/**
 * The name of the fused training-mode batch-norm kernel: inputs `{ x, gamma, beta, runningMean,
 * runningVariance }` (x NHWC, the rest `[C]`), attributes `epsilon` and `momentum`, outputs `[y, mean,
 * variance, runningMean', runningVariance']` (the batch statistics with the biased variance, then
 * PyTorch's update of the running ones). Its gradient runs {@link BATCH_NORM_TRAIN_GRAD}. `useBackend` registers both on cpu and wasm;
 * `batchNormTraining` runs them through the registry.
 *
 * @example
 * ```ts
 * import { BATCH_NORM_TRAIN } from '@pix2pix-ts/backends';
 *
 * BATCH_NORM_TRAIN; // 'Pix2PixBatchNormTrain'
 * ```
 */
export const BATCH_NORM_TRAIN = 'Pix2PixBatchNormTrain';

/**
 * The name of the gradient kernel of {@link BATCH_NORM_TRAIN}: inputs `{ dy, x, mean, variance, gamma }`,
 * attribute `epsilon`, outputs `[dx, dGamma, dBeta]` (PyTorch's training-mode backward).
 *
 * @example
 * ```ts
 * import { BATCH_NORM_TRAIN_GRAD } from '@pix2pix-ts/backends';
 *
 * BATCH_NORM_TRAIN_GRAD; // 'Pix2PixBatchNormTrainGrad'
 * ```
 */
export const BATCH_NORM_TRAIN_GRAD = 'Pix2PixBatchNormTrainGrad';

/**
 * The name of the fused gradient kernel of `LeakyRelu` and `Relu`: inputs `{ dy, x }`, attribute
 * `alpha` (0 for `Relu`), output `dx = x > 0 ? dy : alpha·dy`, one kernel where tfjs-core's gradients
 * run three (`Greater`, `Multiply`, `Select`; `Step`, `Cast`, `Multiply`).
 *
 * @example
 * ```ts
 * import { LEAKY_RELU_GRAD } from '@pix2pix-ts/backends';
 *
 * LEAKY_RELU_GRAD; // 'Pix2PixLeakyReluGrad'
 * ```
 */
export const LEAKY_RELU_GRAD = 'Pix2PixLeakyReluGrad';

/**
 * Every kernel name this package registers or replaces, in one place: tfjs's own (its exported
 * constants, so a rename in tfjs is a compile error here) and this project's own:
 * {@link ADAM_UPDATE}, {@link BATCH_NORM_TRAIN}, {@link BATCH_NORM_TRAIN_GRAD} and {@link LEAKY_RELU_GRAD}.
 *
 * @example
 * ```ts
 * import { KERNEL_NAMES } from '@pix2pix-ts/backends';
 *
 * KERNEL_NAMES.conv2dBackpropFilter; // 'Conv2DBackpropFilter'
 * ```
 */
export const KERNEL_NAMES = {
  adamUpdate: ADAM_UPDATE,
  batchNormTrain: BATCH_NORM_TRAIN,
  batchNormTrainGrad: BATCH_NORM_TRAIN_GRAD,
  leakyReluGrad: LEAKY_RELU_GRAD,
  conv2d: tf.Conv2D,
  fusedConv2d: tf.FusedConv2D,
  conv2dBackpropFilter: tf.Conv2DBackpropFilter,
  conv2dBackpropInput: tf.Conv2DBackpropInput,
  identity: tf.Identity,
  concat: tf.Concat,
  splitV: tf.SplitV,
} as const;

/**
 * A kernel name of {@link KERNEL_NAMES}.
 *
 * @example
 * ```ts
 * import type { KernelName } from '@pix2pix-ts/backends';
 *
 * const name: KernelName = 'Pix2PixAdamUpdate';
 * ```
 */
export type KernelName = (typeof KERNEL_NAMES)[keyof typeof KERNEL_NAMES];
