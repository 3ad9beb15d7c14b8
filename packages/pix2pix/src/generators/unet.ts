import {
  conv2d,
  convTranspose2d,
  dropout as dropoutLayer,
  identity,
  leakyRelu,
  named,
  relu,
  serial,
  skip,
  tanh,
  untyped,
  type AnyLayer,
  type ConvSig,
  type ConvTransposeSig,
  type IdentitySig,
  type Layer,
  type LayerBase,
  type NamedSig,
  type SerialSig,
  type Sig,
  type SkipSig,
} from '@pix2pix-ts/layers';
import { mulNat, type Mul, type Sub } from '@pix2pix-ts/shape-types';
import { convBiasFor, normLayer, type NormKind, type NormSig } from './norm';

/** A stride-2 down conv from `Cin` to `F` channels (the official `downconv`). */
type Down<F extends number, Cin extends number> = ConvSig<4, 2, 1, F, Cin>;
/** A stride-2 transposed conv from `Cin` to `F` channels (the official `upconv`). */
type Up<F extends number, Cin extends number> = ConvTransposeSig<4, 2, 1, F, 0, Cin>;
type Id = IdentitySig;

/**
 * Signature of the innermost block's path (no skip): `x -> up(down(x))`, with no norm after its down conv:
 * `Conv2d(outer, inner)`, `ConvTranspose2d(inner, outer)`, `norm(outer)`.
 */
export type InnermostPathSig<Outer extends number, Inner extends number> = SerialSig<readonly [Id, Down<Inner, Outer>, Id, Up<Outer, Inner>, NormSig<Outer>]>;

/**
 * Signature of a middle block's path around `S` (no skip): `x -> up(S(down(x)))`: `Conv2d(outer, inner)`,
 * `norm(inner)`, `S`, `ConvTranspose2d(UpIn, outer)`, `norm(outer)`. `UpIn` is `2·inner` in the U-Net (the
 * block below concatenates its input) and `inner` in the encoder-decoder.
 */
export type BlockPathSig<Outer extends number, Inner extends number, S, UpIn extends number = Mul<Inner, 2>> = SerialSig<
  readonly [Id, Down<Inner, Outer>, NormSig<Inner>, S, Id, Up<Outer, UpIn>, NormSig<Outer>, Id]
>;

/** Signature of the innermost U-Net block: `x -> [x, up(down(x))]`, with no norm after its down conv. */
export type UnetInnermostSig<Outer extends number, Inner extends number, N extends string = ''> = SkipSig<InnermostPathSig<Outer, Inner>, undefined, N>;

/** Signature of a middle U-Net block around `S` (the official `UnetSkipConnectionBlock(outer, inner)`): `x -> [x, up(S(down(x)))]`. */
export type UnetBlockSig<Outer extends number, Inner extends number, S, N extends string = ''> = SkipSig<BlockPathSig<Outer, Inner, S>, undefined, N>;

/**
 * Signature of the outermost block: `Conv2d(In, ngf)` (no norm), `S`, ReLU, `ConvTranspose2d(UpIn, out)`,
 * tanh; no skip. `UpIn` is `2·ngf` in the U-Net, `ngf` in the encoder-decoder. `In` (`input_nc`) is
 * `number` when taken from the input.
 */
export type UnetOutermostSig<Out extends number, Ngf extends number, S, In extends number = number, UpIn extends number = Mul<Ngf, 2>> = SerialSig<
  readonly [Down<Ngf, In>, S, Id, Up<Out, UpIn>, Id]
>;

/** The depths `unetGenerator` and `encoderDecoder` are typed for (`unet_32` … `unet_1024`); {@link unetGeneratorOf} takes any. */
export type UnetDepth = 5 | 6 | 7 | 8 | 9 | 10;

/**
 * The blocks at 8·ngf, built from the inside out as the official constructor does: `S` (named
 * `down<Level + 1>`) wrapped `K` times in a middle block, each named by its level.
 */
type EightFold<Ngf extends number, K extends number, S, Level extends number> = K extends 0
  ? S
  : EightFold<Ngf, Sub<K, 1>, UnetBlockSig<Mul<Ngf, 8>, Mul<Ngf, 8>, S, `down${Level}`>, Sub<Level, 1>>;

/** {@link EightFold} without the skips (the encoder-decoder): each up conv reads `8·ngf` channels. */
type EightFoldPath<Ngf extends number, K extends number, S, Level extends number> = K extends 0
  ? S
  : EightFoldPath<Ngf, Sub<K, 1>, BlockPathSig<Mul<Ngf, 8>, Mul<Ngf, 8>, S, Mul<Ngf, 8>>, Sub<Level, 1>>;

/** The innermost block, named `down<Depth - 1>`. */
type Innermost<Depth extends number, Ngf extends number> = UnetInnermostSig<Mul<Ngf, 8>, Mul<Ngf, 8>, `down${Sub<Depth, 1>}`>;

/** The three blocks under the outermost (ngf → 2·ngf → 4·ngf → 8·ngf) around `S`. */
type ThreeDowns<Ngf extends number, S> = UnetBlockSig<
  Ngf,
  Mul<Ngf, 2>,
  UnetBlockSig<Mul<Ngf, 2>, Mul<Ngf, 4>, UnetBlockSig<Mul<Ngf, 4>, Mul<Ngf, 8>, S, 'down3'>, 'down2'>,
  'down1'
>;

/** {@link ThreeDowns} without the skips. */
type ThreeDownsPath<Ngf extends number, S> = BlockPathSig<
  Ngf,
  Mul<Ngf, 2>,
  BlockPathSig<Mul<Ngf, 2>, Mul<Ngf, 4>, BlockPathSig<Mul<Ngf, 4>, Mul<Ngf, 8>, S, Mul<Ngf, 8>>, Mul<Ngf, 4>>,
  Mul<Ngf, 2>
>;

/**
 * Signature of the official `UnetGenerator(input_nc, output_nc, num_downs, ngf)`: built from the
 * innermost block outwards exactly as the official constructor, channels declared as it declares them,
 * so the compiler checks every skip and every channel count. Blocks are named `unet.down1` … `down<Depth-1>`
 * (the innermost), which is where an error says it is.
 */
export type UnetSig<Depth extends UnetDepth, Ngf extends number, Out extends number, In extends number = number> = NamedSig<
  'unet',
  UnetOutermostSig<Out, Ngf, ThreeDowns<Ngf, EightFold<Ngf, Sub<Depth, 5>, Innermost<Depth, Ngf>, Sub<Depth, 2>>>, In>
>;

/**
 * Signature of the encoder-decoder of the paper's Fig. 4 ablation: the U-Net of the same depth with every skip
 * removed, so each up conv reads only the block below it (`inner` channels instead of `2·inner`).
 */
export type EncoderDecoderSig<Depth extends UnetDepth, Ngf extends number, Out extends number, In extends number = number> = NamedSig<
  'encoderDecoder',
  UnetOutermostSig<
    Out,
    Ngf,
    ThreeDownsPath<Ngf, EightFoldPath<Ngf, Sub<Depth, 5>, InnermostPathSig<Mul<Ngf, 8>, Mul<Ngf, 8>>, Sub<Depth, 2>>>,
    In,
    Ngf
  >
>;

/** Options shared by U-Net blocks. */
export interface UnetBlockOptions {
  /** Norm after every conv but the first and the last (default `batch`, the paper's). */
  readonly norm?: NormKind;
  /** Dropout 0.5 after the up conv of this block (default false). */
  readonly dropout?: boolean;
}

/** {@link UnetBlockOptions} with the block's name, prefixed to errors from inside it (`down3.skip: height 9 ≠ 8`). */
export interface NamedBlockOptions<N extends string> extends UnetBlockOptions {
  readonly name?: N | undefined;
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
export function unetInnermost<const Outer extends number, const Inner extends number, const N extends string = ''>(
  outer: Outer,
  inner: Inner,
  options: NamedBlockOptions<N> = {},
): Layer<UnetInnermostSig<Outer, Inner, N>> {
  return skip(innermostPath(outer, inner, options), { name: options.name });
}

/**
 * The innermost block's path without its skip: LeakyReLU, `Conv2d(outer, inner)` (no norm), ReLU,
 * `ConvTranspose2d(inner, outer)`, `norm(outer)`. The U-Net wraps it in a skip; the encoder-decoder
 * ablation uses it as it is.
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
    conv2d({ inChannels: outer, filters: inner, kernel: 4, stride: 2, pad: 1, bias }),
    relu(),
    convTranspose2d({ inChannels: inner, filters: outer, kernel: 4, stride: 2, pad: 1, outputPadding: 0, bias }),
    normLayer(norm, outer),
  );
}

/**
 * A middle U-Net block around `sub` (the official `UnetSkipConnectionBlock(outer, inner, submodule)`):
 * LeakyReLU, down conv, norm, `sub`, ReLU, up conv, norm, optional dropout; wrapped in a skip. `sub` is any
 * layer that keeps H and W and outputs `2·inner` channels (the up conv declares them, so the compiler
 * checks it: `convTranspose2d: channels 39 ≠ 64 expected`) — pass your own to customise.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { unetBlock, unetInnermost } from '@pix2pix-ts/pix2pix';
 * const b = unetBlock(32, 64, unetInnermost(64, 64));
 * b.init(key(0), [1, 8, 8, 32]).outputShape; // readonly [1, 8, 8, 64]
 * ```
 */
export function unetBlock<const Outer extends number, const Inner extends number, S extends Sig, const N extends string = ''>(
  outer: Outer,
  inner: Inner,
  sub: LayerBase<S>,
  options: NamedBlockOptions<N> = {},
): Layer<UnetBlockSig<Outer, Inner, S, N>> {
  return skip(blockPath(outer, inner, sub, mulNat(inner, 2), options), { name: options.name });
}

/**
 * A middle block's path around `sub` without its skip: LeakyReLU, `Conv2d(outer, inner)`, `norm(inner)`,
 * `sub`, ReLU, `ConvTranspose2d(upIn, outer)`, `norm(outer)`, optional dropout. The U-Net wraps it in a skip
 * (`upIn` = 2·inner); the encoder-decoder ablation uses it as it is (`upIn` = inner).
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { blockPath, innermostPath } from '@pix2pix-ts/pix2pix';
 * blockPath(32, 64, innermostPath(64, 64), 64).init(key(0), [1, 8, 8, 32]).outputShape; // readonly [1, 8, 8, 32]
 * ```
 */
export function blockPath<const Outer extends number, const Inner extends number, S extends Sig, const UpIn extends number>(
  outer: Outer,
  inner: Inner,
  sub: LayerBase<S>,
  upIn: UpIn,
  options: UnetBlockOptions = {},
): Layer<BlockPathSig<Outer, Inner, S, UpIn>> {
  const norm = options.norm ?? 'batch';
  const bias = convBiasFor(norm);
  return serial(
    leakyRelu(0.2),
    conv2d({ inChannels: outer, filters: inner, kernel: 4, stride: 2, pad: 1, bias }),
    normLayer(norm, inner),
    sub,
    relu(),
    convTranspose2d({ inChannels: upIn, filters: outer, kernel: 4, stride: 2, pad: 1, outputPadding: 0, bias }),
    normLayer(norm, outer),
    options.dropout === true ? dropoutLayer(0.5) : identity(),
  );
}

/**
 * The outermost U-Net block: `Conv2d(input_nc, ngf)` (no norm after it), `sub`, ReLU, `ConvTranspose2d(upIn,
 * out)` (always with bias), tanh.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { unetInnermost, unetOutermost } from '@pix2pix-ts/pix2pix';
 * unetOutermost(3, 8, unetInnermost(8, 8), 16, { inChannels: 3 }).init(key(0), [1, 4, 4, 3]).outputShape; // readonly [1, 4, 4, 3]
 * ```
 */
export function unetOutermost<const Out extends number, const Ngf extends number, S extends Sig, const UpIn extends number, const In extends number = number>(
  outChannels: Out,
  ngf: Ngf,
  sub: LayerBase<S>,
  upIn: UpIn,
  options: { readonly norm?: NormKind; readonly inChannels?: In | undefined } = {},
): Layer<UnetOutermostSig<Out, Ngf, S, In, UpIn>> {
  const { inChannels } = options;
  // The official code builds every down conv with `bias=use_bias`, the outermost one included.
  const bias = convBiasFor(options.norm ?? 'batch');
  return serial(
    conv2d({ inChannels, filters: ngf, kernel: 4, stride: 2, pad: 1, bias }),
    sub,
    relu(),
    convTranspose2d({ inChannels: upIn, filters: outChannels, kernel: 4, stride: 2, pad: 1, outputPadding: 0 }),
    tanh(),
  );
}

/** Options of {@link unetGenerator} (the official names in comments). */
export interface UnetOptions<Depth extends number, Ngf extends number, Out extends number, In extends number = number> {
  /** Number of stride-2 downsamplings (`num_downs`): 7 for 128x128, 8 for 256x256; at least 5. */
  readonly depth: Depth;
  /** Filters of the first conv (`ngf`, default 64 in the paper). */
  readonly ngf: Ngf;
  /** Input channels (`input_nc`); default: whatever `init` is given. */
  readonly inChannels?: In | undefined;
  /** Output channels (`output_nc`). */
  readonly outChannels: Out;
  /** `norm` (default `batch`). */
  readonly norm?: NormKind;
  /** Dropout 0.5 in the `depth - 5` blocks next to the innermost (`--no_dropout` turns it off; default true). */
  readonly dropout?: boolean;
}

/**
 * The U-Net generator of the paper and the official `UnetGenerator`, built recursively from `skip` with
 * every channel count declared as the official constructor declares it, so its type carries every
 * intermediate shape: a size that does not halve cleanly `depth` times is a compile error naming the block
 * (`unet.down1.down2.down3.down4.down5.down6.down7.skip: height 2 ≠ 1`), and so is a wrong input channel
 * count when `inChannels` is given; sizes known at run time get the same words before any compute. One
 * fixed-arity structure per depth (no loop the compiler cannot follow, no cast); {@link unetGeneratorOf}
 * takes a depth known only at run time.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { unetGenerator } from '@pix2pix-ts/pix2pix';
 * const g = unetGenerator({ depth: 8, ngf: 64, inChannels: 3, outChannels: 3 });
 * const { outputShape } = g.init(key(0), [1, 256, 256, 3]); // readonly [1, 256, 256, 3]
 * ```
 */
export function unetGenerator<const Depth extends UnetDepth, const Ngf extends number, const Out extends number, const In extends number = number>(
  options: UnetOptions<Depth, Ngf, Out, In>,
): Layer<UnetSig<Depth, Ngf, Out, In>> {
  const { ngf, outChannels } = options;
  const norm = options.norm ?? 'batch';
  const mid = { norm, dropout: options.dropout ?? true };
  const m8 = mulNat(ngf, 8);
  const innermost = <const N extends string>(name: N) => unetInnermost(m8, m8, { norm, name });
  const middle = <const N extends string, S extends Sig>(name: N, sub: LayerBase<S>) => unetBlock(m8, m8, sub, { ...mid, name });
  const outer = <S extends Sig>(sub: LayerBase<S>) =>
    named(
      'unet',
      unetOutermost(
        outChannels,
        ngf,
        unetBlock(ngf, mulNat(ngf, 2), unetBlock(mulNat(ngf, 2), mulNat(ngf, 4), unetBlock(mulNat(ngf, 4), m8, sub, { norm, name: 'down3' }), { norm, name: 'down2' }), { norm, name: 'down1' }),
        mulNat(ngf, 2),
        { norm, inChannels: options.inChannels },
      ),
    );
  const byDepth: { readonly [D in UnetDepth]: () => Layer<UnetSig<D, Ngf, Out, In>> } = {
    5: () => outer(innermost('down4')),
    6: () => outer(middle('down4', innermost('down5'))),
    7: () => outer(middle('down4', middle('down5', innermost('down6')))),
    8: () => outer(middle('down4', middle('down5', middle('down6', innermost('down7'))))),
    9: () => outer(middle('down4', middle('down5', middle('down6', middle('down7', innermost('down8')))))),
    10: () => outer(middle('down4', middle('down5', middle('down6', middle('down7', middle('down8', innermost('down9'))))))),
  };
  return byDepth[options.depth]();
}

/**
 * {@link unetGenerator} for a depth known only at run time (read from a spec or the command line): the same
 * layers and param tree for any depth ≥ 5, typed `Layer<Sig>` (shapes and channels checked at run time with
 * the same words, block paths included).
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { unetGeneratorOf } from '@pix2pix-ts/pix2pix';
 * const depth: number = 6;
 * unetGeneratorOf({ depth, ngf: 8, outChannels: 3 }).init(key(0), [1, 64, 64, 3]).outputShape; // [1, 64, 64, 3]
 * ```
 */
export function unetGeneratorOf(options: UnetOptions<number, number, number>): Layer<Sig> {
  const { depth, ngf, outChannels, inChannels } = options;
  if (!Number.isInteger(depth) || depth < 5) throw new RangeError(`unetGenerator: depth must be an integer ≥ 5, got ${depth}`);
  const norm = options.norm ?? 'batch';
  const useDropout = options.dropout ?? true;
  let block: AnyLayer = unetInnermost(ngf * 8, ngf * 8, { norm, name: `down${depth - 1}` });
  for (let level = depth - 2; level >= 4; level--) block = unetBlock(ngf * 8, ngf * 8, block, { norm, dropout: useDropout, name: `down${level}` });
  block = unetBlock(ngf * 4, ngf * 8, block, { norm, name: 'down3' });
  block = unetBlock(ngf * 2, ngf * 4, block, { norm, name: 'down2' });
  block = unetBlock(ngf, ngf * 2, block, { norm, name: 'down1' });
  return untyped(named('unet', unetOutermost(outChannels, ngf, block, ngf * 2, { norm, inChannels })));
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

/**
 * The official `unet_128` (7 downs) for 128x128 images.
 *
 * @example
 * ```ts
 * import { unet128 } from '@pix2pix-ts/pix2pix';
 * const g = unet128(); // ngf 64, 3 -> 3 channels
 * ```
 */
export const unet128 = <const Ngf extends number = 64>(ngf: Ngf = 64 as Ngf, options: Omit<UnetOptions<7, Ngf, 3>, 'depth' | 'ngf' | 'outChannels'> = {}) =>
  unetGenerator({ ...options, depth: 7, ngf, outChannels: 3 });
