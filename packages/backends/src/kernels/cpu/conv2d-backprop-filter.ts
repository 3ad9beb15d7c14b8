import { Conv2DBackpropFilter } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { filterGradGeometry } from '../conv2d-backprop-filter-attrs';
import { filterGradDilated } from '../filter-grad-dilated';
import { isDisposingBackend, kernelScope } from '../kernel-scope';

/**
 * `Conv2DBackpropFilter` for the cpu backend, replacing cpu's own (a loop nest that takes ~90% of
 * a cpu training step): the gradient as one dilated convolution ({@link filterGradDilated}) from
 * cpu's own `Transpose`, `Conv2D` and `Slice`, releasing all intermediates. NHWC only; any
 * padding (`'same'`, `'valid'`, numbers, explicit). `useBackend('cpu', { replaceKernels: false })`
 * puts cpu's own kernel back.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { conv2dBackpropFilterCpu, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu'); // installs it over cpu's own
 * const dw = tf.grad((w: tf.Tensor4D) => tf.sum(tf.conv2d(tf.ones([1, 8, 8, 3]), w, 2, 1)))(tf.ones([4, 4, 3, 2]));
 * console.log(conv2dBackpropFilterCpu.backendName, dw.shape); // cpu [4, 4, 3, 2]
 * ```
 */
export const conv2dBackpropFilterCpu: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'cpu',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { x, dy } = inputs;
    if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter: inputs x and dy are required');
    if (!isDisposingBackend(backend)) throw new Error('Conv2DBackpropFilter: not handed a tfjs backend');
    const geometry = filterGradGeometry(x.shape, dy.shape, attrs);
    return kernelScope(backend, 'cpu', (run) => filterGradDilated(run, x, dy, geometry));
  }) satisfies KernelFunc,
};
