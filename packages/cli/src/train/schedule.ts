/**
 * Where a global step falls in the data: the 0-based loader epoch and the batch within it. The training state's
 * epoch (1-based, it sets the learning rate) is `epochIndex + 1`. Batches derive from `(seed, epoch, index)`, so
 * a run resumed at step `s` sees exactly the batches an uninterrupted run would.
 *
 * @example
 * ```ts
 * import { positionOf } from '@pix2pix-ts/cli';
 * positionOf(401, 400); // { epochIndex: 1, batchInEpoch: 1 }
 * ```
 */
export function positionOf(step: number, batchesPerEpoch: number): { readonly epochIndex: number; readonly batchInEpoch: number } {
  return { epochIndex: Math.floor(step / batchesPerEpoch), batchInEpoch: step % batchesPerEpoch };
}

/** Total optimisation steps of a run: epochs × batches per epoch. */
export const totalSteps = (epochs: number, batchesPerEpoch: number): number => epochs * batchesPerEpoch;

/**
 * Whether the end of `epoch` (1-based) is a save point: every `saveEpochFreq` epochs, and always the last.
 *
 * @example
 * ```ts
 * import { isSaveEpoch } from '@pix2pix-ts/cli';
 * isSaveEpoch(5, 5, 9); // true
 * isSaveEpoch(9, 5, 9); // true (the last)
 * isSaveEpoch(6, 5, 9); // false
 * ```
 */
export const isSaveEpoch = (epoch: number, saveEpochFreq: number, epochs: number): boolean => epoch % saveEpochFreq === 0 || epoch === epochs;
