import { Conv2DBackpropFilter } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { filterGradDilated } from '../shared/filter-grad-dilated';
import { filterGradInputs } from '../shared/filter-grad-inputs';
import { kernelScope } from '../shared/kernel-scope';

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
 * const dw = tf.grad((w) => tf.sum(tf.conv2d(tf.ones<tf.Rank.R4>([1, 8, 8, 3]), w as tf.Tensor4D, 2, 1)))(tf.ones([4, 4, 3, 2]));
 * console.log(conv2dBackpropFilterCpu.backendName, dw.shape); // cpu [4, 4, 3, 2]
 * ```
 */
export const conv2dBackpropFilterCpu: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'cpu',
  kernelFunc: ((args) => {
    const { x, dy, backend, geometry } = filterGradInputs(args);
    return kernelScope(backend, 'cpu', (run) => filterGradDilated(run, x, dy, geometry));
  }) satisfies KernelFunc,
};
