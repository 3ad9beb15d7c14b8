import { backend_util } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropInputAttrs, NamedAttrMap } from '@tensorflow/tfjs-core';

/**
 * The geometry of an input gradient (`Conv2DBackpropInput`, also the forward pass of
 * `conv2dTranspose`): its attributes resolved against the shapes of `dy` and the filter (NHWC),
 * with the padding the forward convolution used.
 *
 * @example
 * ```ts
 * import { inputGradGeometry } from '@pix2pix-ts/backends';
 * import type { InputGradGeometry } from '@pix2pix-ts/backends';
 *
 * const g: InputGradGeometry = inputGradGeometry([1, 3, 3, 1], [3, 3, 1, 1], {
 *   strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: [1, 5, 5, 1],
 * }); // g.padTop === 1
 * ```
 */
export interface InputGradGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

function isShape4(v: unknown): v is [number, number, number, number] {
  return Array.isArray(v) && v.length === 4 && v.every((d) => typeof d === 'number');
}

/**
 * Reads `Conv2DBackpropInput`'s attribute map, checks it against the shapes of `dy` and the
 * filter, and resolves the padding exactly as the forward `Conv2D` does.
 *
 * @throws Error for `dataFormat: 'NCHW'`, a missing `inputShape`, or a `dy` that is not the
 *   forward output's shape
 *
 * @example
 * ```ts
 * import { inputGradGeometry } from '@pix2pix-ts/backends';
 *
 * const g = inputGradGeometry([1, 4, 4, 5], [4, 4, 3, 5], {
 *   strides: 2, pad: 1, dataFormat: 'NHWC', inputShape: [1, 8, 8, 3],
 * });
 * // g.inHeight === 8, g.padTop === 1
 * ```
 */
export function inputGradGeometry(
  dyShape: readonly number[],
  filterShape: readonly number[],
  attrs: NamedAttrMap | Conv2DBackpropInputAttrs | undefined,
): InputGradGeometry {
  const inputShape: unknown = attrs?.inputShape;
  const dataFormat: unknown = attrs?.dataFormat ?? 'NHWC';
  if (!isShape4(inputShape)) throw new Error('Conv2DBackpropInput: attribute inputShape must be 4 numbers');
  if (dataFormat !== 'NHWC') {
    throw new Error(`Conv2DBackpropInput (@pix2pix-ts/backends): dataFormat '${String(dataFormat)}' is not supported; use 'NHWC'`);
  }
  if (!isShape4(dyShape) || !isShape4(filterShape)) {
    throw new Error(`Conv2DBackpropInput: dy and filter must be rank 4, got [${dyShape.join(',')}] and [${filterShape.join(',')}]`);
  }
  // The attribute map is the one tfjs-core's conv2DBackpropInput op built; computeConv2DInfo
  // validates these fields itself.
  const { strides, pad, dimRoundingMode } = attrs as Conv2DBackpropInputAttrs;
  const info = backend_util.computeConv2DInfo(inputShape, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const expected = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (expected.some((d, i) => d !== dyShape[i])) {
    throw new Error(
      `Conv2DBackpropInput: dy has shape [${dyShape.join(',')}] but the forward conv outputs [${expected.join(',')}]`,
    );
  }
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}
