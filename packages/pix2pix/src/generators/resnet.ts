import {
  conv2d,
  convTranspose2d,
  dropout as dropoutLayer,
  identity,
  pad2d,
  relu,
  residual,
  sameSize,
  serial,
  tanh,
  untyped,
  type AnyLayer,
  type ConvSig,
  type ConvTransposeSig,
  type IdentitySig,
  type Layer,
  type PadSig,
  type ResidualSig,
  type SameSizeSig,
  type SerialSig,
  type Sig,
} from '@pix2pix-ts/layers';
import { mulNat, type Mul } from '@pix2pix-ts/shape-types';
import { convBiasFor, normLayer, type NormKind, type NormSig } from './norm';

type Id = IdentitySig;

/** Signature of the official `ResnetBlock(dim)` (reflect padding): two 3x3 `Conv2d(dim, dim)` around a residual sum. */
export type ResnetBlockSig<Dim extends number> = ResidualSig<
  SerialSig<readonly [PadSig<1>, ConvSig<3, 1, 0, Dim, Dim>, NormSig<Dim>, Id, Id, PadSig<1>, ConvSig<3, 1, 0, Dim, Dim>, NormSig<Dim>]>
>;

/** Options of {@link resnetBlock}. */
export interface ResnetBlockOptions {
  readonly norm?: NormKind;
  readonly dropout?: boolean;
}

/**
 * One ResNet block of the official `ResnetGenerator`: reflect-pad 1, conv 3x3, norm, ReLU, (dropout),
 * reflect-pad 1, conv 3x3, norm; added to its input. Every conv and norm declares `dim` channels.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { resnetBlock } from '@pix2pix-ts/pix2pix';
 * resnetBlock(16).init(key(0), [1, 8, 8, 16]).outputShape; // readonly [1, 8, 8, 16]
 * ```
 */
export function resnetBlock<const Dim extends number>(dim: Dim, options: ResnetBlockOptions = {}): Layer<ResnetBlockSig<Dim>> {
  const norm = options.norm ?? 'batch';
  const bias = convBiasFor(norm);
  return residual(
    serial(
      pad2d(1, 'reflect'),
      conv2d({ inChannels: dim, filters: dim, kernel: 3, stride: 1, pad: 0, bias }),
      normLayer(norm, dim),
      relu(),
      options.dropout === true ? dropoutLayer(0.5) : identity(),
      pad2d(1, 'reflect'),
      conv2d({ inChannels: dim, filters: dim, kernel: 3, stride: 1, pad: 0, bias }),
      normLayer(norm, dim),
    ),
  );
}

/** The block counts `resnetGenerator` is typed for (`resnet_6blocks`, `resnet_9blocks`); {@link resnetGeneratorOf} takes any. */
export type ResnetBlocks = 6 | 9;

/** `B` copies of `T`, as a tuple. */
type Repeat<T, B extends number, Acc extends readonly unknown[] = readonly []> = Acc['length'] extends B ? Acc : Repeat<T, B, readonly [...Acc, T]>;

/**
 * Signature of the official `ResnetGenerator(input_nc, output_nc, ngf, n_blocks)`: one flat sequence (the
 * official `model.0` … indices) of c7s1-ngf, two stride-2 downs, `Blocks` ResNet blocks at 4·ngf, two
 * stride-2 ups (output padding 1), c7s1-out, tanh; every channel count declared as the official code
 * declares it; and the output size must be the input's (`resnet: height 254 ≠ 256`).
 */
export type ResnetSig<Blocks extends number, Ngf extends number, Out extends number, In extends number = number> = SameSizeSig<
  'resnet',
  SerialSig<
    readonly [
      PadSig<3>,
      ConvSig<7, 1, 0, Ngf, In>,
      NormSig<Ngf>,
      Id,
      ConvSig<3, 2, 1, Mul<Ngf, 2>, Ngf>,
      NormSig<Mul<Ngf, 2>>,
      Id,
      ConvSig<3, 2, 1, Mul<Ngf, 4>, Mul<Ngf, 2>>,
      NormSig<Mul<Ngf, 4>>,
      Id,
      ...Repeat<ResnetBlockSig<Mul<Ngf, 4>>, Blocks>,
      ConvTransposeSig<3, 2, 1, Mul<Ngf, 2>, 1, Mul<Ngf, 4>>,
      NormSig<Mul<Ngf, 2>>,
      Id,
      ConvTransposeSig<3, 2, 1, Ngf, 1, Mul<Ngf, 2>>,
      NormSig<Ngf>,
      Id,
      PadSig<3>,
      ConvSig<7, 1, 0, Out, Ngf>,
      Id,
    ]
  >
>;

/** Options of {@link resnetGenerator}. */
export interface ResnetOptions<Blocks extends number = number, Ngf extends number = number, Out extends number = number, In extends number = number> {
  /** Number of ResNet blocks (`resnet_9blocks`: 9, `resnet_6blocks`: 6). */
  readonly blocks: Blocks;
  readonly ngf: Ngf;
  /** Input channels (`input_nc`); default: whatever `init` is given. */
  readonly inChannels?: In | undefined;
  readonly outChannels: Out;
  readonly norm?: NormKind;
  /** Dropout in the blocks (official default for pix2pix: on unless `--no_dropout`). */
  readonly dropout?: boolean;
}

/** The layers of the official ResnetGenerator around its blocks, in one flat sequence. */
function resnetLayers<const Bs extends readonly AnyLayer[], const Ngf extends number, const Out extends number, const In extends number>(
  o: ResnetOptions<number, Ngf, Out, In>,
  blocks: Bs,
) {
  const { ngf, outChannels, inChannels } = o;
  const norm = o.norm ?? 'batch';
  const bias = convBiasFor(norm);
  const ngf2 = mulNat(ngf, 2);
  const ngf4 = mulNat(ngf, 4);
  return sameSize(
    'resnet',
    serial(
      pad2d(3, 'reflect'),
      conv2d({ inChannels, filters: ngf, kernel: 7, pad: 0, bias }),
      normLayer(norm, ngf),
      relu(),
      conv2d({ inChannels: ngf, filters: ngf2, kernel: 3, stride: 2, pad: 1, bias }),
      normLayer(norm, ngf2),
      relu(),
      conv2d({ inChannels: ngf2, filters: ngf4, kernel: 3, stride: 2, pad: 1, bias }),
      normLayer(norm, ngf4),
      relu(),
      ...blocks,
      convTranspose2d({ inChannels: ngf4, filters: ngf2, kernel: 3, stride: 2, pad: 1, outputPadding: 1, bias }),
      normLayer(norm, ngf2),
      relu(),
      convTranspose2d({ inChannels: ngf2, filters: ngf, kernel: 3, stride: 2, pad: 1, outputPadding: 1, bias }),
      normLayer(norm, ngf),
      relu(),
      pad2d(3, 'reflect'),
      conv2d({ inChannels: ngf, filters: outChannels, kernel: 7, pad: 0 }),
      tanh(),
    ),
  );
}

/**
 * The official `ResnetGenerator` (Johnson et al.'s architecture): c7s1-ngf, two stride-2 downs, `blocks`
 * ResNet blocks at 4·ngf, two stride-2 transposed-conv ups (output padding 1), c7s1-out, tanh. Input
 * H and W must be multiples of 4, else the output is not the input's size: a compile error
 * (`resnet: height 254 ≠ 256`) and the same words at run time. One fixed-arity structure per block count;
 * {@link resnetGeneratorOf} takes a count known only at run time.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { resnetGenerator } from '@pix2pix-ts/pix2pix';
 * const g = resnetGenerator({ blocks: 9, ngf: 64, outChannels: 3 });
 * g.init(key(0), [1, 256, 256, 3]).outputShape; // readonly [1, 256, 256, 3]
 * ```
 */
export function resnetGenerator<const Blocks extends ResnetBlocks, const Ngf extends number, const Out extends number, const In extends number = number>(
  options: ResnetOptions<Blocks, Ngf, Out, In>,
): Layer<ResnetSig<Blocks, Ngf, Out, In>> {
  const ngf4 = mulNat(options.ngf, 4);
  const block = () => resnetBlock(ngf4, { norm: options.norm ?? 'batch', dropout: options.dropout ?? true });
  const byBlocks: { readonly [B in ResnetBlocks]: () => Layer<ResnetSig<B, Ngf, Out, In>> } = {
    6: () => resnetLayers(options, [block(), block(), block(), block(), block(), block()]),
    9: () => resnetLayers(options, [block(), block(), block(), block(), block(), block(), block(), block(), block()]),
  };
  return byBlocks[options.blocks]();
}

/**
 * {@link resnetGenerator} for a block count known only at run time: the same layers and param tree, typed
 * `Layer<Sig>` (checked at run time with the same words).
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { resnetGeneratorOf } from '@pix2pix-ts/pix2pix';
 * const blocks: number = 2;
 * resnetGeneratorOf({ blocks, ngf: 8, outChannels: 3 }).init(key(0), [1, 32, 32, 3]).outputShape; // [1, 32, 32, 3]
 * ```
 */
export function resnetGeneratorOf(options: ResnetOptions): Layer<Sig> {
  const { blocks } = options;
  if (!Number.isInteger(blocks) || blocks < 0) throw new RangeError(`resnetGenerator: blocks must be an integer ≥ 0, got ${blocks}`);
  const block = () => resnetBlock(options.ngf * 4, { norm: options.norm ?? 'batch', dropout: options.dropout ?? true });
  return untyped(resnetLayers(options, Array.from({ length: blocks }, block)));
}

/**
 * `resnet_9blocks`.
 *
 * @example
 * ```ts
 * import { resnet9Blocks } from '@pix2pix-ts/pix2pix';
 * const g = resnet9Blocks(); // ngf 64, 3 output channels
 * ```
 */
export const resnet9Blocks = <const Ngf extends number = 64>(ngf: Ngf = 64 as Ngf, options: Omit<ResnetOptions<9, Ngf, 3>, 'blocks' | 'ngf' | 'outChannels'> = {}) =>
  resnetGenerator({ ...options, blocks: 9, ngf, outChannels: 3 });

/**
 * `resnet_6blocks`.
 *
 * @example
 * ```ts
 * import { resnet6Blocks } from '@pix2pix-ts/pix2pix';
 * const g = resnet6Blocks(); // ngf 64, 3 output channels
 * ```
 */
export const resnet6Blocks = <const Ngf extends number = 64>(ngf: Ngf = 64 as Ngf, options: Omit<ResnetOptions<6, Ngf, 3>, 'blocks' | 'ngf' | 'outChannels'> = {}) =>
  resnetGenerator({ ...options, blocks: 6, ngf, outChannels: 3 });
