import { foldIn, randomInt, uniform, type Key } from '@pix2pix-ts/random';
import type { TransformOptions } from '../config/transform-options';
import type { Size } from './sizes';

/**
 * The random part of one sample's augmentation, shared by its A and B images.
 *
 * @example
 * ```ts
 * import type { TransformParams } from '@pix2pix-ts/datasets';
 * const p: TransformParams = { crop: { x: 15, y: 3 }, flip: true };
 * ```
 */
export interface TransformParams {
  /** Top-left corner of the crop (used by the cropping modes). */
  readonly crop: { readonly x: number; readonly y: number };
  /** Mirror left to right (ignored when `noFlip`). */
  readonly flip: boolean;
}

/**
 * The official `get_params(opt, size)`: a crop corner uniform over every position the crop fits (computed from the
 * size after `resize`/`scale_width`, with the same integer arithmetic) and a fair coin for the flip. One draw per
 * pair, applied to both A and B, as `aligned_dataset.py` does. Pure: the key decides everything.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/random';
 * import { getParams, PAPER_TRANSFORM } from '@pix2pix-ts/datasets';
 * getParams(PAPER_TRANSFORM, { width: 256, height: 256 }, key(0)); // { crop: { x: 0..30, y: 0..30 }, flip }
 * ```
 */
export const getParams = (options: TransformOptions, size: Size, k: Key): TransformParams => {
  let newW = size.width;
  let newH = size.height;
  if (options.preprocess === 'resize_and_crop') {
    newW = options.loadSize;
    newH = options.loadSize;
  } else if (options.preprocess === 'scale_width_and_crop') {
    newW = options.loadSize;
    newH = Math.floor((options.loadSize * size.height) / size.width);
  }
  const kx = foldIn(k, 0);
  const ky = foldIn(k, 1);
  const kf = foldIn(k, 2);
  return {
    crop: {
      x: randomInt(kx, 0, Math.max(0, newW - options.cropSize)),
      y: randomInt(ky, 0, Math.max(0, newH - options.cropSize)),
    },
    flip: uniform(kf) > 0.5,
  };
};
