import * as E from 'fp-ts/Either';
import type { IsNat } from '../nat/is-nat';
import { axisName } from './shape';
import { shapeErrorOf, type ShapeError } from './shape-error';
import type { ShapeFail } from './shape-fail';

/**
 * Type level: the message when a literal `N` cannot be a size (`conv2d: filters 64.5 is not a natural
 * number`), `never` otherwise (the wide `number` is left to the run-time check). Combine several with `|`
 * and pass them to {@link Refuse}.
 *
 * @example
 * ```ts
 * import type { NatArg } from '@pix2pix-ts/shape-types';
 * type Ok = NatArg<'conv2d', 'filters', 64>; // never
 * type Bad = NatArg<'conv2d', 'filters', 64.5>; // 'conv2d: filters 64.5 is not a natural number'
 * ```
 */
export type NatArg<Where extends string, What extends string, N> = IsNat<N> extends false
  ? `${Where}: ${What} ${N & number} is not a natural number`
  : never;

/**
 * Type level: like {@link NatArg}, and also refuses `0` (a stride, a kernel): `conv2d: stride 0 must be at least 1`.
 *
 * @example
 * ```ts
 * import type { PositiveArg } from '@pix2pix-ts/shape-types';
 * type Bad = PositiveArg<'conv2d', 'stride', 0>; // 'conv2d: stride 0 must be at least 1'
 * ```
 */
export type PositiveArg<Where extends string, What extends string, N> = N extends 0
  ? `${Where}: ${What} 0 must be at least 1`
  : NatArg<Where, What, N>;

/**
 * Type level: `unknown` when there is no message, else an object type whose required keys are the
 * messages. Intersected with an options parameter, a bad literal then reads as one line in tsc's output
 * (`Property '"conv2d: filters 64.5 is not a natural number"' is missing`) instead of collapsing to `never`
 * (a number literal intersected with a string is `never`).
 *
 * @example
 * ```ts
 * import type { NatArg, Refuse } from '@pix2pix-ts/shape-types';
 * const f = <const N extends number>(o: { n: N } & Refuse<NatArg<'f', 'n', N>>): number => o.n;
 * f({ n: 3 }); // ok
 * // @ts-expect-error: 'f: n -3 is not a natural number'
 * f({ n: -3 });
 * ```
 */
export type Refuse<Msg extends string> = [Msg] extends [never] ? unknown : { readonly [K in Msg]: never };

/**
 * Run time twin of {@link NatArg} / {@link PositiveArg}: throws a `RangeError` with the same words when `n`
 * is not a natural number (or is 0 when `positive`).
 *
 * @example
 * ```ts
 * import { requireNat } from '@pix2pix-ts/shape-types';
 * requireNat('conv2d', 'filters', 64); // 64
 * ```
 */
export function requireNat(where: string, what: string, n: number, positive = false): number {
  if (!isNaturalDim(n)) throw new RangeError(`${where}: ${what} ${n} is not a natural number`);
  if (positive && n === 0) throw new RangeError(`${where}: ${what} 0 must be at least 1`);
  return n;
}

/** Type level: the first dim of `S` that is not a natural number, as a failure naming its axis. */
type FirstBadDim<Where extends string, S extends readonly number[], I extends readonly unknown[] = []> = S extends readonly [
  infer D extends number,
  ...infer Rest extends readonly number[],
]
  ? IsNat<D> extends false
    ? ShapeFail<`${Where}: ${AxisAt<I['length'], S['length'], I['length']>} ${D} is not a natural number`>
    : FirstBadDim<Where, Rest, [...I, unknown]>
  : unknown;

/** The NHWC name of axis `I` when the whole shape has rank 4 (`Rest` is what is left after it). */
type AxisAt<I extends number, RestLength extends number, Index extends number> = [I, RestLength] extends [0, 4]
  ? 'batch'
  : [I, RestLength] extends [1, 3]
    ? 'height'
    : [I, RestLength] extends [2, 2]
      ? 'width'
      : [I, RestLength] extends [3, 1]
        ? 'channels'
        : `axis ${Index}`;

/**
 * Type level: a {@link ShapeFail} naming the first dim of the literal shape `S` that is fractional or
 * negative (`init: height 64.5 is not a natural number`), `unknown` when every dim is a natural number or `number`.
 *
 * @example
 * ```ts
 * import type { NaturalDims } from '@pix2pix-ts/shape-types';
 * type E = NaturalDims<'init', readonly [1, 64.5, 64, 3]>; // ShapeFail<'init: height 64.5 is not a natural number'>
 * ```
 */
export type NaturalDims<Where extends string, S extends readonly number[]> = FirstBadDim<Where, S>;

/** `true` when `d` can be a size: a finite, non-negative integer. */
export const isNaturalDim = (d: number): boolean => Number.isInteger(d) && d >= 0;

/**
 * Value level twin of {@link NaturalDims}: the shape, or an error naming the first dim that is NaN,
 * infinite, fractional or negative. Boundaries (assertShape, a layer's init) call it so such a dim is
 * refused before anything is allocated.
 *
 * @example
 * ```ts
 * import { naturalDims } from '@pix2pix-ts/shape-types';
 * naturalDims('init', [1, 64.5, 64, 3]); // Left: 'init: height 64.5 is not a natural number'
 * ```
 */
export function naturalDims<S extends readonly (number | null)[]>(where: string, shape: S): E.Either<ShapeError, S> {
  const i = shape.findIndex((d) => d !== null && !isNaturalDim(d));
  return i < 0 ? E.right(shape) : E.left(shapeErrorOf(where, `${axisName(i, shape.length)} ${String(shape[i])} is not a natural number`));
}
