/**
 * Type-level multiplication of natural-number literals: long multiplication on digit strings.
 * @packageDocumentation
 */
import type { AddReversed } from './add';
import type { Digit, MulCarry, MulTable, NatString, Reverse, ToNumber } from './digits';

/**
 * Multiply a reversed digit string by one digit `D` with carry `C`; the product comes out reversed. One
 * {@link MulTable} lookup per digit.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = MulDigitReversed<'521', '3'>; // '573'  (125 · 3 = 375)
 * ```
 */
export type MulDigitReversed<
  A extends string,
  D extends Digit,
  C extends MulCarry = '0',
  Acc extends string = '',
> = A extends `${infer a extends Digit}${infer AR}`
  ? MulTable[D][C][a] extends `${infer K extends MulCarry}${infer V}`
    ? MulDigitReversed<AR, D, K, `${Acc}${V}`>
    : never
  : C extends '0'
    ? Acc
    : `${Acc}${C}`;

/**
 * `A · d` for a reversed digit string `A`, with the trivial digits short-cut: `0` gives `''` (zero),
 * `1` gives `A`. Instantiations are cached per `(A, d)`, so long multiplication and long division
 * compute each multiple at most once.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = TimesDigit<'21', '5'>; // '06'  (12 · 5 = 60)
 * ```
 */
export type TimesDigit<A extends string, D extends Digit> = D extends '0'
  ? ''
  : D extends '1'
    ? A
    : MulDigitReversed<A, D>;

/**
 * Horner's scheme over the digits of `B` (normal order): `Acc ← 10·Acc + A·b`, with `A` and `Acc` kept
 * reversed so that multiplying by ten is prepending a `'0'`. Intermediate results are bound with
 * `infer … extends string` rather than passed straight into constrained parameters, which spares the
 * compiler relating recursive conditional types to `string` when it checks this declaration.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = MulReversed<'21', '34'>; // '804'  (12 · 34 = 408)
 * ```
 */
export type MulReversed<A extends string, B extends string, Acc extends string = ''> = B extends `${infer b extends Digit}${infer BR}`
  ? TimesDigit<A, b> extends infer P extends string
    ? (Acc extends '' ? P : AddReversed<`0${Acc}`, P>) extends infer N extends string
      ? MulReversed<A, BR, N>
      : never
    : never
  : Acc;

/**
 * `true` when digit string `A` is strictly longer than `B` (one step per character of the shorter).
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = IsLonger<'100', '99'>; // true
 * ```
 */
export type IsLonger<A extends string, B extends string> = A extends `${string}${infer AR}`
  ? B extends `${string}${infer BR}`
    ? IsLonger<AR, BR>
    : true
  : false;

/**
 * Long multiplication of two normal-order digit strings of non-zero naturals; the Horner loop runs over
 * the shorter one. Result in normal order.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = MulDigits<'12', '34'>; // '408'
 * ```
 */
export type MulDigits<A extends string, B extends string> = (
  IsLonger<B, A> extends true ? MulReversed<Reverse<B>, A> : MulReversed<Reverse<A>, B>
) extends infer P extends string
  ? Reverse<P>
  : never;

/**
 * `A · B` for natural-number literals by long multiplication on digit strings (cost grows with the
 * product of the digit counts, not the values). A wide `number` operand gives `number`; a product beyond
 * `Number.MAX_SAFE_INTEGER` that is not exactly representable gives `number`.
 *
 * @example
 * ```ts
 * import type { Mul } from '@pix2pix-ts/shape-types';
 * type R = Mul<256, 256>; // 65536
 * ```
 */
export type Mul<A extends number, B extends number> = number extends A
  ? number
  : number extends B
    ? number
    : NatString<`${A}`> extends infer SA extends string
      ? NatString<`${B}`> extends infer SB extends string
        ? SA extends '0'
          ? SB extends string
            ? 0
            : never
          : SB extends '0'
            ? 0
            : ToNumber<MulDigits<SA, SB>>
        : never
      : never;
