/**
 * Learning-rate policies of the official code (`--lr_policy`), as pure functions of the epoch
 * (counted from 1, as the official `epoch_count`).
 */
export type LrPolicy =
  | { readonly kind: 'linear'; readonly nEpochs: number; readonly nEpochsDecay: number }
  | { readonly kind: 'step'; readonly stepSize: number; readonly gamma?: number }
  | { readonly kind: 'cosine'; readonly tMax: number }
  | { readonly kind: 'constant' };

/**
 * The multiplier of the base learning rate at `epoch` (1-based).
 * `linear`: 1 for `nEpochs` epochs, then linear decay to 0 over `nEpochsDecay` (the official
 * `1 - max(0, epoch + epoch_count - n_epochs) / (n_epochs_decay + 1)` with epoch counted from 0);
 * `step`: ×gamma (0.1) every `stepSize` epochs; `cosine`: `(1 + cos(π·t/T)) / 2` with t = epoch - 1.
 *
 * @example
 * ```ts
 * import { lrFactor } from '@pix2pix-ts/pix2pix';
 * lrFactor({ kind: 'linear', nEpochs: 100, nEpochsDecay: 100 }, 150); // 0.5049…
 * ```
 */
export function lrFactor(policy: LrPolicy, epoch: number): number {
  const e = epoch - 1; // the scheduler's internal epoch counter starts at 0
  switch (policy.kind) {
    case 'linear':
      return 1 - Math.max(0, e + 1 - policy.nEpochs) / (policy.nEpochsDecay + 1);
    case 'step':
      return (policy.gamma ?? 0.1) ** Math.floor(e / policy.stepSize);
    case 'cosine':
      return (1 + Math.cos((Math.PI * Math.min(e, policy.tMax)) / policy.tMax)) / 2;
    case 'constant':
      return 1;
  }
}
