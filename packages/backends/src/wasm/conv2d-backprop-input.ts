import { backend_util, Conv2DBackpropInput } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropInputAttrs, KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { inputGradGeometry } from '../shared/conv2d-backprop-input-attrs';
import { inputGradByMatMul } from './input-grad-by-matmul';
import { inputGradSubpixel } from '../shared/input-grad-subpixel';
import { isDisposingBackend, kernelScope } from '../shared/kernel-scope';
import { reverseRowsWithKernel } from '../shared/reverse-rows';
import { patchMatrixFits } from './patch-limit';
import { prefersMatMul } from './small-conv-by-matmul';
import { isHeapBackend, reverseRowsOnHeap } from './heap-backend';


/**
 * A faster `Conv2DBackpropInput` for wasm, built around the backend's own kernel `native`: wasm
 * ships one, but as plain loops, about 10× slower than its XNNPACK forward `Conv2D` (it is the
 * input gradient of every conv and the *forward* pass of every `conv2dTranspose`). This one is
 * `W · dyᵀ` + col2im ({@link inputGradByMatMul}) for layers with few output pixels per weight
 * ({@link prefersMatMul}; in isolation it is faster on larger layers too, but a whole training
 * step was not: measured) whose patch matrix fits ({@link patchMatrixFits}); otherwise one XNNPACK
 * convolution plus rank-≤4 transposes ({@link inputGradSubpixel}), the filter's taps reversed by
 * block copies on the wasm heap ({@link reverseRowsOnHeap}), with unequal strides (which
 * `DepthToSpace` cannot interleave) handed to `native`. NHWC only, like `native`.
 *
 * @param native the backend's own `Conv2DBackpropInput`, used for unequal strides; its
 *   `setupFunc` is kept so it still runs when the backend starts
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { conv2dBackpropInputWasm, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm'); // installs it; by hand it would be:
 * // const native = tf.getKernel('Conv2DBackpropInput', 'wasm');
 * // tf.unregisterKernel('Conv2DBackpropInput', 'wasm'); tf.registerKernel(conv2dBackpropInputWasm(native));
 * const y = tf.conv2dTranspose(tf.ones<tf.Rank.R4>([1, 4, 4, 8]), tf.ones<tf.Rank.R4>([4, 4, 3, 8]), [1, 8, 8, 3], 2, 1); // uses it
 * ```
 */
export function conv2dBackpropInputWasm(native: KernelConfig | undefined): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs;
    if (dy === undefined || filter === undefined) throw new Error('Conv2DBackpropInput: inputs dy and filter are required');
    if (!isDisposingBackend(backend)) throw new Error('Conv2DBackpropInput: not handed a tfjs backend');
    const geometry = inputGradGeometry(dy.shape, filter.shape, attrs);
    if (isHeapBackend(backend) && dy.dtype === 'float32' && filter.dtype === 'float32') {
      // Validated by inputGradGeometry above (tfjs-core's conv2DBackpropInput op built these attributes).
      const { inputShape, strides, pad, dimRoundingMode } = attrs as unknown as Conv2DBackpropInputAttrs;
      const info = backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode);
      const patchEntries = info.batchSize * info.outHeight * info.outWidth * info.filterHeight * info.filterWidth * info.inChannels;
      if (prefersMatMul(info) && patchMatrixFits(patchEntries)) return kernelScope(backend, 'wasm', (run, adopt) => inputGradByMatMul(run, backend, adopt, dy, filter, info));
    }
    if (geometry.strideHeight !== geometry.strideWidth) {
      if (native === undefined) throw new Error('Conv2DBackpropInput: unequal strides need wasm\'s own kernel, which is missing');
      return native.kernelFunc(args);
    }
    return kernelScope(backend, 'wasm', (run, adopt) =>
      inputGradSubpixel(run, dy, filter, geometry, isHeapBackend(backend) ? reverseRowsOnHeap(backend, adopt) : reverseRowsWithKernel(run)),
    );
  };
  const config: KernelConfig = { kernelName: Conv2DBackpropInput, backendName: 'wasm', kernelFunc };
  return native?.setupFunc === undefined ? config : { ...config, setupFunc: native.setupFunc };
}
