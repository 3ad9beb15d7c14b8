import type { AnyLayer } from '@pix2pix-ts/layers';
import { patchGan } from '@pix2pix-ts/pix2pix';
import * as t from 'io-ts';
import { NormKindCodec } from './norm-kind-codec';

/**
 * A PatchGAN discriminator as data (`--netD basic|n_layers|pixel`, `--n_layers_D`, `--ndf`): `nLayers`
 * 0 (PixelGAN), 1 (16x16), 3 (70x70, the paper's) or 5 (286x286).
 *
 * @example
 * ```ts
 * import type { PatchGanSpec } from '@pix2pix-ts/browser';
 * const paper: PatchGanSpec = { nLayers: 3, ndf: 64 };
 * ```
 */
export const PatchGanSpec = t.intersection([t.type({ nLayers: t.number, ndf: t.number }), t.partial({ norm: NormKindCodec })], 'PatchGanSpec');
/** See {@link PatchGanSpec}. */
export type PatchGanSpec = t.TypeOf<typeof PatchGanSpec>;

/**
 * Builds the PatchGAN a {@link PatchGanSpec} describes.
 *
 * @example
 * ```ts
 * import { discriminatorFromSpec } from '@pix2pix-ts/browser';
 * const d = discriminatorFromSpec({ nLayers: 3, ndf: 8 });
 * ```
 */
export function discriminatorFromSpec(spec: PatchGanSpec): AnyLayer {
  return patchGan({ nLayers: spec.nLayers, ndf: spec.ndf, ...(spec.norm === undefined ? {} : { norm: spec.norm }) });
}
