import type { DiscriminatorInput } from '../discriminators/discriminator-input';

/**
 * The objectives of the paper's Table 1 / Fig. 4 ablation: `l1` (L1 alone, no D), `cgan` (the conditional
 * GAN term alone, λ_L1 = 0), `l1+gan` (L1 plus an unconditional GAN: D sees the output only), `l1+cgan`
 * (the paper's: L1 plus the conditional GAN).
 */
export const OBJECTIVE_VARIANTS = ['l1', 'cgan', 'l1+gan', 'l1+cgan'] as const;
/** See {@link OBJECTIVE_VARIANTS}. */
export type ObjectiveVariant = (typeof OBJECTIVE_VARIANTS)[number];

/** What an objective variant sets: whether there is a GAN term, whether the L1 term is kept, what D sees. */
export interface VariantSettings {
  /** A GAN term (false: the official `--gan_mode` is irrelevant, no D is trained). */
  readonly gan: boolean;
  /** Keep `--lambda_L1` (false: λ_L1 = 0). */
  readonly l1: boolean;
  /** What D sees. */
  readonly discriminatorInput: DiscriminatorInput;
}

/**
 * The settings of an objective variant.
 *
 * @example
 * ```ts
 * import { variantSettings } from '@pix2pix-ts/pix2pix';
 * variantSettings('l1+gan'); // { gan: true, l1: true, discriminatorInput: 'unconditional' }
 * ```
 */
export function variantSettings(v: ObjectiveVariant): VariantSettings {
  switch (v) {
    case 'l1':
      return { gan: false, l1: true, discriminatorInput: 'conditional' };
    case 'cgan':
      return { gan: true, l1: false, discriminatorInput: 'conditional' };
    case 'l1+gan':
      return { gan: true, l1: true, discriminatorInput: 'unconditional' };
    case 'l1+cgan':
      return { gan: true, l1: true, discriminatorInput: 'conditional' };
  }
}

/**
 * The variant a set of options amounts to, for reports (the inverse of {@link variantSettings}); `gan` and
 * `unconditional` D with λ_L1 = 0 (an unconditional GAN alone, not in the paper's table) is `gan`.
 *
 * @example
 * ```ts
 * import { variantOf } from '@pix2pix-ts/pix2pix';
 * variantOf({ gan: true, lambdaL1: 100, discriminatorInput: 'conditional' }); // 'l1+cgan'
 * ```
 */
export function variantOf(o: { readonly gan: boolean; readonly lambdaL1: number; readonly discriminatorInput: DiscriminatorInput }): ObjectiveVariant | 'gan' {
  if (!o.gan) return 'l1';
  const conditional = o.discriminatorInput === 'conditional';
  if (o.lambdaL1 === 0) return conditional ? 'cgan' : 'gan';
  return conditional ? 'l1+cgan' : 'l1+gan';
}
