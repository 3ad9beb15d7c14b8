import type { Add, Mul, Sub } from '@pix2pix-ts/shape-types';
import type { ConvSig, ConvTransposeSig, IdentitySig, PadSig, ResidualSig, SerialSig, Sig, SkipSig } from './signature';

/**
 * A receptive field relative to a layer's input: one output pixel sees `size` input pixels per axis,
 * and neighbouring output pixels are `jump` input pixels apart. Fields form a monoid under
 * {@link composeFields} with identity `{ size: 1, jump: 1 }`: that is the whole algebra.
 *
 * The field counts convolution geometry. Norms are per-pixel maps here (batch norm in eval mode); batch
 * norm with batch statistics and instance norm couple every pixel through their means, which no
 * finite field describes.
 */
export interface Field {
  readonly size: number;
  readonly jump: number;
}

/** The identity field. */
export const IDENTITY: Field = { size: 1, jump: 1 };

/**
 * `a` then `b`: `b`'s field measured in `a`'s output pixels, mapped back to `a`'s input.
 *
 * @example
 * ```ts
 * import { composeFields } from '@pix2pix-ts/layers';
 * composeFields({ size: 4, jump: 2 }, { size: 4, jump: 2 }); // { size: 10, jump: 4 }
 * ```
 */
export function composeFields(a: Field, b: Field): Field {
  return { size: a.size + (b.size - 1) * a.jump, jump: a.jump * b.jump };
}

/**
 * Value level: the receptive field of a layer signature (see {@link Field}). A transposed conv of kernel
 * k and stride s contributes `{ size: ceil(k / s), jump: 1 / s }`.
 *
 * @example
 * ```ts
 * import { fieldOf } from '@pix2pix-ts/layers';
 * fieldOf({ op: 'conv', kernel: 4, stride: 2, pad: 1, filters: 8 }); // { size: 4, jump: 2 }
 * ```
 */
export function fieldOf(sig: Sig): Field {
  switch (sig.op) {
    case 'identity':
    case 'pad':
      return IDENTITY;
    case 'conv':
      return { size: sig.kernel, jump: sig.stride };
    case 'convTranspose':
      return { size: Math.ceil(sig.kernel / sig.stride), jump: 1 / sig.stride };
    case 'serial':
      return sig.layers.reduce((acc, l) => composeFields(acc, fieldOf(l)), IDENTITY);
    case 'skip':
    case 'residual': {
      // The output grid is the input grid (jump 1); the concat or sum sees the wider of x and inner(x).
      const inner = fieldOf(sig.inner);
      return { size: Math.max(1, inner.size), jump: 1 };
    }
  }
}

/** Type level field: `[size, jump]`. */
type TField = readonly [number, number];

type Compose<A extends TField, B extends TField> = readonly [Add<A[0], Mul<Sub<B[0], 1>, A[1]>>, Mul<A[1], B[1]>];

type SerialField<Ls extends readonly Sig[], Acc extends TField> = number extends Ls['length']
  ? readonly [number, number]
  : Ls extends readonly [
  infer First extends Sig,
  ...infer Rest extends readonly Sig[],
]
  ? SerialField<Rest, Compose<Acc, FieldOfSig<First>>>
  : Acc;

/**
 * Type level twin of {@link fieldOf}, as `[size, jump]`. Transposed convs have fractional jumps, which
 * the natural-number arithmetic does not model: a signature containing one gives `number`.
 */
export type FieldOfSig<G extends Sig> = Sig extends G
  ? readonly [number, number] // the wide union (an untyped layer): nothing is known statically
  : G extends IdentitySig | PadSig
  ? readonly [1, 1]
  : G extends ConvSig<infer K, infer S>
    ? readonly [K, S]
    : G extends ConvTransposeSig
      ? readonly [number, number]
      : G extends SerialSig<infer Ls>
        ? SerialField<Ls, readonly [1, 1]>
        : G extends SkipSig<infer I> | ResidualSig<infer I>
          ? readonly [FieldOfSig<I>[0], 1]
          : readonly [number, number];
