import { rgbImage, type RgbImage } from '../image/rgb-image';

/**
 * Cuts the `width`x`height` window whose top-left corner is `(x, y)`, like PIL's `Image.crop((x, y, x + w, y + h))`:
 * any part of the window outside the image is black (0).
 *
 * @example
 * ```ts
 * import { crop, imageFrom } from '@pix2pix-ts/datasets';
 * const img = imageFrom(286, 286, (x, y) => (x + y) & 255);
 * crop(img, 15, 3, 256, 256).width; // 256
 * ```
 */
export const crop = (image: RgbImage, x: number, y: number, width: number, height: number): RgbImage => {
  if (x === 0 && y === 0 && width === image.width && height === image.height) return image;
  const out = new Uint8Array(width * height * 3);
  const x0 = Math.max(0, x);
  const x1 = Math.min(image.width, x + width);
  if (x1 > x0) {
    for (let row = 0; row < height; row++) {
      const sy = y + row;
      if (sy < 0 || sy >= image.height) continue;
      const from = (sy * image.width + x0) * 3;
      out.set(image.data.subarray(from, from + (x1 - x0) * 3), (row * width + (x0 - x)) * 3);
    }
  }
  return rgbImage(width, height, out);
};
