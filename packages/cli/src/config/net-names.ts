// The model and objective names belong to the one model spec (@pix2pix-ts/pix2pix); the others are the CLI's own.
export {
  GAN_MODE_NAMES,
  LR_POLICY_NAMES,
  NET_D_NAMES,
  NetGName,
  NORM_NAMES,
  parseNetG,
  type NetDName,
  type NetGSpec,
} from '@pix2pix-ts/pix2pix';
export { DISCRIMINATOR_INPUTS as NET_D_INPUT_NAMES, OBJECTIVE_VARIANTS as OBJECTIVE_NAMES, PATCH_SIZES as PATCH_NAMES } from '@pix2pix-ts/pix2pix';

/** `--preprocess` (the official modes). */
export const PREPROCESS_NAMES = ['resize_and_crop', 'crop', 'scale_width', 'scale_width_and_crop', 'none'] as const;
/** `--direction`. */
export const DIRECTION_NAMES = ['AtoB', 'BtoA'] as const;
/** `--backend`. */
export const BACKEND_CHOICES = ['cpu', 'wasm', 'webgl', 'webgpu'] as const;
/** `--preset`. */
export const PRESET_NAMES = ['default', 'paper', 'smoke'] as const;
/** `--phase` (a split of an aligned dataset). */
export const PHASE_NAMES = ['train', 'val', 'test'] as const;
/** `--dataset_mode` of `pix2pix test`. */
export const DATASET_MODE_NAMES = ['single', 'aligned'] as const;
