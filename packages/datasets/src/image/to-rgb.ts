import { rgbImage, type RgbImage } from './rgb-image';

/**
 * Raw decoder output: 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA) interleaved 8-bit channels.
 *
 * @example
 * ```ts
 * import type { RawPixels } from '@pix2pix-ts/datasets';
 * const gray: RawPixels = { width: 2, height: 1, channels: 1, data: Uint8Array.of(0, 255) };
 * ```
 */
export interface RawPixels {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
  readonly data: Uint8Array;
}

/**
 * Converts raw pixels to RGB the way PIL's `Image.convert('RGB')` does (what the official loader calls): gray is
 * repeated into R, G and B; alpha is dropped (not composited), so Node and the official implementation agree.
 *
 * @example
 * ```ts
 * import { toRgb } from '@pix2pix-ts/datasets';
 * toRgb({ width: 1, height: 1, channels: 2, data: Uint8Array.of(7, 128) }).data; // Uint8Array [7, 7, 7]
 * ```
 */
export const toRgb = (raw: RawPixels): RgbImage => {
  const { width, height, channels, data } = raw;
  const n = width * height;
  if (data.length < n * channels) {
    throw new RangeError(`toRgb: ${width}x${height}x${channels} needs ${n * channels} bytes, got ${data.length}`);
  }
  if (channels === 3) return rgbImage(width, height, data.length === n * 3 ? data : data.subarray(0, n * 3));
  const out = new Uint8Array(n * 3);
  if (channels === 1 || channels === 2) {
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      const v = data[j] as number;
      out[i * 3] = v;
      out[i * 3 + 1] = v;
      out[i * 3 + 2] = v;
    }
  } else {
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      out[i * 3] = data[j] as number;
      out[i * 3 + 1] = data[j + 1] as number;
      out[i * 3 + 2] = data[j + 2] as number;
    }
  }
  return rgbImage(width, height, out);
};
