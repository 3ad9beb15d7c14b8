import * as t from 'io-ts';
import type { StepMetrics } from '@pix2pix-ts/pix2pix';
import { LossNumber } from './loss-number';

/** The losses recorded per step, by their official names. */
export const LOSS_NAMES = ['G_GAN', 'G_L1', 'D_real', 'D_fake'] as const;
/** See {@link LOSS_NAMES}. */
export type LossName = (typeof LOSS_NAMES)[number];

/**
 * The mean of the losses and learning rate over `count` consecutive steps from `start`. A diverged step's NaN or
 * infinite losses are kept, written as strings (see {@link LossNumber}): encode with `LossHistory.encode`.
 */
export const LossBucket = t.type({
  start: t.number,
  count: t.number,
  G_GAN: LossNumber,
  G_L1: LossNumber,
  D_real: LossNumber,
  D_fake: LossNumber,
  lr: LossNumber,
  /** Steps of the bucket at which D overpowered G (the smoothed loss_D below the warning threshold). */
  dWarn: t.number,
});
/** See {@link LossBucket}. */
export type LossBucket = t.TypeOf<typeof LossBucket>;

/**
 * A training run's loss curves in bounded memory: steps are averaged into buckets of `bucketSize` consecutive
 * steps; when there would be more than `maxBuckets`, neighbouring buckets merge and the bucket size doubles. A
 * run of any length costs at most `maxBuckets` entries, and adding a step is O(1) amortised. Stored in
 * `history.json` (an io-ts codec: it is read back on resume).
 */
export const LossHistory = t.type({
  bucketSize: t.number,
  maxBuckets: t.number,
  buckets: t.array(LossBucket),
});
/** See {@link LossHistory}. */
export type LossHistory = t.TypeOf<typeof LossHistory>;

/**
 * An empty history.
 *
 * @example
 * ```ts
 * import { emptyHistory } from '@pix2pix-ts/cli';
 * const h = emptyHistory(); // { bucketSize: 1, maxBuckets: 400, buckets: [] }
 * ```
 */
export const emptyHistory = (maxBuckets = 400): LossHistory => ({ bucketSize: 1, maxBuckets: Math.max(2, maxBuckets - (maxBuckets % 2)), buckets: [] });

const mergeTwo = (x: LossBucket, y: LossBucket): LossBucket => {
  const n = x.count + y.count;
  const avg = (a: number, b: number): number => (a * x.count + b * y.count) / n;
  return {
    start: x.start,
    count: n,
    G_GAN: avg(x.G_GAN, y.G_GAN),
    G_L1: avg(x.G_L1, y.G_L1),
    D_real: avg(x.D_real, y.D_real),
    D_fake: avg(x.D_fake, y.D_fake),
    lr: avg(x.lr, y.lr),
    dWarn: x.dWarn + y.dWarn,
  };
};

/** Halves the number of buckets by merging neighbours (aligned to the doubled bucket size). */
export function coarsen(h: LossHistory): LossHistory {
  const size = h.bucketSize * 2;
  const out: LossBucket[] = [];
  for (const b of h.buckets) {
    const last = out[out.length - 1];
    if (last !== undefined && Math.floor(last.start / size) === Math.floor(b.start / size)) out[out.length - 1] = mergeTwo(last, b);
    else out.push({ ...b, start: Math.floor(b.start / size) * size });
  }
  return { ...h, bucketSize: size, buckets: out };
}

/**
 * Records step `step` (0-based) of a run, and whether D overpowered G at it. Pure: returns a new history (the buckets array is copied only when a
 * bucket is opened or merged, so this stays cheap at every step).
 *
 * @example
 * ```ts
 * import { emptyHistory, recordStep } from '@pix2pix-ts/cli';
 * const h = recordStep(emptyHistory(), 0, { G_GAN: 0.7, G_L1: 30, D_real: 0.6, D_fake: 0.7, G: 30.7, D: 0.65, lr: 2e-4 });
 * h.buckets.length; // 1
 * ```
 */
export function recordStep(h: LossHistory, step: number, m: StepMetrics, dWarning = false): LossHistory {
  const start = Math.floor(step / h.bucketSize) * h.bucketSize;
  const point: LossBucket = { start, count: 1, G_GAN: m.G_GAN, G_L1: m.G_L1, D_real: m.D_real, D_fake: m.D_fake, lr: m.lr, dWarn: dWarning ? 1 : 0 };
  const last = h.buckets[h.buckets.length - 1];
  const buckets = last !== undefined && last.start === start ? [...h.buckets.slice(0, -1), mergeTwo(last, point)] : [...h.buckets, point];
  const next = { ...h, buckets };
  return buckets.length > h.maxBuckets ? coarsen(next) : next;
}

/**
 * The history up to step `step` (exclusive): what a run resumed from a checkpoint at `step` continues (a run that
 * failed after its last checkpoint recorded steps the resumed run trains again). A bucket that straddles `step`
 * keeps its mean (it cannot be split); its count is cut to the steps before `step`. Pure.
 *
 * @example
 * ```ts
 * import { emptyHistory, historyBefore, recordStep } from '@pix2pix-ts/cli';
 * // historyBefore(h, 96).buckets.every((b) => b.start + b.count <= 96); // true
 * ```
 */
export function historyBefore(h: LossHistory, step: number): LossHistory {
  const buckets = h.buckets.filter((b) => b.start < step).map((b) => (b.start + b.count > step ? { ...b, count: step - b.start } : b));
  return { ...h, buckets };
}
