import { describe, expect, it } from 'vitest';
import { gaussianKernel, imageMetrics, meanAbsoluteError, meanMetrics, psnr, PSNR_CAP_DB, ssim, SSIM_C1, SSIM_C2, type Rgb8 } from '../src/index';

const image = (w: number, h: number, f: (x: number, y: number, c: number) => number): Rgb8 => {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(f(x, y, c))));
  return { width: w, height: h, data };
};
let seed = 1;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

/** SSIM written the slow, obvious way: a full 2-D window at every valid position (the reference). */
function naiveSsim(x: Rgb8, y: Rgb8): number {
  const k = gaussianKernel(11, 1.5);
  let total = 0;
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    let n = 0;
    for (let oy = 0; oy + 11 <= x.height; oy++) {
      for (let ox = 0; ox + 11 <= x.width; ox++) {
        let mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
        for (let j = 0; j < 11; j++) {
          for (let i = 0; i < 11; i++) {
            const w = (k[i] as number) * (k[j] as number);
            const p = ((oy + j) * x.width + ox + i) * 3 + c;
            const a = (x.data[p] as number) / 255;
            const b = (y.data[p] as number) / 255;
            mx += w * a; my += w * b; sxx += w * a * a; syy += w * b * b; sxy += w * a * b;
          }
        }
        const vx = sxx - mx * mx, vy = syy - my * my, cxy = sxy - mx * my;
        sum += ((2 * mx * my + SSIM_C1) * (2 * cxy + SSIM_C2)) / ((mx * mx + my * my + SSIM_C1) * (vx + vy + SSIM_C2));
        n++;
      }
    }
    total += sum / n;
  }
  return total / 3;
}

describe('metrics', () => {
  const a = image(32, 24, (x, y, c) => 128 + 80 * Math.sin(x / 3 + c) * Math.cos(y / 5));
  const noisy = image(32, 24, (x, y, c) => (a.data[(y * 32 + x) * 3 + c] as number) + (rand() - 0.5) * 60);

  it('L1 is the mean absolute error on [0, 1]', () => {
    const black = image(4, 4, () => 0);
    const white = image(4, 4, () => 255);
    const grey = image(4, 4, () => 51);
    expect(meanAbsoluteError(black, white)).toBe(1);
    expect(meanAbsoluteError(black, grey)).toBeCloseTo(0.2, 12);
    expect(meanAbsoluteError(a, a)).toBe(0);
  });

  it('PSNR is 10·log10(1/MSE) on [0, 1], capped for identical images', () => {
    const black = image(4, 4, () => 0);
    expect(psnr(black, image(4, 4, () => 255))).toBe(0);
    expect(psnr(black, image(4, 4, () => 25.5 * 1))).toBeCloseTo(20 - 20 * Math.log10(25.5 / 25), 1);
    expect(psnr(a, a)).toBe(PSNR_CAP_DB);
  });

  it('SSIM matches a direct 2-D-window implementation, is 1 for identical images and symmetric', () => {
    expect(ssim(a, a)).toBeCloseTo(1, 12);
    expect(ssim(a, noisy)).toBeCloseTo(naiveSsim(a, noisy), 10);
    expect(ssim(a, noisy)).toBeCloseTo(ssim(noisy, a), 12);
    expect(ssim(a, noisy)).toBeLessThan(0.95);
    const flat = image(32, 24, () => 128);
    expect(ssim(a, flat)).toBeLessThan(ssim(a, noisy));
  });

  it('SSIM works on images smaller than the window', () => {
    const small = image(6, 6, (x, y) => x * 30 + y * 10);
    expect(ssim(small, small)).toBeCloseTo(1, 12);
  });

  it('refuses images of different sizes', () => {
    expect(() => ssim(a, image(8, 8, () => 0))).toThrow(/differ in size/);
  });

  it('averages per-image metrics', () => {
    const m = meanMetrics([imageMetrics(a, a), imageMetrics(a, noisy)]);
    expect(m.l1).toBeCloseTo(meanAbsoluteError(a, noisy) / 2, 12);
    expect(m.ssim).toBeCloseTo((1 + ssim(a, noisy)) / 2, 12);
    expect(Number.isNaN(meanMetrics([]).l1)).toBe(true);
  });
});
