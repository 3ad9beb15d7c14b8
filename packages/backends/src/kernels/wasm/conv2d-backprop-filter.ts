import { Conv2DBackpropFilter } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { filterGradGeometry } from '../conv2d-backprop-filter-attrs';
import { filterGradDilated } from '../filter-grad-dilated';
import { isDisposingBackend, kernelScope } from '../kernel-scope';

/**
 * `Conv2DBackpropFilter` for the wasm backend, which ships none (so `tf.grad` through `conv2d` or
 * `conv2dTranspose` w.r.t. the filter throws there). Computes the gradient as one dilated XNNPACK
 * convolution ({@link filterGradDilated}) from wasm's own `Transpose`, `Conv2D` and `Slice`,
 * releasing all intermediates. NHWC only; any padding (`'same'`, `'valid'`, numbers, explicit).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { conv2dBackpropFilterWasm, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm'); // registers it; by hand: tf.registerKernel(conv2dBackpropFilterWasm)
 * const dw = tf.grad((w: tf.Tensor4D) => tf.sum(tf.conv2d(tf.ones([1, 8, 8, 3]), w, 2, 1)))(tf.ones([4, 4, 3, 2]));
 * ```
 */
export const conv2dBackpropFilterWasm: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { x, dy } = inputs;
    if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter: inputs x and dy are required');
    if (!isDisposingBackend(backend)) throw new Error('Conv2DBackpropFilter: not handed a tfjs backend');
    const geometry = filterGradGeometry(x.shape, dy.shape, attrs);
    return kernelScope(backend, 'wasm', (run) => filterGradDilated(run, x, dy, geometry));
  }) satisfies KernelFunc,
};
