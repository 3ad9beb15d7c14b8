import * as t from 'io-ts';

/** A generator architecture by its official name, parsed. */
export type NetGSpec =
  | { readonly kind: 'unet'; readonly depth: number; readonly name: string }
  | { readonly kind: 'resnet'; readonly blocks: number; readonly name: string };

/**
 * Parses an official `--netG` name: `unet_256` (8 downs), `unet_128` (7), any `unet_<N>` with N a power of
 * two >= 32 (log2 N downs: the size at which the bottleneck is 1x1, e.g. `unet_64` has 6), and
 * `resnet_<k>blocks` (`resnet_9blocks`, `resnet_6blocks`, ...).
 *
 * @example
 * ```ts
 * import { parseNetG } from '@pix2pix-ts/cli';
 * parseNetG('unet_64'); // { kind: 'unet', depth: 6, name: 'unet_64' }
 * parseNetG('resnet_9blocks'); // { kind: 'resnet', blocks: 9, name: 'resnet_9blocks' }
 * parseNetG('unet_100'); // undefined
 * ```
 */
export function parseNetG(name: string): NetGSpec | undefined {
  const unet = /^unet_(\d{1,5})$/.exec(name);
  if (unet !== null) {
    const n = Number(unet[1]);
    const depth = Math.log2(n);
    return Number.isInteger(depth) && depth >= 5 ? { kind: 'unet', depth, name } : undefined;
  }
  const resnet = /^resnet_(\d{1,2})blocks$/.exec(name);
  if (resnet !== null) {
    const blocks = Number(resnet[1]);
    return blocks >= 1 ? { kind: 'resnet', blocks, name } : undefined;
  }
  return undefined;
}

/** `--netG`: a name {@link parseNetG} accepts (decoded from a string, kept as the string). */
export const NetGName = new t.Type<string, string, unknown>(
  'unet_256|unet_128|resnet_9blocks|resnet_6blocks|unet_<N> (N a power of 2 >= 32)',
  (u): u is string => typeof u === 'string' && parseNetG(u) !== undefined,
  (u, c) => (typeof u === 'string' && parseNetG(u) !== undefined ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** `--netD`: `basic` (70x70 PatchGAN, `n_layers` 3), `n_layers` (use `--n_layers_D`), `pixel` (1x1). */
export const NET_D_NAMES = ['basic', 'n_layers', 'pixel'] as const;
/** See {@link NET_D_NAMES}. */
export type NetDName = (typeof NET_D_NAMES)[number];

/** `--norm`. */
export const NORM_NAMES = ['batch', 'instance', 'none'] as const;
/** `--gan_mode`: `none` trains the L1-only generator (the paper's ablation). */
export const GAN_MODE_NAMES = ['vanilla', 'lsgan', 'none'] as const;
/** `--lr_policy`. */
export const LR_POLICY_NAMES = ['linear', 'step', 'cosine', 'constant'] as const;
/** `--preprocess` (the official modes). */
export const PREPROCESS_NAMES = ['resize_and_crop', 'crop', 'scale_width', 'scale_width_and_crop', 'none'] as const;
/** `--direction`. */
export const DIRECTION_NAMES = ['AtoB', 'BtoA'] as const;
/** `--backend`. */
export const BACKEND_CHOICES = ['cpu', 'wasm', 'webgl'] as const;
/** `--preset`. */
export const PRESET_NAMES = ['default', 'paper', 'smoke'] as const;
/** `--phase` (a split of an aligned dataset). */
export const PHASE_NAMES = ['train', 'val', 'test'] as const;
/** `--dataset_mode` of `pix2pix test`. */
export const DATASET_MODE_NAMES = ['single', 'aligned'] as const;
