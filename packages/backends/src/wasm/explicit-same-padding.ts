import { backend_util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, NamedAttrMap } from '@tensorflow/tfjs-core';

function isShape4(v: readonly number[] | undefined): v is [number, number, number, number] {
  return v !== undefined && v.length === 4;
}

/**
 * Rewrites `pad: 'same'` in a conv's attributes into the explicit padding TensorFlow's SAME rule
 * gives (`backend_util.computeConv2DInfo`), leaving every other attribute map as it is.
 *
 * @example
 * ```ts
 * import { explicitSamePad } from '@pix2pix-ts/backends';
 *
 * explicitSamePad([1, 1, 10, 1], [2, 1, 1, 1], { strides: [1, 2], pad: 'same', dilations: 1, dataFormat: 'NHWC' }).pad;
 * // [[0, 0], [0, 1], [0, 0], [0, 0]]
 * ```
 */
export function explicitSamePad(xShape: readonly number[], filterShape: readonly number[], attrs: NamedAttrMap): NamedAttrMap {
  if (attrs.pad !== 'same' || attrs.dataFormat === 'NCHW' || !isShape4(xShape) || !isShape4(filterShape)) return attrs;
  // tfjs-core's conv ops build these fields; computeConv2DInfo validates them itself.
  const { strides, dilations, dimRoundingMode } = attrs as unknown as {
    strides: number | [number, number];
    dilations: number | [number, number];
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const { padInfo } = backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations ?? 1, 'same', dimRoundingMode);
  return {
    ...attrs,
    pad: [
      [0, 0],
      [padInfo.top, padInfo.bottom],
      [padInfo.left, padInfo.right],
      [0, 0],
    ],
  };
}

/**
 * Wraps wasm's own `Conv2D` / `FusedConv2D` so `'same'` padding reaches XNNPACK as explicit
 * numbers. With `'same'`, wasm's kernels return zeros or wrong values whenever the kernel is 1
 * wide along an axis that has stride > 1 while the other kernel axis is > 1 (e.g. a 2×1 kernel
 * with strides [1, 2]); with the same padding given explicitly they are right.
 *
 * @param native the backend's own kernel (its `setupFunc` is kept)
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm'); // installs the wrapper on Conv2D and FusedConv2D
 * const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 1, 10, 1]);
 * tf.conv2d(x, tf.tensor4d([1, 100], [2, 1, 1, 1]), [1, 2], 'same').print(); // [1, 3, 5, 7, 9], not zeros
 * ```
 */
export function explicitSamePadding(native: KernelConfig | undefined): KernelConfig | undefined {
  if (native === undefined) return undefined;
  const kernelFunc: KernelFunc = (args) => {
    const { x, filter } = args.inputs;
    if (args.attrs === undefined || x === undefined || filter === undefined) return native.kernelFunc(args);
    return native.kernelFunc({ ...args, attrs: explicitSamePad(x.shape, filter.shape, args.attrs) });
  };
  return { ...native, kernelFunc };
}
