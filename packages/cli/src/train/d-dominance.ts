/**
 * Below this smoothed `loss_D = 0.5·(D_real + D_fake)` the discriminator is overpowering the generator: it
 * tells real from fake almost perfectly (with the vanilla loss, D outputs about 0.9 for real pairs and 0.1 for
 * fakes), so G's adversarial gradient vanishes and only L1 still trains it. Equilibrium is log 2 ≈ 0.69.
 */
export const D_OVERPOWERS_BELOW = 0.1;

/**
 * Exponential moving average with weight `alpha` for the new value (the first value starts it).
 *
 * @example
 * ```ts
 * import { ema } from '@pix2pix-ts/cli';
 * ema(undefined, 1, 0.1); // 1
 * ema(1, 0, 0.1); // 0.9
 * ```
 */
export const ema = (previous: number | undefined, value: number, alpha: number): number => (previous === undefined ? value : previous + alpha * (value - previous));

/**
 * Whether a smoothed `loss_D` says D overpowers G (see {@link D_OVERPOWERS_BELOW}). Never true for the L1-only
 * objective, which has no discriminator.
 *
 * @example
 * ```ts
 * import { dOverpowers } from '@pix2pix-ts/cli';
 * dOverpowers(0.03, false); // true
 * dOverpowers(0.6, false); // false
 * ```
 */
export const dOverpowers = (smoothedLossD: number, l1Only: boolean): boolean => !l1Only && smoothedLossD < D_OVERPOWERS_BELOW;
