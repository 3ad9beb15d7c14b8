import {
  conv2d,
  convTranspose2d,
  dropout as dropoutLayer,
  identity,
  leakyRelu,
  relu,
  serial,
  skip,
  tanh,
  type ConvSig,
  type ConvTransposeSig,
  type IdentitySig,
  type AnyLayer,
  type Layer,
  type LayerBase,
  type SerialSig,
  type Sig,
  type SkipSig,
} from '@pix2pix-ts/layers';
import type { Mul, Sub } from '@pix2pix-ts/shape-types';
import { convBiasFor, normLayer, type NormKind } from './norm';

type Down<F extends number> = ConvSig<4, 2, 1, F>;
type Up<F extends number> = ConvTransposeSig<4, 2, 1, F, 0>;
type Id = IdentitySig;

/** Signature of the innermost block's path (no skip): `x -> up(down(x))`, with no norm after its down conv. */
export type InnermostPathSig<Outer extends number, Inner extends number> = SerialSig<readonly [Id, Down<Inner>, Id, Up<Outer>, Id]>;

/** Signature of a middle block's path around `S` (no skip): `x -> up(S(down(x)))`. */
export type BlockPathSig<Outer extends number, Inner extends number, S extends Sig> = SerialSig<readonly [Id, Down<Inner>, Id, S, Id, Up<Outer>, Id, Id]>;

/** Signature of the innermost U-Net block: `x -> [x, up(down(x))]`, with no norm after its down conv. */
export type UnetInnermostSig<Outer extends number, Inner extends number> = SkipSig<InnermostPathSig<Outer, Inner>>;

/** Signature of a middle U-Net block around `S`: `x -> [x, up(S(down(x)))]`. */
export type UnetBlockSig<Outer extends number, Inner extends number, S extends Sig> = SkipSig<BlockPathSig<Outer, Inner, S>>;

/** Signature of the outermost block: no skip, no norm, tanh out. */
export type UnetOutermostSig<Out extends number, Ngf extends number, S extends Sig> = SerialSig<readonly [Down<Ngf>, S, Id, Up<Out>, Id]>;

type EightFold<Ngf extends number, K extends number, S extends Sig> = number extends K
  ? Sig // a depth known only at run time: no static structure
  : K extends 0
    ? S
    : EightFold<Ngf, Sub<K, 1>, UnetBlockSig<Mul<Ngf, 8>, Mul<Ngf, 8>, S>>;

/**
 * Signature of the official `UnetGenerator(input_nc, output_nc, num_downs, ngf)`: built from the
 * innermost block outwards exactly as the official constructor, so the compiler checks every skip.
 */
export type UnetSig<Depth extends number, Ngf extends number, Out extends number> = UnetOutermostSig<
  Out,
  Ngf,
  UnetBlockSig<
    Ngf,
    Mul<Ngf, 2>,
    UnetBlockSig<Mul<Ngf, 2>, Mul<Ngf, 4>, UnetBlockSig<Mul<Ngf, 4>, Mul<Ngf, 8>, EightFold<Ngf, Sub<Depth, 5>, UnetInnermostSig<Mul<Ngf, 8>, Mul<Ngf, 8>>>>>
  >
>;

/** Options shared by U-Net blocks. */
export interface UnetBlockOptions {
  /** Norm after every conv but the first and the last (default `batch`, the paper's). */
  readonly norm?: NormKind;
  /** Dropout 0.5 after the up conv of this block (default false). */
  readonly dropout?: boolean;
}

/**
 * The innermost U-Net block: LeakyReLU, down conv (no norm), ReLU, up conv, norm; wrapped in a skip.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { unetInnermost } from '@pix2pix-ts/pix2pix';
 * unetInnermost(64, 64).init(key(0), [1, 2, 2, 64]).outputShape; // readonly [1, 2, 2, 128]
 * ```
 */
export function unetInnermost<const Outer extends number, const Inner extends number>(
  outer: Outer,
  inner: Inner,
  options: UnetBlockOptions = {},
): Layer<UnetInnermostSig<Outer, Inner>> {
  return skip(innermostPath(outer, inner, options));
}

/**
 * The innermost block's path without its skip: LeakyReLU, down conv (no norm), ReLU, up conv, norm. The
 * U-Net wraps it in a skip; the encoder-decoder ablation uses it as it is.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { innermostPath } from '@pix2pix-ts/pix2pix';
 * innermostPath(64, 64).init(key(0), [1, 2, 2, 64]).outputShape; // readonly [1, 2, 2, 64]
 * ```
 */
export function innermostPath<const Outer extends number, const Inner extends number>(
  outer: Outer,
  inner: Inner,
  options: UnetBlockOptions = {},
): Layer<InnermostPathSig<Outer, Inner>> {
  const norm = options.norm ?? 'batch';
  const bias = convBiasFor(norm);
  return serial(
    leakyRelu(0.2),
    conv2d({ filters: inner, kernel: 4, stride: 2, pad: 1, bias }),
    relu(),
    convTranspose2d({ filters: outer, kernel: 4, stride: 2, pad: 1, outputPadding: 0, bias }),
    normLayer(norm),
  );
}

/**
 * A middle U-Net block around `sub` (the official `UnetSkipConnectionBlock`): LeakyReLU, down conv,
 * norm, `sub`, ReLU, up conv, norm, optional dropout; wrapped in a skip. `sub` is any layer that keeps
 * H and W and outputs `2·inner` channels (what the compiler checks) — pass your own to customise.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { unetBlock, unetInnermost } from '@pix2pix-ts/pix2pix';
 * const b = unetBlock(32, 64, unetInnermost(64, 64));
 * b.init(key(0), [1, 8, 8, 32]).outputShape; // readonly [1, 8, 8, 64]
 * ```
 */
export function unetBlock<const Outer extends number, const Inner extends number, S extends Sig>(
  outer: Outer,
  inner: Inner,
  sub: LayerBase<S>,
  options: UnetBlockOptions = {},
): Layer<UnetBlockSig<Outer, Inner, S>> {
  return skip(blockPath(outer, inner, sub, options));
}

/**
 * A middle block's path around `sub` without its skip: LeakyReLU, down conv, norm, `sub`, ReLU, up conv,
 * norm, optional dropout. The U-Net wraps it in a skip; the encoder-decoder ablation uses it as it is.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { blockPath, innermostPath } from '@pix2pix-ts/pix2pix';
 * blockPath(32, 64, innermostPath(64, 64)).init(key(0), [1, 8, 8, 32]).outputShape; // readonly [1, 8, 8, 32]
 * ```
 */
export function blockPath<const Outer extends number, const Inner extends number, S extends Sig>(
  outer: Outer,
  inner: Inner,
  sub: LayerBase<S>,
  options: UnetBlockOptions = {},
): Layer<BlockPathSig<Outer, Inner, S>> {
  const norm = options.norm ?? 'batch';
  const bias = convBiasFor(norm);
  return serial(
    leakyRelu(0.2),
    conv2d({ filters: inner, kernel: 4, stride: 2, pad: 1, bias }),
    normLayer(norm),
    sub,
    relu(),
    convTranspose2d({ filters: outer, kernel: 4, stride: 2, pad: 1, outputPadding: 0, bias }),
    normLayer(norm),
    options.dropout === true ? dropoutLayer(0.5) : identity(),
  );
}

/**
 * The outermost U-Net block: down conv (no norm after it), `sub`, ReLU, up conv (always with bias), tanh.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { unetInnermost, unetOutermost } from '@pix2pix-ts/pix2pix';
 * unetOutermost(3, 8, unetInnermost(8, 8)).init(key(0), [1, 4, 4, 3]).outputShape; // readonly [1, 4, 4, 3]
 * ```
 */
export function unetOutermost<const Out extends number, const Ngf extends number, S extends Sig>(
  outChannels: Out,
  ngf: Ngf,
  sub: LayerBase<S>,
  options: Pick<UnetBlockOptions, 'norm'> = {},
): Layer<UnetOutermostSig<Out, Ngf, S>> {
  // The official code builds every down conv with `bias=use_bias`, the outermost one included.
  return serial(
    conv2d({ filters: ngf, kernel: 4, stride: 2, pad: 1, bias: convBiasFor(options.norm ?? 'batch') }),
    sub,
    relu(),
    convTranspose2d({ filters: outChannels, kernel: 4, stride: 2, pad: 1, outputPadding: 0 }),
    tanh(),
  );
}

/** Options of {@link unetGenerator} (the official names in comments). */
export interface UnetOptions<Depth extends number, Ngf extends number, Out extends number> {
  /** Number of stride-2 downsamplings (`num_downs`): 7 for 128x128, 8 for 256x256; at least 5. */
  readonly depth: Depth;
  /** Filters of the first conv (`ngf`, default 64 in the paper). */
  readonly ngf: Ngf;
  /** Output channels (`output_nc`). Input channels are whatever `init` is given. */
  readonly outChannels: Out;
  /** `norm` (default `batch`). */
  readonly norm?: NormKind;
  /** Dropout 0.5 in the `depth - 5` blocks next to the innermost (`--no_dropout` turns it off; default true). */
  readonly dropout?: boolean;
}

/**
 * The U-Net generator of the paper and the official `UnetGenerator`, built recursively from `skip`, so
 * its type carries every intermediate shape: a size that does not halve cleanly `depth` times is a
 * compile error (`skip: height 25 ≠ 24`) for literal sizes, and the same error before any compute for
 * sizes known at run time.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { unetGenerator } from '@pix2pix-ts/pix2pix';
 * const g = unetGenerator({ depth: 8, ngf: 64, outChannels: 3 });
 * const { outputShape } = g.init(key(0), [1, 256, 256, 3]); // readonly [1, 256, 256, 3]
 * ```
 */
export function unetGenerator<const Depth extends number, const Ngf extends number, const Out extends number>(
  options: UnetOptions<Depth, Ngf, Out>,
): Layer<UnetSig<Depth, Ngf, Out>> {
  const { depth, ngf, outChannels } = options;
  if (!Number.isInteger(depth) || depth < 5) throw new RangeError(`unetGenerator: depth must be an integer ≥ 5, got ${depth}`);
  const norm = options.norm ?? 'batch';
  const useDropout = options.dropout ?? true;
  let block: AnyLayer = unetInnermost(ngf * 8, ngf * 8, { norm });
  for (let i = 0; i < depth - 5; i++) block = unetBlock(ngf * 8, ngf * 8, block, { norm, dropout: useDropout });
  block = unetBlock(ngf * 4, ngf * 8, block, { norm });
  block = unetBlock(ngf * 2, ngf * 4, block, { norm });
  block = unetBlock(ngf, ngf * 2, block, { norm });
  // The loop builds exactly the structure UnetSig describes; the compiler cannot follow a loop.
  return unetOutermost(outChannels, ngf, block, { norm }) as unknown as Layer<UnetSig<Depth, Ngf, Out>>;
}

/**
 * The paper's `unet_256` (8 downs) for 256x256 images.
 *
 * @example
 * ```ts
 * import { unet256 } from '@pix2pix-ts/pix2pix';
 * const g = unet256(); // ngf 64, 3 -> 3 channels
 * ```
 */
export const unet256 = <const Ngf extends number = 64>(ngf: Ngf = 64 as Ngf, options: Omit<UnetOptions<8, Ngf, 3>, 'depth' | 'ngf' | 'outChannels'> = {}) =>
  unetGenerator({ ...options, depth: 8, ngf, outChannels: 3 });

/** The official `unet_128` (7 downs) for 128x128 images. */
export const unet128 = <const Ngf extends number = 64>(ngf: Ngf = 64 as Ngf, options: Omit<UnetOptions<7, Ngf, 3>, 'depth' | 'ngf' | 'outChannels'> = {}) =>
  unetGenerator({ ...options, depth: 7, ngf, outChannels: 3 });
