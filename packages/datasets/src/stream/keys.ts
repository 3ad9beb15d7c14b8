import { foldIn, key, permutation, type Key } from '@pix2pix-ts/random';

/**
 * The key of one epoch: `foldIn(key(seed), epoch)`.
 *
 * @example
 * ```ts
 * import { epochKey } from '@pix2pix-ts/datasets';
 * const k = epochKey(0, 3);
 * ```
 */
export const epochKey = (seed: number, epoch: number): Key => foldIn(key(seed), epoch);

/**
 * The key of pair `index` (its position in the sorted dataset, not in the shuffled order) in an epoch: the crop and
 * flip of a pair depend only on `(seed, epoch, index)`, whatever the batch size, order or number of workers.
 *
 * @example
 * ```ts
 * import { sampleKey } from '@pix2pix-ts/datasets';
 * const k = sampleKey(0, 3, 41); // same value every run
 * ```
 */
export const sampleKey = (seed: number, epoch: number, index: number): Key => foldIn(foldIn(epochKey(seed, epoch), 1), index);

/**
 * The visiting order of an epoch: a permutation of `0 … n-1` from `foldIn(epochKey, 0)`, or `0 … n-1` itself when
 * not shuffling.
 *
 * @example
 * ```ts
 * import { epochOrder } from '@pix2pix-ts/datasets';
 * epochOrder(0, 0, 5, true);  // e.g. [3, 0, 4, 1, 2], the same for every run
 * epochOrder(0, 0, 5, false); // [0, 1, 2, 3, 4]
 * ```
 */
export const epochOrder = (seed: number, epoch: number, n: number, shuffle: boolean): number[] =>
  shuffle ? permutation(foldIn(epochKey(seed, epoch), 0), n) : Array.from({ length: n }, (_, i) => i);
