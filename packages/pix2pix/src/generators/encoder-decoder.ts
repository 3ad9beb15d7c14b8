import type { AnyLayer, Layer, Sig } from '@pix2pix-ts/layers';
import type { Mul, Sub } from '@pix2pix-ts/shape-types';
import type { NormKind } from './norm';
import { blockPath, innermostPath, unetOutermost, type BlockPathSig, type InnermostPathSig, type UnetOutermostSig } from './unet';

type EightFoldPath<Ngf extends number, K extends number, S extends Sig> = number extends K
  ? Sig // a depth known only at run time: no static structure
  : K extends 0
    ? S
    : EightFoldPath<Ngf, Sub<K, 1>, BlockPathSig<Mul<Ngf, 8>, Mul<Ngf, 8>, S>>;

/**
 * Signature of the encoder-decoder of the paper's Fig. 4 ablation: the U-Net of the same depth with every skip
 * removed, so each up conv reads only the block below it (`inner` channels instead of `2·inner`).
 */
export type EncoderDecoderSig<Depth extends number, Ngf extends number, Out extends number> = UnetOutermostSig<
  Out,
  Ngf,
  BlockPathSig<
    Ngf,
    Mul<Ngf, 2>,
    BlockPathSig<Mul<Ngf, 2>, Mul<Ngf, 4>, BlockPathSig<Mul<Ngf, 4>, Mul<Ngf, 8>, EightFoldPath<Ngf, Sub<Depth, 5>, InnermostPathSig<Mul<Ngf, 8>, Mul<Ngf, 8>>>>>
  >
>;

/** Options of {@link encoderDecoder}: those of the U-Net it ablates. */
export interface EncoderDecoderOptions<Depth extends number, Ngf extends number, Out extends number> {
  /** Number of stride-2 downsamplings (`encoder_decoder_256` has 8, like `unet_256`); at least 5. */
  readonly depth: Depth;
  /** Filters of the first conv (`ngf`). */
  readonly ngf: Ngf;
  /** Output channels (`output_nc`). */
  readonly outChannels: Out;
  /** `norm` (default `batch`). */
  readonly norm?: NormKind;
  /** Dropout 0.5 in the `depth - 5` blocks next to the innermost, as in the U-Net (default true). */
  readonly dropout?: boolean;
}

/**
 * The paper's encoder-decoder ablation (Fig. 4, `--netG encoder_decoder_<N>`): exactly
 * {@link unetGenerator}'s layers, filters, norms and dropout, built from the same block paths, without the
 * skip concatenations. The bottleneck is then the only way information reaches the decoder.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { encoderDecoder } from '@pix2pix-ts/pix2pix';
 * const g = encoderDecoder({ depth: 8, ngf: 64, outChannels: 3 });
 * g.init(key(0), [1, 256, 256, 3]).outputShape; // readonly [1, 256, 256, 3]
 * ```
 */
export function encoderDecoder<const Depth extends number, const Ngf extends number, const Out extends number>(
  options: EncoderDecoderOptions<Depth, Ngf, Out>,
): Layer<EncoderDecoderSig<Depth, Ngf, Out>> {
  const { depth, ngf, outChannels } = options;
  if (!Number.isInteger(depth) || depth < 5) throw new RangeError(`encoderDecoder: depth must be an integer ≥ 5, got ${depth}`);
  const norm = options.norm ?? 'batch';
  const useDropout = options.dropout ?? true;
  let block: AnyLayer = innermostPath(ngf * 8, ngf * 8, { norm });
  for (let i = 0; i < depth - 5; i++) block = blockPath(ngf * 8, ngf * 8, block, { norm, dropout: useDropout });
  block = blockPath(ngf * 4, ngf * 8, block, { norm });
  block = blockPath(ngf * 2, ngf * 4, block, { norm });
  block = blockPath(ngf, ngf * 2, block, { norm });
  // The loop builds exactly the structure EncoderDecoderSig describes; the compiler cannot follow a loop
  // whose length is the type parameter Depth (the same reason as unetGenerator's).
  return unetOutermost(outChannels, ngf, block, { norm }) as unknown as Layer<EncoderDecoderSig<Depth, Ngf, Out>>;
}
