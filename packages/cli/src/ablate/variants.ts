import type { TrainOptions } from '../config/build-config';

/** The paper's ablation studies (sections 4.2-4.4 of Isola et al.). */
export const STUDY_NAMES = ['loss', 'generator', 'patch'] as const;
/** One study. */
export type StudyName = (typeof STUDY_NAMES)[number];
/** What `pix2pix ablate --study` accepts: one study, or `all` (their union, shared variants trained once). */
export const STUDY_CHOICES = [...STUDY_NAMES, 'all'] as const;
/** See {@link STUDY_CHOICES}. */
export type StudyChoice = (typeof STUDY_CHOICES)[number];

/**
 * The `pix2pix train` options a variant changes, on top of the study's budget. Only model and objective
 * options: data, schedule and seed are the study's, the same for every variant.
 */
export type VariantOverrides = Pick<TrainOptions, 'objective' | 'patch'>;

/** One trained configuration of a study. */
export interface Variant {
  /** Stable id: the run name of its folders and the key of everything the study records. */
  readonly id: string;
  /** As the paper's tables name the row. */
  readonly label: string;
  /** The studies whose table has this row. */
  readonly studies: readonly StudyName[];
  /** The train options it sets. */
  readonly overrides: VariantOverrides;
  /** `encoder_decoder`: the budget's U-Net without its skips (`--netG encoder_decoder_<N>` of the same depth). */
  readonly generator?: 'encoder_decoder';
  /** Its name in the patch-size table, where the paper's row names the discriminator (the baseline's). */
  readonly patchLabel?: string;
  /** One line: what the variant is, in the paper's words. */
  readonly what: string;
}

/**
 * The baseline: the paper's full method (U-Net, L1 + conditional GAN, the budget's PatchGAN). Every study
 * compares against it, and it is trained once for all of them.
 */
export const BASELINE_ID = 'l1_cgan';

/**
 * Every variant, in the order a study trains them: the baseline first, then the comparisons that the paper's
 * claims rest on most (the loss terms), then the generator and the discriminator's patch size. The order
 * decides what a study that runs out of time has already finished.
 */
export const VARIANTS: readonly Variant[] = [
  { id: BASELINE_ID, label: 'L1+cGAN', studies: ['loss', 'generator', 'patch'], overrides: { objective: 'l1+cgan' }, what: "U-Net, λ·L1 + conditional GAN, the budget's PatchGAN (34×34 at 64×64): the paper's method", patchLabel: "the budget's PatchGAN (34×34 at 64×64)" },
  { id: 'l1', label: 'L1', studies: ['loss', 'generator'], overrides: { objective: 'l1' }, what: 'U-Net, L1 alone (no discriminator)' },
  { id: 'cgan', label: 'cGAN', studies: ['loss'], overrides: { objective: 'cgan' }, what: 'U-Net, conditional GAN alone (λ = 0)' },
  { id: 'l1_gan', label: 'L1+GAN', studies: ['loss'], overrides: { objective: 'l1+gan' }, what: 'U-Net, λ·L1 + unconditional GAN (D sees the output only)' },
  { id: 'ed_l1_cgan', label: 'Encoder-decoder (L1+cGAN)', studies: ['generator'], overrides: { objective: 'l1+cgan' }, generator: 'encoder_decoder', what: 'the U-Net without its skips, λ·L1 + conditional GAN' },
  { id: 'ed_l1', label: 'Encoder-decoder (L1)', studies: ['generator'], overrides: { objective: 'l1' }, generator: 'encoder_decoder', what: 'the U-Net without its skips, L1 alone' },
  { id: 'patch_1', label: '1×1 (PixelGAN)', studies: ['patch'], overrides: { patch: '1' }, what: 'a 1×1 PatchGAN: D judges single pixels (colour only)' },
  { id: 'patch_16', label: '16×16 PatchGAN', studies: ['patch'], overrides: { patch: '16' }, what: 'a 16×16 PatchGAN' },
  { id: 'patch_70', label: '70×70 PatchGAN', studies: ['patch'], overrides: { patch: '70' }, what: "the paper's 70×70 PatchGAN" },
  { id: 'patch_286', label: '286×286 PatchGAN', studies: ['patch'], overrides: { patch: '286' }, what: 'a 286×286 PatchGAN (the paper\'s ImageGAN at 256×256)' },
  { id: 'patch_image', label: 'ImageGAN', studies: ['patch'], overrides: { patch: 'image' }, what: 'the fewest layers whose field covers the whole crop (286 at 256, 70 at 64)' },
];

/** The variant of an id (`undefined` for an unknown one). */
export const variantById = (id: string): Variant | undefined => VARIANTS.find((v) => v.id === id);
