import { rgbImage, type RgbImage } from '../image/rgb-image';

/**
 * Mirrors an image left to right (PIL's `transpose(FLIP_LEFT_RIGHT)`).
 *
 * @example
 * ```ts
 * import { flipHorizontal, rgbImage } from '@pix2pix-ts/datasets';
 * flipHorizontal(rgbImage(2, 1, Uint8Array.of(1, 2, 3, 4, 5, 6))).data; // [4, 5, 6, 1, 2, 3]
 * ```
 */
export const flipHorizontal = (image: RgbImage): RgbImage => {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width * 3;
    for (let x = 0; x < width; x++) {
      const s = row + x * 3;
      const d = row + (width - 1 - x) * 3;
      out[d] = data[s] as number; // in range: s and d index the same row
      out[d + 1] = data[s + 1] as number;
      out[d + 2] = data[s + 2] as number;
    }
  }
  return rgbImage(width, height, out);
};
