import type { RgbImage } from '../image/rgb-image';

// (x / 255 - 0.5) / 0.5 with every step rounded to float32, as torch's ToTensor + Normalize compute it.
const LUT = Float32Array.from({ length: 256 }, (_, v) => Math.fround(Math.fround(Math.fround(v / 255) - 0.5) / 0.5));

/**
 * Scales 8-bit pixels to [-1, 1] as `ToTensor()` + `Normalize((0.5,)*3, (0.5,)*3)` do, bit for bit in float32:
 * 0 → -1, 255 → 1. Keeps the HWC layout.
 *
 * @example
 * ```ts
 * import { rgbImage, toUnitRange } from '@pix2pix-ts/datasets';
 * toUnitRange(rgbImage(1, 1, Uint8Array.of(0, 255, 128))); // Float32Array [-1, 1, 0.00392...]
 * ```
 */
export const toUnitRange = (image: RgbImage): Float32Array => {
  const out = new Float32Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = LUT[image.data[i] as number] as number; // both indices in range
  return out;
};

/**
 * Back from [-1, 1] to 8-bit (for previews): `round((v + 1) * 127.5)`, clamped.
 *
 * @example
 * ```ts
 * import { fromUnitRange } from '@pix2pix-ts/datasets';
 * fromUnitRange(Float32Array.of(-1, 0, 1)); // Uint8Array [0, 128, 255]
 * ```
 */
export const fromUnitRange = (values: Float32Array): Uint8Array => {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(((values[i] as number) + 1) * 127.5); // i < length
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
};
