/**
 * Type-level floor division and remainder of natural-number literals: long division, one quotient digit
 * per dividend digit.
 * @packageDocumentation
 */
import type { Digit, MulCarry, NatString, Reverse, ShortDivTable, ToNumber } from './digits';
import type { TimesDigit } from './multiply';
import type { SubReversed } from './subtract';

/**
 * `R - K·B` on reversed digit strings, or `'-'` when that is negative. `K·B` is cached per `(B, K)` by the
 * compiler, so each multiple of the divisor is computed at most once.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = Probe<'71', '7', '2'>; // '3'  (17 - 2·7)
 * ```
 */
export type Probe<R extends string, B extends string, K extends Digit> =
  TimesDigit<B, K> extends infer M extends string ? SubReversed<R, M> : never;

/**
 * One step of long division: the largest digit `q` with `q·B <= R` (given `R < 10·B`) and the remainder
 * `R - q·B`, as `[q, remainder]` with both numbers reversed. Found by a fixed binary search over the
 * digits (three or four subtraction probes), not by repeated subtraction.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = QuotientDigit<'71', '7'>; // ['2', '3']  (17 = 2·7 + 3)
 * ```
 */
export type QuotientDigit<R extends string, B extends string> =
  Probe<R, B, '5'> extends '-'
    ? Probe<R, B, '2'> extends '-'
      ? Probe<R, B, '1'> extends '-'
        ? ['0', R]
        : ['1', Probe<R, B, '1'>]
      : Probe<R, B, '3'> extends '-'
        ? ['2', Probe<R, B, '2'>]
        : Probe<R, B, '4'> extends '-'
          ? ['3', Probe<R, B, '3'>]
          : ['4', Probe<R, B, '4'>]
    : Probe<R, B, '7'> extends '-'
      ? Probe<R, B, '6'> extends '-'
        ? ['5', Probe<R, B, '5'>]
        : ['6', Probe<R, B, '6'>]
      : Probe<R, B, '8'> extends '-'
        ? ['7', Probe<R, B, '7'>]
        : Probe<R, B, '9'> extends '-'
          ? ['8', Probe<R, B, '8'>]
          : ['9', Probe<R, B, '9'>];

/**
 * Long division of the normal-order digit string `A` by the reversed divisor `B`, continuing from the
 * reversed remainder `R` and the normal-order quotient `Q`: bring down one digit (`R ← 10·R + a`, i.e.
 * prepend `a` to the reversed remainder), find the quotient digit, repeat. Returns `[Q, R]` with `''`
 * standing for zero.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = LongDivision<'1000', '7'>; // ['142', '6']  (1000 = 142·7 + 6)
 * ```
 */
export type LongDivision<
  A extends string,
  B extends string,
  R extends string = '',
  Q extends string = '',
> = A extends `${infer a extends Digit}${infer AR}`
  ? QuotientDigit<R extends '' ? (a extends '0' ? '' : a) : `${a}${R}`, B> extends [
      infer q extends Digit,
      infer NR extends string,
    ]
    ? LongDivision<AR, B, NR, Q extends '' ? (q extends '0' ? '' : q) : `${Q}${q}`>
    : never
  : [Q, R];

/**
 * Split off the first `len(B) - 1` digits of `A` (they are certainly smaller than `B`, so their quotient
 * digits are zeros) as the starting remainder of long division, reversed: `[rest of A, remainder]`.
 * `B` is the reversed divisor; only its length matters.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = SplitHead<'123456', '321'>; // ['3456', '21']
 * ```
 */
export type SplitHead<A extends string, B extends string, R extends string = ''> = B extends `${string}${infer BR}`
  ? BR extends ''
    ? [A, R]
    : A extends `${infer a}${infer AR}`
      ? SplitHead<AR, BR, `${a}${R}`>
      : [A, R]
  : [A, R];

/**
 * Long division of the normal-order digit string `A` by a single non-zero digit `D`: one
 * {@link ShortDivTable} lookup per digit, the remainder `R` being a single digit. Returns
 * `[quotient, remainder]` in normal order; the quotient may carry one leading zero (only the first
 * quotient digit can be zero).
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = ShortDivision<'255', '2'>; // ['127', '1']
 * ```
 */
export type ShortDivision<
  A extends string,
  D extends Digit,
  R extends MulCarry = '0',
  Q extends string = '',
> = A extends `${infer a extends Digit}${infer AR}`
  ? ShortDivTable[D][R][a] extends `${infer q}${infer r extends MulCarry}`
    ? ShortDivision<AR, D, r, `${Q}${q}`>
    : never
  : [Q, R];

/**
 * Drop the one possible leading zero of a {@link ShortDivision} quotient.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = DropZero<'01'>; // '1'
 * ```
 */
export type DropZero<Q extends string> = Q extends `0${infer T extends string}` ? (T extends '' ? '0' : T) : Q;

/**
 * `[floor(A / B), A mod B]` as normal-order digit strings, or `never` when `B` is zero or an operand is
 * not a natural-number literal. A one-digit divisor takes the {@link ShortDivision} path.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = DivMod<1000, 7>; // ['142', '6']
 * ```
 */
export type DivMod<A extends number, B extends number> =
  NatString<`${A}`> extends infer SA extends string
    ? NatString<`${B}`> extends infer SB extends string
      ? SA extends string // distributes, so an invalid dividend (never) gives never
        ? SB extends '0'
          ? never
          : SB extends Digit
            ? ShortDivision<SA, SB> extends [infer Q extends string, infer R extends string]
              ? [DropZero<Q>, R]
              : never
            : Reverse<SB> extends infer RB extends string
              ? SplitHead<SA, RB> extends [infer Rest extends string, infer R0 extends string]
                ? LongDivision<Rest, RB, R0> extends [infer Q extends string, infer R extends string]
                  ? [Q extends '' ? '0' : Q, R extends '' ? '0' : Reverse<R>]
                  : never
                : never
              : never
        : never
      : never
    : never;

/**
 * `floor(A / B)` for natural-number literals by long division on digit strings, or `never` when `B` is
 * `0`. A wide `number` operand gives `number`.
 *
 * @example
 * ```ts
 * import type { FloorDiv } from '@pix2pix-ts/shape-types';
 * type R = FloorDiv<255, 2>; // 127
 * ```
 */
export type FloorDiv<A extends number, B extends number> = number extends A
  ? number
  : number extends B
    ? number
    : ToNumber<DivMod<A, B>[0]>;

/**
 * `A mod B` (the remainder of {@link FloorDiv}) for natural-number literals, or `never` when `B` is `0`.
 * A wide `number` operand gives `number`.
 *
 * @example
 * ```ts
 * import type { Mod } from '@pix2pix-ts/shape-types';
 * type R = Mod<65537, 256>; // 1
 * ```
 */
export type Mod<A extends number, B extends number> = number extends A
  ? number
  : number extends B
    ? number
    : ToNumber<DivMod<A, B>[1]>;
