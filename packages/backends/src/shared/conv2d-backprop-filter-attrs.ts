import { backend_util } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, NamedAttrMap } from '@tensorflow/tfjs-core';

/**
 * The geometry of a filter gradient: `Conv2DBackpropFilter`'s attributes resolved against the
 * shapes of `x` and `dy` (NHWC only), with the padding the forward convolution actually used.
 *
 * @example
 * ```ts
 * import { filterGradGeometry } from '@pix2pix-ts/backends';
 * import type { FilterGradGeometry } from '@pix2pix-ts/backends';
 *
 * const g: FilterGradGeometry = filterGradGeometry([1, 5, 5, 1], [1, 3, 3, 1], {
 *   strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 1],
 * }); // 'same' pads 1 on top for a 3×3 kernel at stride 2 on 5 rows: g.padTop === 1
 * ```
 */
export interface FilterGradGeometry {
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
 * Reads `Conv2DBackpropFilter`'s untyped attribute map, checks it against the shapes of `x` and
 * `dy`, and resolves `'same'` / `'valid'` / numeric / explicit padding exactly as the forward
 * `Conv2D` kernel does (`backend_util.computeConv2DInfo`).
 *
 * @throws Error for `dataFormat: 'NCHW'` (not supported: the wasm forward conv rejects it too),
 *   for attributes that are not a filter-gradient's, and when `dy` is not the forward output's shape.
 *
 * @example
 * ```ts
 * import { filterGradGeometry } from '@pix2pix-ts/backends';
 *
 * const g = filterGradGeometry([1, 8, 8, 3], [1, 4, 4, 5], {
 *   strides: 2, pad: 1, dataFormat: 'NHWC', filterShape: [4, 4, 3, 5],
 * });
 * // g.outHeight === 4, g.padTop === 1, g.strideHeight === 2
 * ```
 */
export function filterGradGeometry(
  xShape: readonly number[],
  dyShape: readonly number[],
  attrs: NamedAttrMap | Conv2DBackpropFilterAttrs | undefined,
): FilterGradGeometry {
  const filterShape: unknown = attrs?.filterShape;
  const dataFormat: unknown = attrs?.dataFormat ?? 'NHWC';
  if (!isShape4(filterShape)) throw new Error(`Conv2DBackpropFilter: attribute filterShape must be 4 numbers`);
  if (dataFormat !== 'NHWC') {
    throw new Error(`Conv2DBackpropFilter (@pix2pix-ts/backends): dataFormat '${String(dataFormat)}' is not supported; use 'NHWC'`);
  }
  if (!isShape4(xShape) || !isShape4(dyShape)) {
    throw new Error(`Conv2DBackpropFilter: x and dy must be rank 4, got [${xShape.join(',')}] and [${dyShape.join(',')}]`);
  }
  // The attribute map is the one tfjs-core's conv2DBackpropFilter op built; these three fields
  // are passed through to computeConv2DInfo, which validates them itself.
  const { strides, pad, dimRoundingMode } = attrs as Conv2DBackpropFilterAttrs;
  const info = backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const expected = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (expected.some((d, i) => d !== dyShape[i])) {
    throw new Error(
      `Conv2DBackpropFilter: dy has shape [${dyShape.join(',')}] but the forward conv outputs [${expected.join(',')}]`,
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
