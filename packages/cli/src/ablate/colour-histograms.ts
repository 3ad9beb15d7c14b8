import * as t from 'io-ts';
import { rgbToLab } from '@pix2pix-ts/datasets';

/** Bins per channel of the colour histograms. */
export const HISTOGRAM_BINS = 64;

/** The value range binned per Lab channel: L in [0, 100], a and b in [-110, 110] (the range the official colorization scales by). */
export const LAB_RANGES = { l: [0, 100], a: [-110, 110], b: [-110, 110] } as const;

/** Counts of pixels per bin of each Lab channel, over a set of images. */
export const LabHistograms = t.type({ l: t.array(t.number), a: t.array(t.number), b: t.array(t.number) });
/** See {@link LabHistograms}. */
export type LabHistograms = t.TypeOf<typeof LabHistograms>;

/** Empty histograms. */
export const emptyHistograms = (): LabHistograms => ({ l: new Array<number>(HISTOGRAM_BINS).fill(0), a: new Array<number>(HISTOGRAM_BINS).fill(0), b: new Array<number>(HISTOGRAM_BINS).fill(0) });

const binOf = (v: number, [lo, hi]: readonly [number, number]): number => Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * HISTOGRAM_BINS)));

/**
 * Adds an 8-bit RGB image's pixels to Lab histograms (in place: the accumulator of a split's evaluation).
 *
 * @example
 * ```ts
 * import { addToHistograms, emptyHistograms } from '@pix2pix-ts/cli';
 * const h = emptyHistograms();
 * addToHistograms(h, Uint8Array.of(255, 255, 255)); // one white pixel: L bin 63, a and b at the middle
 * ```
 */
export function addToHistograms(h: LabHistograms, rgb: Uint8Array): void {
  const lab = rgbToLab(rgb);
  for (let i = 0; i < lab.length; i += 3) {
    const l = binOf(lab[i] ?? 0, LAB_RANGES.l);
    const a = binOf(lab[i + 1] ?? 0, LAB_RANGES.a);
    const b = binOf(lab[i + 2] ?? 0, LAB_RANGES.b);
    h.l[l] = (h.l[l] ?? 0) + 1;
    h.a[a] = (h.a[a] ?? 0) + 1;
    h.b[b] = (h.b[b] ?? 0) + 1;
  }
}

/**
 * The intersection of two histograms after normalising each to sum 1: Σ min(p, q), 1 for identical
 * distributions, 0 for disjoint ones (the paper's colour-distribution test, Table 7). Pure.
 *
 * @example
 * ```ts
 * import { histogramIntersection } from '@pix2pix-ts/cli';
 * histogramIntersection([1, 1, 0], [0, 2, 2]); // 0.5
 * ```
 */
export function histogramIntersection(p: readonly number[], q: readonly number[]): number {
  const sp = p.reduce((s, x) => s + x, 0);
  const sq = q.reduce((s, x) => s + x, 0);
  if (sp === 0 || sq === 0) return Number.NaN;
  return p.reduce((s, x, i) => s + Math.min(x / sp, (q[i] ?? 0) / sq), 0);
}

/** The intersection per Lab channel of generated against real histograms. */
export const labIntersections = (generated: LabHistograms, real: LabHistograms): { readonly l: number; readonly a: number; readonly b: number } => ({
  l: histogramIntersection(generated.l, real.l),
  a: histogramIntersection(generated.a, real.a),
  b: histogramIntersection(generated.b, real.b),
});
