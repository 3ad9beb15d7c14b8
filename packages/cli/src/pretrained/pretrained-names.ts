/**
 * The official implementation's pretrained pix2pix models, by the names its `download_pix2pix_model.sh` takes
 * (all `unet_256` generators with batch norm, saved by PyTorch < 1.6 in the legacy container format).
 *
 * @example
 * ```ts
 * import { PRETRAINED_NAMES } from '@pix2pix-ts/cli/node';
 * PRETRAINED_NAMES.includes('facades_label2photo'); // true
 * ```
 */
export const PRETRAINED_NAMES = ['facades_label2photo', 'sat2map', 'map2sat', 'edges2shoes', 'day2night'] as const;

/** One of {@link PRETRAINED_NAMES}. */
export type PretrainedName = (typeof PRETRAINED_NAMES)[number];

/** Where the official script fetches them from; `PIX2PIX_PRETRAINED_URL` overrides it (a mirror, a test server). */
export const OFFICIAL_PRETRAINED_URL = 'http://efrosgans.eecs.berkeley.edu/pix2pix/models-pytorch';
