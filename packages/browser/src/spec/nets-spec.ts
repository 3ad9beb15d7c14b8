import type { Pix2PixNets } from '@pix2pix-ts/pix2pix';
import * as t from 'io-ts';
import { discriminatorFromSpec, PatchGanSpec } from './discriminator-spec';
import { generatorFromSpec, GeneratorSpec } from './generator-spec';

/**
 * Both networks of a pix2pix model as data, with the number of output channels (`output_nc`; the input
 * channels come from the batch shape).
 *
 * @example
 * ```ts
 * import type { NetsSpec } from '@pix2pix-ts/browser';
 * const tiny: NetsSpec = { generator: { kind: 'unet', depth: 5, ngf: 4 }, discriminator: { nLayers: 3, ndf: 4 }, outChannels: 3 };
 * ```
 */
export const NetsSpec = t.type({ generator: GeneratorSpec, discriminator: PatchGanSpec, outChannels: t.number }, 'NetsSpec');
/** See {@link NetsSpec}. */
export type NetsSpec = t.TypeOf<typeof NetsSpec>;

/**
 * Builds the networks a {@link NetsSpec} describes. Node and the page both call this, so they train
 * the same model.
 *
 * @example
 * ```ts
 * import { netsFromSpec } from '@pix2pix-ts/browser';
 * const nets = netsFromSpec({ generator: { kind: 'unet', depth: 5, ngf: 4 }, discriminator: { nLayers: 3, ndf: 4 }, outChannels: 3 });
 * ```
 */
export function netsFromSpec(spec: NetsSpec): Pix2PixNets {
  return { generator: generatorFromSpec(spec.generator, spec.outChannels), discriminator: discriminatorFromSpec(spec.discriminator) };
}
