import * as t from 'io-ts';
import { rgbToLab } from '@pix2pix-ts/datasets';
import type { Rgb8 } from './rgb';

/** How one Lab channel is binned: `bins` equal bins over `[min, max]`; values outside go to the end bins. */
export interface ChannelBins {
  readonly min: number;
  readonly max: number;
  readonly bins: number;
}

/**
 * The bins of the colour-distribution test: unit-width bins, L: 100 over [0, 100], a and b: 256 over
 * [-128, 128] (sRGB's a spans about -86…98 and b -108…95, so nothing is clipped). The paper does not give its bins;
 * unit width is the finest that stays smooth on a test set of 100 images at 64x64.
 */
export const LAB_BINS = {
  l: { min: 0, max: 100, bins: 100 },
  a: { min: -128, max: 128, bins: 256 },
  b: { min: -128, max: 128, bins: 256 },
} as const satisfies Record<'l' | 'a' | 'b', ChannelBins>;

/** Pixel counts per bin of the L, a and b channels of a set of images. */
export interface LabCounts {
  readonly l: Float64Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
}

/** Histograms with no pixels. */
export const emptyLabCounts = (): LabCounts => ({
  l: new Float64Array(LAB_BINS.l.bins),
  a: new Float64Array(LAB_BINS.a.bins),
  b: new Float64Array(LAB_BINS.b.bins),
});

const binOf = (v: number, { min, max, bins }: ChannelBins): number => Math.min(bins - 1, Math.max(0, Math.floor(((v - min) / (max - min)) * bins)));

/**
 * Adds the pixels of one 8-bit RGB image (converted to Lab as `skimage.color.rgb2lab`) to histograms; returns new
 * histograms.
 *
 * @example
 * ```ts
 * import { addToLabCounts, emptyLabCounts } from '@pix2pix-ts/cli';
 * const h = addToLabCounts(emptyLabCounts(), { width: 1, height: 1, data: Uint8Array.of(255, 255, 255) });
 * h.l[99]; // 1 (L = 100)
 * ```
 */
export function addToLabCounts(h: LabCounts, image: Rgb8): LabCounts {
  const lab = rgbToLab(image.data);
  const l = Float64Array.from(h.l);
  const a = Float64Array.from(h.a);
  const b = Float64Array.from(h.b);
  for (let i = 0; i < lab.length; i += 3) {
    const li = binOf(lab[i] ?? 0, LAB_BINS.l);
    const ai = binOf(lab[i + 1] ?? 0, LAB_BINS.a);
    const bi = binOf(lab[i + 2] ?? 0, LAB_BINS.b);
    l[li] = (l[li] ?? 0) + 1;
    a[ai] = (a[ai] ?? 0) + 1;
    b[bi] = (b[bi] ?? 0) + 1;
  }
  return { l, a, b };
}

/** {@link addToLabCounts} over a set of images. */
export const labCountsOf = (images: readonly Rgb8[]): LabCounts => images.reduce(addToLabCounts, emptyLabCounts());

/**
 * Histogram intersection of two histograms after normalising each to sum 1: `Σ min(p_i, q_i)`, 1 for the same
 * distribution, 0 for disjoint ones (NaN when either is empty).
 *
 * @example
 * ```ts
 * import { intersectHistograms } from '@pix2pix-ts/cli';
 * intersectHistograms([2, 2, 0], [0, 1, 1]); // 0.5: p = (.5, .5, 0), q = (0, .5, .5)
 * ```
 */
export function intersectHistograms(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError(`intersectHistograms: ${p.length} bins vs ${q.length}`);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i] ?? 0;
    sq += q[i] ?? 0;
  }
  if (sp === 0 || sq === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.min((p[i] ?? 0) / sp, (q[i] ?? 0) / sq);
  return s;
}

/** The paper's colour-distribution test: histogram intersection of each Lab channel, generated vs real. */
export const LabIntersection = t.type({ l: t.number, a: t.number, b: t.number });
/** See {@link LabIntersection}. */
export type LabIntersection = t.TypeOf<typeof LabIntersection>;

/**
 * Histogram intersection per Lab channel between the histograms of generated and of real photos (the paper's
 * Table 2 / Fig. 7: how well the outputs match the colour statistics of real photos; higher is better).
 *
 * @example
 * ```ts
 * import { labCountsOf, labIntersection, type Rgb8 } from '@pix2pix-ts/cli';
 * const flat = (r: number, g: number, b: number): Rgb8 => ({ width: 2, height: 2, data: new Uint8Array(Array.from({ length: 4 }, () => [r, g, b]).flat()) });
 * labIntersection(labCountsOf([flat(200, 60, 40)]), labCountsOf([flat(200, 60, 40)])); // { l: 1, a: 1, b: 1 }
 * labIntersection(labCountsOf([flat(128, 128, 128)]), labCountsOf([flat(200, 60, 40)])); // { l: 0, a: 0, b: 0 }: grey vs red
 * ```
 */
export const labIntersection = (generated: LabCounts, real: LabCounts): LabIntersection => ({
  l: intersectHistograms(generated.l, real.l),
  a: intersectHistograms(generated.a, real.a),
  b: intersectHistograms(generated.b, real.b),
});

/** Lab histograms normalised to sum 1 per channel (plain arrays, for JSON and plots). */
export const LabDistribution = t.type({ l: t.array(t.number), a: t.array(t.number), b: t.array(t.number) });
/** See {@link LabDistribution}. */
export type LabDistribution = t.TypeOf<typeof LabDistribution>;

const normalised = (h: Float64Array): number[] => {
  const total = h.reduce((s, v) => s + v, 0);
  return Array.from(h, (v) => (total === 0 ? 0 : v / total));
};

/**
 * Histograms as distributions (each channel sums to 1; all zeros when empty).
 *
 * @example
 * ```ts
 * import { emptyLabCounts, labDistributionOf } from '@pix2pix-ts/cli';
 * labDistributionOf(emptyLabCounts()).l.length; // 100
 * ```
 */
export const labDistributionOf = (h: LabCounts): LabDistribution => ({ l: normalised(h.l), a: normalised(h.a), b: normalised(h.b) });
