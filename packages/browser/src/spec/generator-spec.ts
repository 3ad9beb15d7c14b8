import type { AnyLayer } from '@pix2pix-ts/layers';
import { resnetGenerator, unetGenerator } from '@pix2pix-ts/pix2pix';
import * as t from 'io-ts';
import { NormKindCodec } from './norm-kind-codec';

/**
 * A U-Net generator as data (`--netG unet_<size>`): `depth` stride-2 downsamplings (8 for 256x256, 7 for
 * 128x128, at least 5), `ngf` filters in the first conv, optional `norm` (default `batch`) and `dropout`
 * (default true, the paper's).
 */
export const UnetSpec = t.intersection(
  [t.type({ kind: t.literal('unet'), depth: t.number, ngf: t.number }), t.partial({ norm: NormKindCodec, dropout: t.boolean })],
  'UnetSpec',
);
/** See {@link UnetSpec}. */
export type UnetSpec = t.TypeOf<typeof UnetSpec>;

/** A ResNet generator as data (`--netG resnet_<blocks>blocks`). */
export const ResnetSpec = t.intersection(
  [t.type({ kind: t.literal('resnet'), blocks: t.number, ngf: t.number }), t.partial({ norm: NormKindCodec, dropout: t.boolean })],
  'ResnetSpec',
);
/** See {@link ResnetSpec}. */
export type ResnetSpec = t.TypeOf<typeof ResnetSpec>;

/**
 * A generator as plain, serialisable data: what crosses from Node into a page, and what a checkpoint's
 * manifest can record so that the same network is rebuilt elsewhere.
 *
 * @example
 * ```ts
 * import type { GeneratorSpec } from '@pix2pix-ts/browser';
 * const paper: GeneratorSpec = { kind: 'unet', depth: 8, ngf: 64 }; // unet_256
 * ```
 */
export const GeneratorSpec = t.union([UnetSpec, ResnetSpec], 'GeneratorSpec');
/** See {@link GeneratorSpec}. */
export type GeneratorSpec = t.TypeOf<typeof GeneratorSpec>;

/**
 * Builds the generator a {@link GeneratorSpec} describes.
 *
 * @param outChannels output channels (`output_nc`)
 * @throws RangeError for an invalid depth (from `unetGenerator`)
 *
 * @example
 * ```ts
 * import { generatorFromSpec } from '@pix2pix-ts/browser';
 * const g = generatorFromSpec({ kind: 'unet', depth: 5, ngf: 8 }, 3);
 * ```
 */
export function generatorFromSpec(spec: GeneratorSpec, outChannels: number): AnyLayer {
  const common = { outChannels, ...(spec.norm === undefined ? {} : { norm: spec.norm }), ...(spec.dropout === undefined ? {} : { dropout: spec.dropout }) };
  switch (spec.kind) {
    case 'unet':
      return unetGenerator({ depth: spec.depth, ngf: spec.ngf, ...common });
    case 'resnet':
      return resnetGenerator({ blocks: spec.blocks, ngf: spec.ngf, ...common });
  }
}
