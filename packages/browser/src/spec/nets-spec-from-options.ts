import * as E from 'fp-ts/Either';
import type { NormKind } from '@pix2pix-ts/pix2pix';
import type { NetsSpec } from './nets-spec';
import { parseOfficialNetG } from './official-net-g';

/** The official model options (`--netG --netD --n_layers_D --ngf --ndf --norm --no_dropout --output_nc`), as plain values. */
export interface OfficialModelOptions {
  readonly netG: string;
  /** `basic` (70x70 PatchGAN), `n_layers` (uses `nLayersD`) or `pixel` (1x1). */
  readonly netD: string;
  readonly nLayersD: number;
  readonly ngf: number;
  readonly ndf: number;
  readonly norm: NormKind;
  /** Dropout in the generator (the official default; `--no_dropout` turns it off). */
  readonly dropout: boolean;
  readonly outputNc: number;
}

/**
 * The {@link NetsSpec} of the official model options, e.g. a CLI run config's `model` section: what a
 * caller hands the WebGL trainer so that the page builds the networks its own `buildNets` builds.
 *
 * @example
 * ```ts
 * import { netsSpecFromOptions } from '@pix2pix-ts/browser';
 * netsSpecFromOptions({ netG: 'unet_64', netD: 'n_layers', nLayersD: 2, ngf: 16, ndf: 16, norm: 'batch', dropout: true, outputNc: 3 });
 * // Right({ generator: { kind: 'unet', depth: 6, ngf: 16, norm: 'batch', dropout: true }, discriminator: { nLayers: 2, ndf: 16, norm: 'batch' }, outChannels: 3 })
 * ```
 */
export function netsSpecFromOptions(m: OfficialModelOptions): E.Either<Error, NetsSpec> {
  const g = parseOfficialNetG(m.netG);
  if (g === undefined) return E.left(new Error(`netG '${m.netG}': expected unet_<N> (N a power of 2 ≥ 32) or resnet_<k>blocks`));
  const nLayers = m.netD === 'pixel' ? 0 : m.netD === 'basic' ? 3 : m.netD === 'n_layers' ? m.nLayersD : undefined;
  if (nLayers === undefined) return E.left(new Error(`netD '${m.netD}': expected basic, n_layers or pixel`));
  const common = { ngf: m.ngf, norm: m.norm, dropout: m.dropout };
  return E.right({
    generator: g.kind === 'unet' ? { kind: 'unet', depth: g.depth, ...common } : { kind: 'resnet', blocks: g.blocks, ...common },
    discriminator: { nLayers, ndf: m.ndf, norm: m.norm },
    outChannels: m.outputNc,
  });
}
