import { receptiveField } from '@pix2pix-ts/layers';
import { patchGanOf } from './patch-gan';

/**
 * The discriminator receptive fields of the paper's Table 3 / Fig. 6 (1x1 PixelGAN, 16x16, 70x70, 286x286
 * ImageGAN), plus the 34 and 142 in between, and `image`: a field covering the whole crop.
 */
export const PATCH_SIZES = ['1', '16', '34', '70', '142', '286', 'image'] as const;
/** See {@link PATCH_SIZES}. */
export type PatchSize = (typeof PATCH_SIZES)[number];

/** The most layers an `n_layers` discriminator may have (the CLI's `--n_layers_D` range). */
export const MAX_PATCH_LAYERS = 6;

/**
 * The receptive field of the official `NLayerDiscriminator(n_layers)` (`0`: the `PixelDiscriminator`), computed
 * by the layers' receptive-field algebra on the network itself, not from a table: 1, 16, 34, 70, 142, 286, 574
 * for 0..6 layers.
 *
 * @example
 * ```ts
 * import { patchGanField } from '@pix2pix-ts/pix2pix';
 * patchGanField(3); // 70
 * ```
 */
export function patchGanField(nLayers: number): number {
  // Filters do not change geometry: the smallest network has the same field.
  return receptiveField(patchGanOf({ nLayers, ndf: 1, norm: 'none' }));
}

/**
 * The `n_layers` of the discriminator a `--patch` choice names. A number is the layer count whose field is
 * exactly that number; `image` is the fewest layers (at least 1) whose field covers the whole `cropSize`
 * crop: the paper's construction of its 286x286 "ImageGAN" for 256x256 images (more stride-2 layers, the
 * loss still averaged over the map of logits, each of which sees the whole crop). `undefined` when no
 * layer count up to {@link MAX_PATCH_LAYERS} gives it.
 *
 * @example
 * ```ts
 * import { patchLayers } from '@pix2pix-ts/pix2pix';
 * patchLayers('70', 256); // 3
 * patchLayers('1', 256); // 0 (PixelGAN)
 * patchLayers('image', 256); // 5 (286 ≥ 256)
 * patchLayers('image', 64); // 3 (70 ≥ 64)
 * ```
 */
export function patchLayers(patch: PatchSize, cropSize: number): number | undefined {
  const counts = Array.from({ length: MAX_PATCH_LAYERS + 1 }, (_, n) => n);
  return patch === 'image'
    ? counts.find((n) => n >= 1 && patchGanField(n) >= cropSize)
    : counts.find((n) => patchGanField(n) === Number(patch));
}
