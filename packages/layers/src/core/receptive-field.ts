import type { Add, Mul, Sub } from '@pix2pix-ts/shape-types';
import type { FieldOfSig, Sig } from './signature';

/**
 * A receptive field relative to a layer's input: one output pixel sees `size` input pixels per axis,
 * and neighbouring output pixels are `jump` input pixels apart. Fields form a monoid under
 * {@link composeFields} with identity `{ size: 1, jump: 1 }`: that is the whole algebra. Each layer's
 * signature carries its own field (`sig.field`); combinators compose their children's.
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
 * The field of a branch joined with its input on the same grid (a skip's concat, a residual's sum):
 * jump 1, and the wider of the input (1) and the branch.
 *
 * @example
 * ```ts
 * import { joinedField } from '@pix2pix-ts/layers';
 * joinedField({ size: 6, jump: 1 }); // { size: 6, jump: 1 }
 * ```
 */
export function joinedField(inner: Field): Field {
  return { size: Math.max(1, inner.size), jump: 1 };
}

/**
 * Value level: the receptive field of a layer signature (see {@link Field}): the rule each signature
 * carries. A transposed conv of kernel k and stride s contributes `{ size: ceil(k / s), jump: 1 / s }`.
 *
 * @example
 * ```ts
 * import { conv2d, fieldOf } from '@pix2pix-ts/layers';
 * fieldOf(conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }).sig); // { size: 4, jump: 2 }
 * ```
 */
export function fieldOf(sig: Sig): Field {
  return sig.field;
}

/** Type level field: `[size, jump]`. */
export type TField = readonly [number, number];

/** Type level: `a` then `b` (see {@link composeFields}); `number` parts stay `number`. */
export type ComposeFields<A extends TField, B extends TField> = readonly [Add<A[0], Mul<Sub<B[0], 1>, A[1]>>, Mul<A[1], B[1]>];

/** Type level: the fields of a list of signatures composed in order. */
export type SerialField<Ls extends readonly unknown[], Acc extends TField = readonly [1, 1]> = number extends Ls['length']
  ? readonly [number, number]
  : Ls extends readonly [infer First, ...infer Rest extends readonly unknown[]]
    ? SerialField<Rest, ComposeFields<Acc, FieldOfSig<First>>>
    : Acc;

export type { FieldOfSig } from './signature';
