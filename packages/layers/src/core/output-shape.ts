import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import {
  convOutputSize,
  convTransposeOutputSize,
  shapeErrorOf,
  shapeMismatch,
  type Add,
  type ConvOutputSize,
  type ConvTransposeOutputSize,
  type Shape,
  type ShapeError,
  type ShapeFail,
} from '@pix2pix-ts/shape-types';
import type { ConvSig, ConvTransposeSig, IdentitySig, PadSig, ResidualSig, SerialSig, Sig, SkipSig } from './signature';

type Rank4 = readonly [number, number, number, number];

type NeedsNHWC<Where extends string, S extends Shape> = ShapeFail<`${Where}: expected an NHWC shape of rank 4, got rank ${S['length']}`>;

/** `A ≠ B` as a failure message when both are literals and differ; wide `number` defers to run time. */
type DimCheck<Where extends string, Axis extends string, A extends number, B extends number> = number extends A
  ? true
  : number extends B
    ? true
    : A extends B
      ? true
      : ShapeFail<`${Where}: ${Axis} ${A} ≠ ${B}`>;

type Spatial<S extends Rank4, H, W, C> = H extends ShapeFail<string>
  ? H
  : W extends ShapeFail<string>
    ? W
    : readonly [S[0], H & number, W & number, C & number];

/** Adds `output_padding` to a computed size, passing failures through. */
type PlusDim<D, OP extends number> = D extends number ? Add<D, OP> : D;

type SerialOutput<Ls extends readonly Sig[], S extends Shape> = number extends Ls['length']
  ? Shape
  : Ls extends readonly [
  infer First extends Sig,
  ...infer Rest extends readonly Sig[],
]
  ? OutputShape<First, S> extends infer O
    ? O extends Shape
      ? SerialOutput<Rest, O>
      : O
    : never
  : S;

type SkipOutput<S extends Rank4, O> = O extends Rank4
  ? DimCheck<'skip', 'height', S[1], O[1]> extends infer Hc
    ? Hc extends ShapeFail<string>
      ? Hc
      : DimCheck<'skip', 'width', S[2], O[2]> extends infer Wc
        ? Wc extends ShapeFail<string>
          ? Wc
          : DimCheck<'skip', 'batch', S[0], O[0]> extends infer Nc
            ? Nc extends ShapeFail<string>
              ? Nc
              : readonly [S[0], S[1], S[2], Add<S[3], O[3]>]
            : never
        : never
    : never
  : O;

type ResidualOutput<S extends Rank4, O> = O extends Rank4
  ? [DimCheck<'residual', 'height', S[1], O[1]>, DimCheck<'residual', 'width', S[2], O[2]>, DimCheck<'residual', 'channels', S[3], O[3]>] extends [
      infer Hc,
      infer Wc,
      infer Cc,
    ]
    ? Hc extends ShapeFail<string>
      ? Hc
      : Wc extends ShapeFail<string>
        ? Wc
        : Cc extends ShapeFail<string>
          ? Cc
          : S
    : never
  : O;

/**
 * Type level: the output shape of a layer with signature `G` on input shape `S`, or a `ShapeFail`
 * whose message says what is wrong (`skip: height 64 ≠ 32`). Literal dims are computed; `number` dims
 * stay `number` and are checked at run time by {@link inferOutputShape}.
 *
 * @example
 * ```ts
 * import type { OutputShape, ConvSig } from '@pix2pix-ts/layers';
 * type O = OutputShape<ConvSig<4, 2, 1, 64>, readonly [1, 256, 256, 3]>; // readonly [1, 128, 128, 64]
 * ```
 */
export type OutputShape<G extends Sig, S extends Shape> = Sig extends G
  ? Shape // the wide union (an untyped layer): checked at run time only
  : G extends IdentitySig
  ? S
  : G extends SerialSig<infer Ls>
    ? SerialOutput<Ls, S>
    : S extends Rank4
      ? G extends ConvSig<infer K, infer St, infer P, infer F>
        ? Spatial<S, ConvOutputSize<S[1], K, St, P>, ConvOutputSize<S[2], K, St, P>, F>
        : G extends ConvTransposeSig<infer K, infer St, infer P, infer F, infer OP>
          ? Spatial<S, PlusDim<ConvTransposeOutputSize<S[1], K, St, P>, OP>, PlusDim<ConvTransposeOutputSize<S[2], K, St, P>, OP>, F>
          : G extends PadSig<infer P>
            ? readonly [S[0], Add<S[1], Add<P, P>>, Add<S[2], Add<P, P>>, S[3]]
            : G extends SkipSig<infer I>
              ? SkipOutput<S, OutputShape<I, S>>
              : G extends ResidualSig<infer I>
                ? ResidualOutput<S, OutputShape<I, S>>
                : never
      : NeedsNHWC<G['op'], S>;

/**
 * Type level: `unknown` when `G` accepts `S`, else the failure message as a string literal type. Layers
 * intersect their input parameter with it, so a mis-wired network is a one-line compile error.
 */
export type Validate<G extends Sig, S extends Shape> = OutputShape<G, S> extends ShapeFail<infer M> ? M : unknown;

/** Type level: the output shape when valid, `never` otherwise. */
export type ValidOutputShape<G extends Sig, S extends Shape> = OutputShape<G, S> extends infer O extends Shape ? O : never;

const rank4 = (where: string, s: Shape): E.Either<ShapeError, readonly [number, number, number, number]> =>
  s.length === 4
    ? E.right(s as readonly [number, number, number, number])
    : E.left(shapeErrorOf(where, `expected an NHWC shape of rank 4, got rank ${s.length}`));

const sameDims = (where: string, s: Shape, o: Shape, axes: readonly number[]): E.Either<ShapeError, Shape> => {
  const err = shapeMismatch(where, s, o, axes);
  return err.mismatches.length === 0 ? E.right(o) : E.left(err);
};

/**
 * Value level twin of {@link OutputShape}: the output shape of `sig` on `shape`, or the same error the
 * compiler reports for literal shapes. Layers call it in `init`, so a wrong size fails before any compute.
 *
 * @example
 * ```ts
 * import { inferOutputShape } from '@pix2pix-ts/layers';
 * inferOutputShape({ op: 'conv', kernel: 4, stride: 2, pad: 1, filters: 64 }, [1, 256, 256, 3]);
 * // Right([1, 128, 128, 64])
 * ```
 */
export function inferOutputShape(sig: Sig, shape: Shape): E.Either<ShapeError, Shape> {
  switch (sig.op) {
    case 'identity':
      return E.right(shape);
    case 'serial':
      return sig.layers.reduce<E.Either<ShapeError, Shape>>((acc, l) => E.flatMap(acc, (s) => inferOutputShape(l, s)), E.right(shape));
    case 'conv':
    case 'convTranspose': {
      const size = (h: number): E.Either<ShapeError, number> =>
        sig.op === 'conv' ? convOutputSize(h, sig) : E.map((o: number) => o + sig.outputPadding)(convTransposeOutputSize(h, sig));
      return pipe(
        rank4(sig.op === 'conv' ? 'conv2d' : 'convTranspose2d', shape),
        E.flatMap(([n, h, w]) =>
          pipe(
            size(h),
            E.flatMap((oh) => pipe(size(w), E.map((ow): Shape => [n, oh, ow, sig.filters]))),
          ),
        ),
      );
    }
    case 'pad':
      return pipe(
        rank4('pad', shape),
        E.map(([n, h, w, c]): Shape => [n, h + 2 * sig.pad, w + 2 * sig.pad, c]),
      );
    case 'skip':
      return pipe(
        rank4('skip', shape),
        E.flatMap((s) => inferOutputShape(sig.inner, s)),
        // Same order of checks as the type level: height, width, then batch.
        E.flatMap((o) => sameDims('skip', shape, o, [1, 2, 0])),
        E.map((o): Shape => [shape[0] ?? 0, shape[1] ?? 0, shape[2] ?? 0, (shape[3] ?? 0) + (o[3] ?? 0)]),
      );
    case 'residual':
      return pipe(
        rank4('residual', shape),
        E.flatMap((s) => inferOutputShape(sig.inner, s)),
        E.flatMap((o) => sameDims('residual', shape, o, [1, 2, 3])),
        E.map(() => shape),
      );
  }
}
