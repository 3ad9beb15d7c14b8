import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD } from '../registry/kernel-names';
import { batchNormEpsilon, batchNormKernelInputs, batchNormTrainArrays, batchNormTrainAttrs, batchNormTrainGradArrays } from '../shared/batch-norm-train-math';
import { heapFloat32, isHeapBackend } from './heap-backend';

/**
 * {@link BATCH_NORM_TRAIN} for wasm, outputs `[y, mean, variance, runningMean', runningVariance']`:
 * the statistics, the output and the running statistics computed in place on the wasm heap by
 * {@link batchNormTrainArrays}. What it saves is kernels, not arithmetic: tfjs composes a
 * training-mode batch norm and its running statistics from ~17 kernels forward and ~13 backward
 * (moments, rsqrt, two `FusedBatchNorm`s, seven for the running statistics, …), each paying the
 * engine's per-kernel bookkeeping, which at 64x64 costs more than the arithmetic.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { BATCH_NORM_TRAIN, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm'); // registers it
 * const [y, mean, variance, runningMean, runningVariance] = tf.engine().runKernel(BATCH_NORM_TRAIN,
 *   { x: tf.ones([1, 2, 2, 3]), gamma: tf.ones([3]), beta: tf.zeros([3]), runningMean: tf.zeros([3]), runningVariance: tf.ones([3]) },
 *   { epsilon: 1e-5, momentum: 0.1 }) as tf.Tensor[];
 * ```
 */
export const batchNormTrainWasm: KernelConfig = {
  kernelName: BATCH_NORM_TRAIN,
  backendName: 'wasm',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { tensors, channels } = batchNormKernelInputs(BATCH_NORM_TRAIN, inputs, ['x', 'gamma', 'beta', 'runningMean', 'runningVariance']);
    const a = batchNormTrainAttrs(BATCH_NORM_TRAIN, attrs);
    if (!isHeapBackend(backend)) throw new Error(`${BATCH_NORM_TRAIN}: not handed the wasm backend`);
    const perChannel = (): TensorInfo => backend.makeOutput([channels], 'float32');
    const outs = [backend.makeOutput([...tensors.x.shape], 'float32'), perChannel(), perChannel(), perChannel(), perChannel()] as const;
    const view = (t: TensorInfo): Float32Array => heapFloat32(backend, BATCH_NORM_TRAIN, t);
    batchNormTrainArrays(
      view(tensors.x),
      view(tensors.gamma),
      view(tensors.beta),
      { mean: view(tensors.runningMean), variance: view(tensors.runningVariance) },
      channels,
      a,
      view(outs[0]),
      view(outs[1]),
      view(outs[2]),
      { mean: view(outs[3]), variance: view(outs[4]) },
    );
    return [...outs];
  }) satisfies KernelFunc,
};

/**
 * {@link BATCH_NORM_TRAIN_GRAD} for wasm, outputs `[dx, dGamma, dBeta]`, on the heap by
 * {@link batchNormTrainGradArrays}.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { BATCH_NORM_TRAIN_GRAD, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * const [dx, dGamma, dBeta] = tf.engine().runKernel(BATCH_NORM_TRAIN_GRAD,
 *   { dy: tf.ones([1, 2, 2, 3]), x: tf.ones([1, 2, 2, 3]), mean: tf.ones([3]), variance: tf.zeros([3]), gamma: tf.ones([3]) }, { epsilon: 1e-5 }) as tf.Tensor[];
 * ```
 */
export const batchNormTrainGradWasm: KernelConfig = {
  kernelName: BATCH_NORM_TRAIN_GRAD,
  backendName: 'wasm',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { tensors, channels } = batchNormKernelInputs(BATCH_NORM_TRAIN_GRAD, inputs, ['dy', 'x', 'mean', 'variance', 'gamma']);
    const epsilon = batchNormEpsilon(BATCH_NORM_TRAIN_GRAD, attrs);
    if (!isHeapBackend(backend)) throw new Error(`${BATCH_NORM_TRAIN_GRAD}: not handed the wasm backend`);
    const outs = [backend.makeOutput([...tensors.x.shape], 'float32'), backend.makeOutput([channels], 'float32'), backend.makeOutput([channels], 'float32')] as const;
    const view = (t: TensorInfo): Float32Array => heapFloat32(backend, BATCH_NORM_TRAIN_GRAD, t);
    batchNormTrainGradArrays(
      view(tensors.dy),
      view(tensors.x),
      view(tensors.mean),
      view(tensors.variance),
      view(tensors.gamma),
      channels,
      epsilon,
      view(outs[0]),
      view(outs[1]),
      view(outs[2]),
    );
    return [...outs];
  }) satisfies KernelFunc,
};
