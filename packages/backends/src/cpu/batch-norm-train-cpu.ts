import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD } from '../registry/kernel-names';
import { batchNormEpsilon, batchNormKernelInputs, batchNormTrainArrays, batchNormTrainAttrs, batchNormTrainGradArrays } from '../shared/batch-norm-train-math';
import { float32Of, isArrayBackend } from './array-backend';

/**
 * {@link BATCH_NORM_TRAIN} for cpu: the statistics, the normalised output and the running statistics
 * in one kernel ({@link batchNormTrainArrays}), outputs `[y, mean, variance, runningMean', runningVariance']`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { BATCH_NORM_TRAIN, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu'); // registers it
 * const [y, mean, variance, runningMean, runningVariance] = tf.engine().runKernel(BATCH_NORM_TRAIN,
 *   { x: tf.ones([1, 2, 2, 3]), gamma: tf.ones([3]), beta: tf.zeros([3]), runningMean: tf.zeros([3]), runningVariance: tf.ones([3]) },
 *   { epsilon: 1e-5, momentum: 0.1 }) as tf.Tensor[];
 * ```
 */
export const batchNormTrainCpu: KernelConfig = {
  kernelName: BATCH_NORM_TRAIN,
  backendName: 'cpu',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { tensors, channels } = batchNormKernelInputs(BATCH_NORM_TRAIN, inputs, ['x', 'gamma', 'beta', 'runningMean', 'runningVariance']);
    const a = batchNormTrainAttrs(BATCH_NORM_TRAIN, attrs);
    if (!isArrayBackend(backend)) throw new Error(`${BATCH_NORM_TRAIN}: not handed the cpu backend`);
    const read = (name: keyof typeof tensors): Float32Array => float32Of(backend, BATCH_NORM_TRAIN, tensors[name]);
    const x = read('x');
    const perChannel = (): Float32Array => new Float32Array(channels);
    const [y, mean, variance] = [new Float32Array(x.length), perChannel(), perChannel()];
    const runningOut = { mean: perChannel(), variance: perChannel() };
    batchNormTrainArrays(x, read('gamma'), read('beta'), { mean: read('runningMean'), variance: read('runningVariance') }, channels, a, y, mean, variance, runningOut);
    return [
      backend.makeTensorInfo([...tensors.x.shape], 'float32', y),
      ...[mean, variance, runningOut.mean, runningOut.variance].map((values) => backend.makeTensorInfo([channels], 'float32', values)),
    ];
  }) satisfies KernelFunc,
};

/**
 * {@link BATCH_NORM_TRAIN_GRAD} for cpu ({@link batchNormTrainGradArrays}), outputs `[dx, dGamma, dBeta]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { BATCH_NORM_TRAIN_GRAD, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu');
 * const [dx, dGamma, dBeta] = tf.engine().runKernel(BATCH_NORM_TRAIN_GRAD,
 *   { dy: tf.ones([1, 2, 2, 3]), x: tf.ones([1, 2, 2, 3]), mean: tf.ones([3]), variance: tf.zeros([3]), gamma: tf.ones([3]) }, { epsilon: 1e-5 }) as tf.Tensor[];
 * ```
 */
export const batchNormTrainGradCpu: KernelConfig = {
  kernelName: BATCH_NORM_TRAIN_GRAD,
  backendName: 'cpu',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { tensors, channels } = batchNormKernelInputs(BATCH_NORM_TRAIN_GRAD, inputs, ['dy', 'x', 'mean', 'variance', 'gamma']);
    const epsilon = batchNormEpsilon(BATCH_NORM_TRAIN_GRAD, attrs);
    if (!isArrayBackend(backend)) throw new Error(`${BATCH_NORM_TRAIN_GRAD}: not handed the cpu backend`);
    const read = (name: keyof typeof tensors): Float32Array => float32Of(backend, BATCH_NORM_TRAIN_GRAD, tensors[name]);
    const x = read('x');
    const [dx, dGamma, dBeta] = [new Float32Array(x.length), new Float32Array(channels), new Float32Array(channels)];
    batchNormTrainGradArrays(read('dy'), x, read('mean'), read('variance'), read('gamma'), channels, epsilon, dx, dGamma, dBeta);
    return [
      backend.makeTensorInfo([...tensors.x.shape], 'float32', dx),
      backend.makeTensorInfo([channels], 'float32', dGamma),
      backend.makeTensorInfo([channels], 'float32', dBeta),
    ];
  }) satisfies KernelFunc,
};
