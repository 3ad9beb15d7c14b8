import type { Layer, Sig } from '@pix2pix-ts/layers';
import { patchGanOf } from '../discriminators/patch-gan';
import type { NormKind } from '../generators/norm';
import { resnetGeneratorOf } from '../generators/resnet';
import { unetGeneratorOf } from '../generators/unet';

/**
 * A network of the official PyTorch implementation (`models/networks.py`), described by what its
 * constructor takes: everything needed to know its `state_dict` keys and shapes, and to build ours.
 */
export type OfficialNet = OfficialUnet | OfficialResnet | OfficialNLayers | OfficialPixel;

/** `--netG unet_<2^downs>` (`unet_256`: 8 downs, `unet_128`: 7). */
export interface OfficialUnet {
  readonly net: 'unet';
  readonly downs: number;
  readonly ngf: number;
  readonly inputNc: number;
  readonly outputNc: number;
  readonly norm: NormKind;
  /** Dropout in the middle blocks: not visible in a state dict (no parameters), the official default is on. */
  readonly dropout: boolean;
}

/** `--netG resnet_9blocks` / `resnet_6blocks` (any block count here). */
export interface OfficialResnet {
  readonly net: 'resnet';
  readonly blocks: number;
  readonly ngf: number;
  readonly inputNc: number;
  readonly outputNc: number;
  readonly norm: NormKind;
  /** Dropout in the blocks: it shifts the block's module indices, so a state dict shows it. */
  readonly dropout: boolean;
}

/** `--netD basic` (n_layers 3, 70x70) or `--netD n_layers --n_layers_D n` (n >= 1). */
export interface OfficialNLayers {
  readonly net: 'n_layers';
  readonly nLayers: number;
  readonly ndf: number;
  /** `input_nc + output_nc` for pix2pix's conditional discriminator. */
  readonly inputNc: number;
  readonly norm: NormKind;
}

/** `--netD pixel` (1x1 PatchGAN). */
export interface OfficialPixel {
  readonly net: 'pixel';
  readonly ndf: number;
  readonly inputNc: number;
  readonly norm: NormKind;
}

/** The official name (`--netG` / `--netD`): `unet_256`, `resnet_9blocks`, `basic`, `n_layers`, `pixel`. */
export function officialName(spec: OfficialNet): string {
  switch (spec.net) {
    case 'unet':
      return `unet_${2 ** spec.downs}`;
    case 'resnet':
      return `resnet_${spec.blocks}blocks`;
    case 'n_layers':
      return spec.nLayers === 3 ? 'basic' : 'n_layers';
    case 'pixel':
      return 'pixel';
  }
}

/** One line for messages: `unet_256 (ngf 64, batch norm, 3 -> 3 channels)`. */
export function describeOfficialNet(spec: OfficialNet): string {
  const name = officialName(spec);
  switch (spec.net) {
    case 'unet':
    case 'resnet':
      return `${name} (ngf ${spec.ngf}, ${spec.norm} norm, ${spec.inputNc} -> ${spec.outputNc} channels${spec.net === 'resnet' ? `, dropout ${spec.dropout ? 'on' : 'off'}` : ''})`;
    case 'n_layers':
      return `${name} (n_layers_D ${spec.nLayers}, ndf ${spec.ndf}, ${spec.norm} norm, ${spec.inputNc} input channels)`;
    case 'pixel':
      return `${name} (ndf ${spec.ndf}, ${spec.norm} norm, ${spec.inputNc} input channels)`;
  }
}

/** Whether a spec is a generator (`netG`) rather than a discriminator (`netD`). */
export const isGenerator = (spec: OfficialNet): spec is OfficialUnet | OfficialResnet => spec.net === 'unet' || spec.net === 'resnet';

/** The options of the official command line that name a generator. */
export interface OfficialGeneratorOptions {
  readonly ngf?: number;
  readonly norm?: NormKind;
  readonly inputNc?: number;
  readonly outputNc?: number;
  /** `--no_dropout` is `dropout: false`. */
  readonly dropout?: boolean;
}

/**
 * The spec of `--netG NAME` with the official defaults (ngf 64, batch norm, 3 -> 3, dropout on):
 * `unet_<N>` (N a power of two >= 32), `resnet_<B>blocks`. Undefined for an unknown name.
 */
export function officialGenerator(name: string, options: OfficialGeneratorOptions = {}): OfficialUnet | OfficialResnet | undefined {
  const common = { ngf: options.ngf ?? 64, inputNc: options.inputNc ?? 3, outputNc: options.outputNc ?? 3, norm: options.norm ?? 'batch', dropout: options.dropout ?? true } as const;
  const unet = /^unet_(\d+)$/.exec(name);
  if (unet !== null) {
    const downs = Math.log2(Number(unet[1]));
    return Number.isInteger(downs) && downs >= 5 ? { net: 'unet', downs, ...common } : undefined;
  }
  const resnet = /^resnet_(\d+)blocks$/.exec(name);
  if (resnet !== null && Number(resnet[1]) >= 1) return { net: 'resnet', blocks: Number(resnet[1]), ...common };
  return undefined;
}

/** The options of the official command line that name a discriminator. */
export interface OfficialDiscriminatorOptions {
  readonly ndf?: number;
  readonly norm?: NormKind;
  /** `n_layers_D` for `--netD n_layers` (default 3). */
  readonly nLayers?: number;
  /** `input_nc + output_nc` (default 6). */
  readonly inputNc?: number;
}

/** The spec of `--netD basic | n_layers | pixel` with the official defaults; undefined for an unknown name. */
export function officialDiscriminator(name: string, options: OfficialDiscriminatorOptions = {}): OfficialNLayers | OfficialPixel | undefined {
  const common = { ndf: options.ndf ?? 64, inputNc: options.inputNc ?? 6, norm: options.norm ?? 'batch' } as const;
  if (name === 'basic') return { net: 'n_layers', nLayers: 3, ...common };
  if (name === 'n_layers') return { net: 'n_layers', nLayers: options.nLayers ?? 3, ...common };
  if (name === 'pixel') return { net: 'pixel', ...common };
  return undefined;
}

/**
 * This package's network for an official spec (the same module order, so the same parameters). The spec is
 * read from a file, so the layer's signature is the dynamic `Sig`: shapes checked at run time.
 */
export function buildOfficialNet(spec: OfficialNet): Layer<Sig> {
  switch (spec.net) {
    case 'unet':
      return unetGeneratorOf({ depth: spec.downs, ngf: spec.ngf, outChannels: spec.outputNc, norm: spec.norm, dropout: spec.dropout });
    case 'resnet':
      return resnetGeneratorOf({ blocks: spec.blocks, ngf: spec.ngf, outChannels: spec.outputNc, norm: spec.norm, dropout: spec.dropout });
    case 'n_layers':
      return patchGanOf({ nLayers: spec.nLayers, ndf: spec.ndf, norm: spec.norm });
    case 'pixel':
      return patchGanOf({ nLayers: 0, ndf: spec.ndf, norm: spec.norm });
  }
}

/** The smallest square input side the network accepts (what a structure-only `init` uses). */
export function minimalInputSide(spec: OfficialNet): number {
  switch (spec.net) {
    case 'unet':
      return 2 ** spec.downs;
    case 'resnet':
      return 8;
    case 'n_layers':
      return 2 ** (spec.nLayers + 2);
    case 'pixel':
      return 1;
  }
}
