/**
 * Type-level comparison of natural-number literals, one step per digit.
 * @packageDocumentation
 */
import type { CmpTable, Digit, NatString } from './digits';

/** The three possible answers of {@link Compare}. */
type Ordering = -1 | 0 | 1;

/**
 * Compare two normal-order digit strings (no leading zeros) walking both from the most significant
 * digit: the first differing digit decides, unless the lengths differ, which is settled by
 * {@link CompareLengths} from that point on. `never` when a character is not a digit.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = CompareDigits<'1024', '1031'>; // -1
 * ```
 */
export type CompareDigits<A extends string, B extends string> = A extends `${infer a extends Digit}${infer AR}`
  ? B extends `${infer b extends Digit}${infer BR}`
    ? a extends b
      ? CompareDigits<AR, BR>
      : CompareLengths<AR, BR, CmpTable[a][b]>
    : B extends ''
      ? 1
      : never
  : A extends ''
    ? B extends ''
      ? 0
      : B extends `${Digit}${string}`
        ? -1
        : never
    : never;

/**
 * The tail of {@link CompareDigits} once a digit has differed: the longer string is larger, equal lengths
 * keep the verdict `R` of the first differing digit.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = CompareLengths<'12', '3', -1>; // 1  (the first operand is longer)
 * ```
 */
export type CompareLengths<A extends string, B extends string, R extends Ordering> = A extends `${string}${infer AR}`
  ? B extends `${string}${infer BR}`
    ? CompareLengths<AR, BR, R>
    : 1
  : B extends ''
    ? R
    : -1;

/**
 * Three-way comparison of two natural-number literals: `-1` when `A < B`, `0` when equal, `1` when
 * `A > B`. Cost grows with the number of digits. A wide `number` operand gives `-1 | 0 | 1`; a negative
 * or fractional literal gives `never`.
 *
 * @example
 * ```ts
 * import type { Compare } from '@pix2pix-ts/shape-types';
 * type R = Compare<65535, 65536>; // -1
 * ```
 */
export type Compare<A extends number, B extends number> = number extends A
  ? Ordering
  : number extends B
    ? Ordering
    : CompareDigits<NatString<`${A}`>, NatString<`${B}`>>;

/**
 * `true` when `A < B`, else `false`; `boolean` when either operand is the wide `number`.
 *
 * @example
 * ```ts
 * import type { IsLess } from '@pix2pix-ts/shape-types';
 * type R = IsLess<3, 10>; // true
 * ```
 */
export type IsLess<A extends number, B extends number> = number extends A
  ? boolean
  : number extends B
    ? boolean
    : CompareDigits<NatString<`${A}`>, NatString<`${B}`>> extends infer C
      ? C extends -1
        ? true
        : false
      : never;

/**
 * `true` when `A <= B`, else `false`; `boolean` when either operand is the wide `number`.
 *
 * @example
 * ```ts
 * import type { IsLessOrEqual } from '@pix2pix-ts/shape-types';
 * type R = IsLessOrEqual<10, 10>; // true
 * ```
 */
export type IsLessOrEqual<A extends number, B extends number> = number extends A
  ? boolean
  : number extends B
    ? boolean
    : CompareDigits<NatString<`${A}`>, NatString<`${B}`>> extends infer C
      ? C extends 1
        ? false
        : true
      : never;

/**
 * `true` when `A > B`, else `false`; `boolean` when either operand is the wide `number`.
 *
 * @example
 * ```ts
 * import type { IsGreater } from '@pix2pix-ts/shape-types';
 * type R = IsGreater<10, 3>; // true
 * ```
 */
export type IsGreater<A extends number, B extends number> = number extends A
  ? boolean
  : number extends B
    ? boolean
    : CompareDigits<NatString<`${A}`>, NatString<`${B}`>> extends infer C
      ? C extends 1
        ? true
        : false
      : never;

/**
 * `true` when `A >= B`, else `false`; `boolean` when either operand is the wide `number`.
 *
 * @example
 * ```ts
 * import type { IsGreaterOrEqual } from '@pix2pix-ts/shape-types';
 * type R = IsGreaterOrEqual<3, 10>; // false
 * ```
 */
export type IsGreaterOrEqual<A extends number, B extends number> = number extends A
  ? boolean
  : number extends B
    ? boolean
    : CompareDigits<NatString<`${A}`>, NatString<`${B}`>> extends infer C
      ? C extends -1
        ? false
        : true
      : never;

/**
 * `true` when `A` and `B` are the same natural number, else `false`; `boolean` when either operand is
 * the wide `number`.
 *
 * @example
 * ```ts
 * import type { IsEqual } from '@pix2pix-ts/shape-types';
 * type R = IsEqual<256, 256>; // true
 * ```
 */
export type IsEqual<A extends number, B extends number> = number extends A
  ? boolean
  : number extends B
    ? boolean
    : CompareDigits<NatString<`${A}`>, NatString<`${B}`>> extends infer C
      ? C extends 0
        ? true
        : false
      : never;

/**
 * The larger of two natural-number literals; `number` when either operand is the wide `number`.
 *
 * @example
 * ```ts
 * import type { Max } from '@pix2pix-ts/shape-types';
 * type R = Max<70, 142>; // 142
 * ```
 */
export type Max<A extends number, B extends number> = number extends A
  ? number
  : number extends B
    ? number
    : CompareDigits<NatString<`${A}`>, NatString<`${B}`>> extends infer C
      ? C extends -1
        ? B
        : A
      : never;

/**
 * The smaller of two natural-number literals; `number` when either operand is the wide `number`.
 *
 * @example
 * ```ts
 * import type { Min } from '@pix2pix-ts/shape-types';
 * type R = Min<70, 142>; // 70
 * ```
 */
export type Min<A extends number, B extends number> = number extends A
  ? number
  : number extends B
    ? number
    : CompareDigits<NatString<`${A}`>, NatString<`${B}`>> extends infer C
      ? C extends 1
        ? B
        : A
      : never;
