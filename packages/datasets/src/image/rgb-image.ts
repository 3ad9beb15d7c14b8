/**
 * A decoded image as the whole pipeline sees it: 8-bit RGB, row-major, interleaved (`data[(y * width + x) * 3 + c]`).
 * Plain data, so Node and browsers, workers and tests all share it and no tensor backend is involved.
 *
 * @example
 * ```ts
 * import type { RgbImage } from '@pix2pix-ts/datasets';
 * const red: RgbImage = { width: 1, height: 1, channels: 3, data: Uint8Array.of(255, 0, 0) };
 * ```
 */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 3;
  readonly data: Uint8Array;
}

/**
 * Makes an {@link RgbImage}, checking that `data` holds exactly `width * height * 3` bytes.
 *
 * @example
 * ```ts
 * import { rgbImage } from '@pix2pix-ts/datasets';
 * const red = rgbImage(1, 1, Uint8Array.of(255, 0, 0));
 * ```
 */
export const rgbImage = (width: number, height: number, data: Uint8Array): RgbImage => {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`rgbImage: size must be non-negative integers, got ${width}x${height}`);
  }
  if (data.length !== width * height * 3) {
    throw new RangeError(`rgbImage: ${width}x${height}x3 needs ${width * height * 3} bytes, got ${data.length}`);
  }
  return { width, height, channels: 3, data };
};

/**
 * Builds an image from a function of the pixel position and channel (handy for tests and synthetic data).
 *
 * @example
 * ```ts
 * import { imageFrom } from '@pix2pix-ts/datasets';
 * const ramp = imageFrom(4, 2, (x, y, c) => (x * 64 + c) & 255);
 * ```
 */
export const imageFrom = (
  width: number,
  height: number,
  value: (x: number, y: number, c: number) => number,
): RgbImage => {
  const data = new Uint8Array(width * height * 3);
  let i = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) data[i++] = value(x, y, c);
    }
  }
  return rgbImage(width, height, data);
};
