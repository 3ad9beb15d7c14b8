import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { LEAKY_RELU_GRAD } from '../registry/kernel-names';
import { leakyReluGradArrays, leakyReluGradInputs } from '../shared/leaky-relu-grad-math';
import { float32Of, isArrayBackend } from './array-backend';

/**
 * {@link LEAKY_RELU_GRAD} for cpu: one loop ({@link leakyReluGradArrays}).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { LEAKY_RELU_GRAD, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu'); // registers it
 * const dx = tf.engine().runKernel(LEAKY_RELU_GRAD, { dy: tf.ones([2]), x: tf.tensor1d([-1, 1]) }, { alpha: 0.2 }) as tf.Tensor;
 * dx.print(); // [0.2, 1]
 * ```
 */
export const leakyReluGradCpu: KernelConfig = {
  kernelName: LEAKY_RELU_GRAD,
  backendName: 'cpu',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { dy, x, alpha } = leakyReluGradInputs(inputs, attrs);
    if (!isArrayBackend(backend)) throw new Error(`${LEAKY_RELU_GRAD}: not handed the cpu backend`);
    const xs = float32Of(backend, LEAKY_RELU_GRAD, x);
    const dx = new Float32Array(xs.length);
    leakyReluGradArrays(float32Of(backend, LEAKY_RELU_GRAD, dy), xs, alpha, dx);
    return backend.makeTensorInfo([...x.shape], 'float32', dx);
  }) satisfies KernelFunc,
};
