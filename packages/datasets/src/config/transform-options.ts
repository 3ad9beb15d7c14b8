import * as t from 'io-ts';

/**
 * The official `--preprocess` modes of pytorch-CycleGAN-and-pix2pix (`data/base_dataset.py`).
 *
 * - `resize_and_crop`: resize to `loadSize`² (bicubic), then a random `cropSize`² crop (the paper's 286 → 256 jitter).
 * - `crop`: a random `cropSize`² crop of the image as it is.
 * - `scale_width`: resize to width `loadSize`, keeping the aspect ratio (height at least `cropSize`).
 * - `scale_width_and_crop`: `scale_width`, then a random `cropSize`² crop.
 * - `none`: keep the size, rounded to a multiple of 4 (the official `__make_power_2(base=4)`).
 *
 * @example
 * ```ts
 * import { Preprocess } from '@pix2pix-ts/datasets';
 * Preprocess.is('scale_width_and_crop'); // true
 * ```
 */
export const Preprocess = t.keyof(
  { resize_and_crop: null, crop: null, scale_width: null, scale_width_and_crop: null, none: null },
  "one of 'resize_and_crop', 'crop', 'scale_width', 'scale_width_and_crop', 'none'",
);

/**
 * See {@link Preprocess}.
 *
 * @example
 * ```ts
 * import { Preprocess } from '@pix2pix-ts/datasets';
 * Preprocess.is('scale_width_and_crop'); // true
 * ```
 */
export type Preprocess = t.TypeOf<typeof Preprocess>;

/**
 * The options the per-sample transform depends on, resolved (no optional fields).
 *
 * @example
 * ```ts
 * import type { TransformOptions } from '@pix2pix-ts/datasets';
 * const paper: TransformOptions = { preprocess: 'resize_and_crop', loadSize: 286, cropSize: 256, noFlip: false };
 * ```
 */
export interface TransformOptions {
  readonly preprocess: Preprocess;
  /** Scale images to this size (`--load_size`, 286 in the paper). */
  readonly loadSize: number;
  /** Then crop to this size (`--crop_size`, 256 in the paper). */
  readonly cropSize: number;
  /** Turn off the random horizontal flip (`--no_flip`). */
  readonly noFlip: boolean;
}

/**
 * The paper's preprocessing: resize to 286, random 256 crop, random flip.
 *
 * @example
 * ```ts
 * import { PAPER_TRANSFORM } from '@pix2pix-ts/datasets';
 * PAPER_TRANSFORM.cropSize; // 256
 * ```
 */
export const PAPER_TRANSFORM: TransformOptions = {
  preprocess: 'resize_and_crop',
  loadSize: 286,
  cropSize: 256,
  noFlip: false,
};
