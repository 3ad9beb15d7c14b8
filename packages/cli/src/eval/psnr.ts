import { assertSameSize, type Rgb8 } from './rgb';

/** PSNR of identical images is infinite; it is reported as this cap (dB). */
export const PSNR_CAP_DB = 100;

/**
 * Peak signal-to-noise ratio of two 8-bit RGB images in dB, `10·log10(1 / MSE)` on the [0, 1] scale (the same
 * as `255² / MSE` on [0, 255]), over all three channels. Identical images give {@link PSNR_CAP_DB}.
 *
 * @example
 * ```ts
 * import { psnr } from '@pix2pix-ts/cli';
 * const a = { width: 1, height: 1, data: new Uint8Array([0, 0, 0]) };
 * const b = { width: 1, height: 1, data: new Uint8Array([255, 255, 255]) };
 * psnr(a, b); // 0
 * ```
 */
export function psnr(x: Rgb8, y: Rgb8): number {
  assertSameSize(x, y, 'PSNR');
  let sum = 0;
  for (let i = 0; i < x.data.length; i++) {
    const d = ((x.data[i] as number) - (y.data[i] as number)) / 255;
    sum += d * d;
  }
  const mse = sum / x.data.length;
  return mse === 0 ? PSNR_CAP_DB : Math.min(PSNR_CAP_DB, 10 * Math.log10(1 / mse));
}
