import * as t from 'io-ts';
import { RealismMetrics } from './evaluate-realism';
import { meanAbsoluteError } from './l1';
import { psnr } from './psnr';
import type { Rgb8 } from './rgb';
import { ssim } from './ssim';

/** The metrics of one generated image against its target. */
export interface ImageMetrics {
  /** Mean absolute error on [0, 1]. */
  readonly l1: number;
  /** dB, on [0, 1] (= on [0, 255] with peak 255). */
  readonly psnr: number;
  /** 11x11 Gaussian-window SSIM, per RGB channel, averaged. */
  readonly ssim: number;
}

/**
 * Metrics of a split: the mean of each metric over its images (each image weighs the same), the count, and how
 * they were computed. Written as `metrics.json`; an io-ts codec because it is read back into reports.
 */
export const SplitMetrics = t.intersection([
  t.type({
    phase: t.string,
    images: t.number,
    l1: t.number,
    psnr: t.number,
    ssim: t.number,
    /** `dropout on, batch statistics` (the paper's test behaviour) or `dropout off, running statistics` (`--eval`). */
    testTime: t.string,
    /** Which checkpoint: its step and epoch. */
    step: t.number,
    epoch: t.number,
  }),
  t.partial({
    /** The paper's realism metrics (Lab colour histograms, FCN-score), where asked for (`pix2pix eval`). */
    realism: RealismMetrics,
  }),
]);
/** See {@link SplitMetrics}. */
export type SplitMetrics = t.TypeOf<typeof SplitMetrics>;

/**
 * L1, PSNR and SSIM of one generated image against its target (both 8-bit, compared on [0, 1]).
 *
 * @example
 * ```ts
 * import { imageMetrics } from '@pix2pix-ts/cli';
 * const img = { width: 16, height: 16, data: new Uint8Array(768).fill(128) };
 * imageMetrics(img, img); // { l1: 0, psnr: 100, ssim: 1 }
 * ```
 */
export const imageMetrics = (generated: Rgb8, target: Rgb8): ImageMetrics => ({
  l1: meanAbsoluteError(generated, target),
  psnr: psnr(generated, target),
  ssim: ssim(generated, target),
});

/**
 * The mean of per-image metrics (NaN for none).
 *
 * @example
 * ```ts
 * import { meanMetrics } from '@pix2pix-ts/cli';
 * meanMetrics([{ l1: 0.1, psnr: 20, ssim: 0.5 }, { l1: 0.3, psnr: 10, ssim: 0.3 }]); // { l1: 0.2, psnr: 15, ssim: 0.4 }
 * ```
 */
export function meanMetrics(all: readonly ImageMetrics[]): ImageMetrics {
  const n = all.length;
  const sum = all.reduce((s, m) => ({ l1: s.l1 + m.l1, psnr: s.psnr + m.psnr, ssim: s.ssim + m.ssim }), { l1: 0, psnr: 0, ssim: 0 });
  return n === 0 ? { l1: Number.NaN, psnr: Number.NaN, ssim: Number.NaN } : { l1: sum.l1 / n, psnr: sum.psnr / n, ssim: sum.ssim / n };
}
