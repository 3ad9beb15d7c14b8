import { named, untyped, type AnyLayer, type Layer, type LayerBase, type Sig } from '@pix2pix-ts/layers';
import { mulNat } from '@pix2pix-ts/shape-types';
import type { NormKind } from './norm';
import { blockPath, innermostPath, unetOutermost, type EncoderDecoderSig, type UnetDepth } from './unet';

export type { EncoderDecoderSig } from './unet';

/** Options of {@link encoderDecoder}: those of the U-Net it ablates. */
export interface EncoderDecoderOptions<Depth extends number, Ngf extends number, Out extends number, In extends number = number> {
  /** Number of stride-2 downsamplings (`encoder_decoder_256` has 8, like `unet_256`); at least 5. */
  readonly depth: Depth;
  /** Filters of the first conv (`ngf`). */
  readonly ngf: Ngf;
  /** Input channels (`input_nc`); default: whatever `init` is given. */
  readonly inChannels?: In | undefined;
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
 * skip concatenations. The bottleneck is then the only way information reaches the decoder, and each up
 * conv declares `inner` input channels instead of `2·inner` (wiring a skip back in is a compile error).
 * One fixed-arity structure per depth; {@link encoderDecoderOf} takes a depth known only at run time.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { encoderDecoder } from '@pix2pix-ts/pix2pix';
 * const g = encoderDecoder({ depth: 8, ngf: 64, outChannels: 3 });
 * g.init(key(0), [1, 256, 256, 3]).outputShape; // readonly [1, 256, 256, 3]
 * ```
 */
export function encoderDecoder<const Depth extends UnetDepth, const Ngf extends number, const Out extends number, const In extends number = number>(
  options: EncoderDecoderOptions<Depth, Ngf, Out, In>,
): Layer<EncoderDecoderSig<Depth, Ngf, Out, In>> {
  const { ngf, outChannels } = options;
  const norm = options.norm ?? 'batch';
  const mid = { norm, dropout: options.dropout ?? true };
  const m8 = mulNat(ngf, 8);
  const innermost = innermostPath(m8, m8, { norm });
  const middle = <S extends Sig>(sub: LayerBase<S>) => blockPath(m8, m8, sub, m8, mid);
  const outer = <S extends Sig>(sub: LayerBase<S>) =>
    named(
      'encoderDecoder',
      unetOutermost(
        outChannels,
        ngf,
        blockPath(ngf, mulNat(ngf, 2), blockPath(mulNat(ngf, 2), mulNat(ngf, 4), blockPath(mulNat(ngf, 4), m8, sub, m8, { norm }), mulNat(ngf, 4), { norm }), mulNat(ngf, 2), { norm }),
        ngf,
        { norm, inChannels: options.inChannels },
      ),
    );
  const byDepth: { readonly [D in UnetDepth]: () => Layer<EncoderDecoderSig<D, Ngf, Out, In>> } = {
    5: () => outer(innermost),
    6: () => outer(middle(innermost)),
    7: () => outer(middle(middle(innermost))),
    8: () => outer(middle(middle(middle(innermost)))),
    9: () => outer(middle(middle(middle(middle(innermost))))),
    10: () => outer(middle(middle(middle(middle(middle(innermost)))))),
  };
  return byDepth[options.depth]();
}

/**
 * {@link encoderDecoder} for a depth known only at run time: the same layers and param tree, typed
 * `Layer<Sig>` (checked at run time with the same words).
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { encoderDecoderOf } from '@pix2pix-ts/pix2pix';
 * const depth: number = 5;
 * encoderDecoderOf({ depth, ngf: 8, outChannels: 3 }).init(key(0), [1, 32, 32, 3]).outputShape; // [1, 32, 32, 3]
 * ```
 */
export function encoderDecoderOf(options: EncoderDecoderOptions<number, number, number>): Layer<Sig> {
  const { depth, ngf, outChannels, inChannels } = options;
  if (!Number.isInteger(depth) || depth < 5) throw new RangeError(`encoderDecoder: depth must be an integer ≥ 5, got ${depth}`);
  const norm = options.norm ?? 'batch';
  const useDropout = options.dropout ?? true;
  let block: AnyLayer = innermostPath(ngf * 8, ngf * 8, { norm });
  for (let i = 0; i < depth - 5; i++) block = blockPath(ngf * 8, ngf * 8, block, ngf * 8, { norm, dropout: useDropout });
  block = blockPath(ngf * 4, ngf * 8, block, ngf * 8, { norm });
  block = blockPath(ngf * 2, ngf * 4, block, ngf * 4, { norm });
  block = blockPath(ngf, ngf * 2, block, ngf * 2, { norm });
  return untyped(named('encoderDecoder', unetOutermost(outChannels, ngf, block, ngf, { norm, inChannels })));
}
