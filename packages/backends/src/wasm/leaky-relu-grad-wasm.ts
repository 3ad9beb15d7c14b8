import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { LEAKY_RELU_GRAD } from '../registry/kernel-names';
import { leakyReluGradArrays, leakyReluGradInputs } from '../shared/leaky-relu-grad-math';
import { heapFloat32, isHeapBackend } from './heap-backend';

/**
 * {@link LEAKY_RELU_GRAD} for wasm: one loop on the heap ({@link leakyReluGradArrays}), where
 * tfjs-core's gradients run three kernels, each with the engine's per-kernel bookkeeping.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { LEAKY_RELU_GRAD, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm'); // registers it
 * const dx = tf.engine().runKernel(LEAKY_RELU_GRAD, { dy: tf.ones([2]), x: tf.tensor1d([-1, 1]) }, { alpha: 0 }) as tf.Tensor;
 * dx.print(); // [0, 1]
 * ```
 */
export const leakyReluGradWasm: KernelConfig = {
  kernelName: LEAKY_RELU_GRAD,
  backendName: 'wasm',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { dy, x, alpha } = leakyReluGradInputs(inputs, attrs);
    if (!isHeapBackend(backend)) throw new Error(`${LEAKY_RELU_GRAD}: not handed the wasm backend`);
    const out = backend.makeOutput([...x.shape], 'float32');
    leakyReluGradArrays(heapFloat32(backend, LEAKY_RELU_GRAD, dy), heapFloat32(backend, LEAKY_RELU_GRAD, x), alpha, heapFloat32(backend, LEAKY_RELU_GRAD, out));
    return out;
  }) satisfies KernelFunc,
};
