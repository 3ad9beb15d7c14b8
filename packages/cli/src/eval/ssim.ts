import { assertSameSize, type Rgb8 } from './rgb';

/** SSIM's luminance constant of Wang et al. (2004) for a dynamic range of 1: `C1 = (0.01)²`. */
export const SSIM_C1 = 0.01 ** 2;
/** SSIM's contrast constant of Wang et al. (2004) for a dynamic range of 1: `C2 = (0.03)²`. */
export const SSIM_C2 = 0.03 ** 2;

/**
 * The normalised 1-D Gaussian of `size` taps and deviation `sigma` (the 2-D SSIM window is its outer product).
 *
 * @example
 * ```ts
 * import { gaussianKernel } from '@pix2pix-ts/cli';
 * gaussianKernel(11, 1.5).length; // 11, sums to 1
 * ```
 */
export function gaussianKernel(size: number, sigma: number): Float64Array {
  const k = new Float64Array(size);
  const mid = (size - 1) / 2;
  let sum = 0;
  for (let i = 0; i < size; i++) {
    const v = Math.exp(-((i - mid) ** 2) / (2 * sigma * sigma));
    k[i] = v;
    sum += v;
  }
  for (let i = 0; i < size; i++) k[i] = (k[i] as number) / sum;
  return k;
}

/** Separable 'valid' filtering of a plane (only where the whole window fits, as Wang's reference `filter2(..., 'valid')`). */
function filterValid(plane: Float64Array, w: number, h: number, k: Float64Array): { readonly out: Float64Array; readonly w: number; readonly h: number } {
  const n = k.length;
  const ow = w - n + 1;
  const oh = h - n + 1;
  const tmp = new Float64Array(ow * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (k[i] as number) * (plane[y * w + x + i] as number);
      tmp[y * ow + x] = s;
    }
  }
  const out = new Float64Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (k[i] as number) * (tmp[(y + i) * ow + x] as number);
      out[y * ow + x] = s;
    }
  }
  return { out, w: ow, h: oh };
}

/**
 * The standard SSIM of Wang et al. (2004) for one channel: an 11x11 Gaussian window with σ = 1.5, `C1 = (0.01)²`,
 * `C2 = (0.03)²` on values in [0, 1], the mean of the SSIM map over every position where the window fits. Images
 * smaller than the window use the largest odd window that fits.
 */
export function ssimPlane(x: Float64Array, y: Float64Array, w: number, h: number, windowSize = 11, sigma = 1.5): number {
  let size = Math.min(windowSize, w, h);
  if (size % 2 === 0) size -= 1;
  const k = gaussianKernel(size, sigma);
  const xx = new Float64Array(x.length);
  const yy = new Float64Array(x.length);
  const xy = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    xx[i] = a * a;
    yy[i] = b * b;
    xy[i] = a * b;
  }
  const mx = filterValid(x, w, h, k).out;
  const my = filterValid(y, w, h, k).out;
  const sxx = filterValid(xx, w, h, k).out;
  const syy = filterValid(yy, w, h, k).out;
  const sxy = filterValid(xy, w, h, k).out;
  let sum = 0;
  for (let i = 0; i < mx.length; i++) {
    const ux = mx[i] as number;
    const uy = my[i] as number;
    const vx = (sxx[i] as number) - ux * ux;
    const vy = (syy[i] as number) - uy * uy;
    const cxy = (sxy[i] as number) - ux * uy;
    sum += ((2 * ux * uy + SSIM_C1) * (2 * cxy + SSIM_C2)) / ((ux * ux + uy * uy + SSIM_C1) * (vx + vy + SSIM_C2));
  }
  return sum / mx.length;
}

/**
 * SSIM of two 8-bit RGB images: {@link ssimPlane} (11x11 Gaussian window, σ 1.5, values scaled to [0, 1]) on
 * each of R, G and B, averaged over the three channels.
 *
 * @example
 * ```ts
 * import { ssim } from '@pix2pix-ts/cli';
 * const img = { width: 16, height: 16, data: new Uint8Array(16 * 16 * 3).map((_, i) => i % 251) };
 * ssim(img, img); // 1
 * ```
 */
export function ssim(x: Rgb8, y: Rgb8): number {
  assertSameSize(x, y, 'SSIM');
  const n = x.width * x.height;
  let total = 0;
  for (let c = 0; c < 3; c++) {
    const px = new Float64Array(n);
    const py = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      px[i] = (x.data[i * 3 + c] as number) / 255;
      py[i] = (y.data[i * 3 + c] as number) / 255;
    }
    total += ssimPlane(px, py, x.width, x.height);
  }
  return total / 3;
}
