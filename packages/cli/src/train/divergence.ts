import type { StepMetrics } from '@pix2pix-ts/pix2pix';
import { LOSS_NAMES } from './loss-history';

/**
 * Why a step diverged, or `undefined` when it did not: a non-finite loss (named), or weights that are no longer
 * finite after the step. Pure. `step` is the 1-based iteration that produced them.
 *
 * @example
 * ```ts
 * import { divergence } from '@pix2pix-ts/cli';
 * const m = { G_GAN: 0.7, G_L1: Number.NaN, D_real: 0.6, D_fake: 0.7, G: Number.NaN, D: 0.65, lr: 2e-4 };
 * divergence(m, true, 12, 2); // 'iteration 12 (epoch 2): loss G_L1 is NaN'
 * ```
 */
export function divergence(m: StepMetrics, weightsFinite: boolean, step: number, epoch: number): string | undefined {
  const where = `iteration ${step} (epoch ${epoch})`;
  const bad = LOSS_NAMES.filter((k) => !Number.isFinite(m[k]));
  if (bad.length > 0) return `${where}: ${bad.map((k) => `loss ${k} is ${String(m[k])}`).join(', ')}`;
  if (!weightsFinite) return `${where}: the weights after it are not finite (losses were G_GAN ${m.G_GAN}, G_L1 ${m.G_L1}, D_real ${m.D_real}, D_fake ${m.D_fake})`;
  return undefined;
}
