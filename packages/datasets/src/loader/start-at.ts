/**
 * Where a stream of batches starts: batch `batch` (0-based) of epoch `epoch` (0-based). A resumed training run
 * starts where its checkpoint stopped, `{ epoch: ⌊step / B⌋, batch: step mod B }` for `B` batches per epoch.
 *
 * @example
 * ```ts
 * import type { StartAt } from '@pix2pix-ts/datasets';
 * const afterTenSteps: StartAt = { epoch: 2, batch: 2 }; // 4 batches per epoch: epochs 0 and 1, then 2 more
 * ```
 */
export interface StartAt {
  readonly epoch: number;
  readonly batch: number;
}

/**
 * The start of the stream: batch 0 of epoch 0.
 *
 * @example
 * ```ts
 * import { START } from '@pix2pix-ts/datasets';
 * START; // { epoch: 0, batch: 0 }
 * ```
 */
export const START: StartAt = { epoch: 0, batch: 0 };

/**
 * Why `startAt` is not a place in a stream of `batchesPerEpoch` batches per epoch, or `undefined` when it is:
 * both are non-negative integers and the batch is inside its epoch (batch 0 is always allowed).
 *
 * @example
 * ```ts
 * import { checkStartAt } from '@pix2pix-ts/datasets';
 * checkStartAt({ epoch: 1, batch: 3 }, 4); // undefined
 * checkStartAt({ epoch: 1, batch: 4 }, 4); // 'startAt.batch must be below the 4 batches of an epoch, got 4'
 * ```
 */
export const checkStartAt = (startAt: StartAt, batchesPerEpoch: number): string | undefined => {
  if (!Number.isSafeInteger(startAt.epoch) || startAt.epoch < 0) return `epoch must be a non-negative integer, got ${startAt.epoch}`;
  if (!Number.isSafeInteger(startAt.batch) || startAt.batch < 0) return `startAt.batch must be a non-negative integer, got ${startAt.batch}`;
  if (startAt.batch > 0 && startAt.batch >= batchesPerEpoch) return `startAt.batch must be below the ${batchesPerEpoch} batches of an epoch, got ${startAt.batch}`;
  return undefined;
};
