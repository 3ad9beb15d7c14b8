import { roundHalfEven } from './round-half-even';

/**
 * A width and height in pixels.
 *
 * @example
 * ```ts
 * import type { Size } from '@pix2pix-ts/datasets';
 * const paper: Size = { width: 256, height: 256 };
 * ```
 */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The size `__make_power_2(img, base)` resizes to (`preprocess: 'none'` uses base 4): each side rounded to the
 * nearest multiple of `base`, ties to even as Python's `round`. May give 0 for tiny images (an error downstream).
 *
 * @example
 * ```ts
 * import { powerOfBaseSize } from '@pix2pix-ts/datasets';
 * powerOfBaseSize({ width: 250, height: 257 }, 4); // { width: 248, height: 256 }
 * ```
 */
export const powerOfBaseSize = (size: Size, base: number): Size => ({
  width: roundHalfEven(size.width / base) * base,
  height: roundHalfEven(size.height / base) * base,
});

/**
 * The size `__scale_width(img, target, crop)` resizes to: width `target`, height `int(max(target * h / w, crop))`;
 * unchanged when the width already is `target` and the height at least `crop`.
 *
 * @example
 * ```ts
 * import { scaleWidthSize } from '@pix2pix-ts/datasets';
 * scaleWidthSize({ width: 600, height: 400 }, 286, 256); // { width: 286, height: 256 } (190 < 256)
 * ```
 */
export const scaleWidthSize = (size: Size, target: number, cropSize: number): Size =>
  size.width === target && size.height >= cropSize
    ? size
    : { width: target, height: Math.trunc(Math.max((target * size.height) / size.width, cropSize)) };
