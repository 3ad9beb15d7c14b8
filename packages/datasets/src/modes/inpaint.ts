import { foldIn, randomInt, type Key } from '@pix2pix-ts/random';
import { toUnitRange } from '../augment/normalize';
import type { RgbImage } from '../image/rgb-image';

/** A rectangle of pixels: top-left corner and size. */
export interface MaskRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The `inpaint` mask of one sample: a rectangle whose width and height are each uniform integers in
 * [⌈side / 4⌉, ⌊side / 2⌋] (at least 1) and whose corner is uniform over every position where it fits, drawn from
 * `k` (`foldIn(k, 0…3)`: width, height, x, y). The loader passes `foldIn(sampleKey(seed, epoch, index), 3)`, so a
 * pair's mask is fixed by the seed, the epoch and its index (the crop and flip use `foldIn(…, 0…2)`), and the
 * evaluation split (epoch 0, its own sorted order) always sees the same masks.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/random';
 * import { inpaintMask } from '@pix2pix-ts/datasets';
 * inpaintMask(key(0), 256, 256); // e.g. { x: 40, y: 101, width: 97, height: 70 }
 * ```
 */
export const inpaintMask = (k: Key, width: number, height: number): MaskRect => {
  const side = (n: number, kk: Key): number => randomInt(kk, Math.max(1, Math.ceil(n / 4)), Math.max(1, Math.floor(n / 2)));
  const w = side(width, foldIn(k, 0));
  const h = side(height, foldIn(k, 1));
  return { x: randomInt(foldIn(k, 2), 0, width - w), y: randomInt(foldIn(k, 3), 0, height - h), width: w, height: h };
};

/**
 * An `inpaint` pair: `a` the photo in [-1, 1] with the `mask` rectangle set to 0 (mid-grey) in every channel,
 * `b` the photo in [-1, 1].
 *
 * @example
 * ```ts
 * import { inpaintPair, rgbImage } from '@pix2pix-ts/datasets';
 * inpaintPair(rgbImage(1, 1, Uint8Array.of(255, 255, 255)), { x: 0, y: 0, width: 1, height: 1 }).a; // [0, 0, 0]
 * ```
 */
export const inpaintPair = (photo: RgbImage, mask: MaskRect): { readonly a: Float32Array; readonly b: Float32Array } => {
  const b = toUnitRange(photo);
  const a = b.slice();
  for (let y = mask.y; y < Math.min(photo.height, mask.y + mask.height); y++) {
    a.fill(0, 3 * (y * photo.width + mask.x), 3 * (y * photo.width + Math.min(photo.width, mask.x + mask.width)));
  }
  return { a, b };
};
