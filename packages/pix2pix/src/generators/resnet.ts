import {
  conv2d,
  convTranspose2d,
  dropout as dropoutLayer,
  identity,
  pad2d,
  relu,
  residual,
  serial,
  tanh,
  type AnyLayer,
  type ConvSig,
  type IdentitySig,
  type Layer,
  type PadSig,
  type ResidualSig,
  type SerialSig,
  type Sig,
  untyped,
} from '@pix2pix-ts/layers';
import { convBiasFor, normLayer, type NormKind } from './norm';

type Id = IdentitySig;

/** Signature of the official `ResnetBlock` (reflect padding): two 3x3 convs around a residual sum. */
export type ResnetBlockSig<Dim extends number> = ResidualSig<
  SerialSig<readonly [PadSig<1>, ConvSig<3, 1, 0, Dim>, Id, Id, Id, PadSig<1>, ConvSig<3, 1, 0, Dim>, Id]>
>;

/**
 * One ResNet block of the official `ResnetGenerator`: reflect-pad 1, conv 3x3, norm, ReLU, (dropout),
 * reflect-pad 1, conv 3x3, norm; added to its input.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { resnetBlock } from '@pix2pix-ts/pix2pix';
 * resnetBlock(16).init(key(0), [1, 8, 8, 16]).outputShape; // readonly [1, 8, 8, 16]
 * ```
 */
export function resnetBlock<const Dim extends number>(dim: Dim, options: { readonly norm?: NormKind; readonly dropout?: boolean } = {}): Layer<ResnetBlockSig<Dim>> {
  const norm = options.norm ?? 'batch';
  const bias = convBiasFor(norm);
  return residual(
    serial(
      pad2d(1, 'reflect'),
      conv2d({ filters: dim, kernel: 3, stride: 1, pad: 0, bias }),
      normLayer(norm),
      relu(),
      options.dropout === true ? dropoutLayer(0.5) : identity(),
      pad2d(1, 'reflect'),
      conv2d({ filters: dim, kernel: 3, stride: 1, pad: 0, bias }),
      normLayer(norm),
    ),
  );
}

/** Options of {@link resnetGenerator}. */
export interface ResnetOptions {
  /** Number of ResNet blocks (`resnet_9blocks`: 9, `resnet_6blocks`: 6). */
  readonly blocks: number;
  readonly ngf: number;
  readonly outChannels: number;
  readonly norm?: NormKind;
  /** Dropout in the blocks (official default for pix2pix: on unless `--no_dropout`). */
  readonly dropout?: boolean;
}

/**
 * The official `ResnetGenerator` (Johnson et al.'s architecture): c7s1-ngf, two stride-2 downs, `blocks`
 * ResNet blocks at 4·ngf, two stride-2 transposed-conv ups (output padding 1), c7s1-out, tanh. Input
 * H and W must be multiples of 4.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { resnetGenerator } from '@pix2pix-ts/pix2pix';
 * const g = resnetGenerator({ blocks: 9, ngf: 64, outChannels: 3 });
 * g.init(key(0), [1, 256, 256, 3]).outputShape; // [1, 256, 256, 3]
 * ```
 */
export function resnetGenerator(options: ResnetOptions): Layer<Sig> {
  const { blocks, ngf, outChannels } = options;
  const norm = options.norm ?? 'batch';
  const bias = convBiasFor(norm);
  const layers: AnyLayer[] = [pad2d(3, 'reflect'), conv2d({ filters: ngf, kernel: 7, pad: 0, bias }), normLayer(norm), relu()];
  for (const mult of [1, 2]) {
    layers.push(conv2d({ filters: ngf * mult * 2, kernel: 3, stride: 2, pad: 1, bias }), normLayer(norm), relu());
  }
  for (let i = 0; i < blocks; i++) layers.push(resnetBlock(ngf * 4, { norm, dropout: options.dropout ?? true }));
  for (const mult of [4, 2]) {
    layers.push(convTranspose2d({ filters: (ngf * mult) / 2, kernel: 3, stride: 2, pad: 1, outputPadding: 1, bias }), normLayer(norm), relu());
  }
  layers.push(pad2d(3, 'reflect'), conv2d({ filters: outChannels, kernel: 7, pad: 0 }), tanh());
  return untyped(serial(...layers));
}

/** `resnet_9blocks`. */
export const resnet9Blocks = (ngf = 64, options: Omit<ResnetOptions, 'blocks' | 'ngf' | 'outChannels'> = {}) =>
  resnetGenerator({ ...options, blocks: 9, ngf, outChannels: 3 });
/** `resnet_6blocks`. */
export const resnet6Blocks = (ngf = 64, options: Omit<ResnetOptions, 'blocks' | 'ngf' | 'outChannels'> = {}) =>
  resnetGenerator({ ...options, blocks: 6, ngf, outChannels: 3 });
