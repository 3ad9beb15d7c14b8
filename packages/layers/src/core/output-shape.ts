import * as E from 'fp-ts/Either';
import {
  shapeErrorOf,
  shapeMismatch,
  type NaturalDims,
  type Shape,
  type ShapeError,
  type ShapeFail,
} from '@pix2pix-ts/shape-types';
import type { OutputShape, Sig } from './signature';

/** An NHWC shape. */
export type Rank4 = readonly [number, number, number, number];

/** The failure for a non-NHWC input. */
export type NeedsNHWC<Where extends string, S> = ShapeFail<`${Where}: expected an NHWC shape of rank 4, got rank ${S extends Shape ? S['length'] : 'unknown'}`>;

/** `A ≠ B` as a failure message when both are literals and differ; wide `number` defers to run time. */
export type DimCheck<Where extends string, Axis extends string, A extends number, B extends number> = number extends A
  ? true
  : number extends B
    ? true
    : A extends B
      ? true
      : ShapeFail<`${Where}: ${Axis} ${A} ≠ ${B}`>;

/**
 * A declared input-channel count against the input's: `conv2d: channels 39 ≠ 64 expected` when both are
 * literals and differ; `true` otherwise (an undeclared count, `number`, is taken from the input).
 */
export type ChannelsCheck<Where extends string, Declared extends number, Actual extends number> = number extends Declared
  ? true
  : number extends Actual
    ? true
    : Actual extends Declared
      ? true
      : ShapeFail<`${Where}: channels ${Actual} ≠ ${Declared} expected`>;

/** A layer's bad literal options (see `ConvOptionErrors`) as a failure, `true` when there are none. */
export type OptionsCheck<Bad extends string> = [Bad] extends [never] ? true : ShapeFail<Bad>;

/** The first failure of a list of checks, or `Ok` when none failed. */
export type FirstFail<Checks extends readonly unknown[], Ok> = Checks extends readonly [infer C, ...infer Rest]
  ? C extends ShapeFail<string>
    ? C
    : FirstFail<Rest, Ok>
  : Ok;

/** Run time: the shape as NHWC, or the error the compiler reports. */
export const rank4 = (where: string, s: Shape): E.Either<ShapeError, Rank4> => {
  const [n, h, w, c] = s;
  return s.length === 4 && n !== undefined && h !== undefined && w !== undefined && c !== undefined
    ? E.right([n, h, w, c])
    : E.left(shapeErrorOf(where, `expected an NHWC shape of rank 4, got rank ${s.length}`));
};

/** Run time twin of {@link DimCheck} over several axes (NHWC names): `o`, or the mismatch. */
export const sameDims = (where: string, s: Shape, o: Shape, axes: readonly number[]): E.Either<ShapeError, Shape> => {
  const err = shapeMismatch(where, s, o, axes);
  return err.mismatches.length === 0 ? E.right(o) : E.left(err);
};

/** Run time twin of {@link ChannelsCheck}: `declared` undefined means "taken from the input". */
export const checkChannels = (where: string, declared: number | undefined, s: Rank4): E.Either<ShapeError, Rank4> =>
  declared === undefined || declared === s[3] ? E.right(s) : E.left(shapeErrorOf(where, `channels ${s[3]} ≠ ${declared} expected`));

/**
 * Value level twin of {@link OutputShape}: the output shape of `sig` on `shape`, or the same error the
 * compiler reports for literal shapes. Each signature carries its own rule (`sig.outputShape`).
 *
 * @example
 * ```ts
 * import { conv2d, inferOutputShape } from '@pix2pix-ts/layers';
 * inferOutputShape(conv2d({ filters: 64, kernel: 4, stride: 2, pad: 1 }).sig, [1, 256, 256, 3]);
 * // Right([1, 128, 128, 64])
 * ```
 */
export function inferOutputShape(sig: Sig, shape: Shape): E.Either<ShapeError, Shape> {
  return sig.outputShape(shape);
}

/**
 * Type level: `unknown` when `G` accepts `S`, else the failure message as a string literal type. Layers
 * intersect their input parameter with it, so a mis-wired network is a one-line compile error. Dims that
 * cannot be sizes (`64.5`, `-1`) are refused first (`init: height 64.5 is not a natural number`).
 */
export type Validate<G extends Sig, S extends Shape> = NaturalDims<'init', S> extends ShapeFail<infer M>
  ? M
  : OutputShape<G, S> extends ShapeFail<infer M>
    ? M
    : unknown;

/**
 * Type level: the message a layer type `L` reports for input shape `S`, `never` when it accepts it. For
 * tests that assert the exact words of a compile error.
 *
 * @example
 * ```ts
 * import { conv2d, type ShapeErrorOf } from '@pix2pix-ts/layers';
 * const c = conv2d({ filters: 8, kernel: 7 });
 * type M = ShapeErrorOf<typeof c, readonly [1, 5, 5, 3]>; // 'conv2d: kernel 7 larger than padded height 5'
 * ```
 */
export type ShapeErrorOf<L, S extends Shape> = L extends { readonly sig: infer G extends Sig }
  ? Validate<G, S> extends infer M extends string
    ? M
    : never
  : never;

/** Type level: the output shape when valid, `never` otherwise. */
export type ValidOutputShape<G extends Sig, S extends Shape> = OutputShape<G, S> extends infer O extends Shape ? O : never;

export type { OutputShape } from './signature';

/** The NHWC output of a spatial op: the first failing axis, or `[N, H, W, C]`. */
export type Spatial<S extends Rank4, H, W, C> = H extends ShapeFail<string>
  ? H
  : W extends ShapeFail<string>
    ? W
    : readonly [S[0], H & number, W & number, C & number];

/** The input channels a layer works with: the declared count, else the input's. */
export type InChannels<S, Declared extends number> = number extends Declared ? (S extends Rank4 ? S[3] : number) : Declared;
