/**
 * Type-level subtraction of natural-number literals: schoolbook subtraction with borrows on digit strings.
 * @packageDocumentation
 */
import type {
  Bit,
  Digit,
  NatString,
  Reverse,
  StripLeadingZeros,
  StripTrailingZeros,
  SubTable,
  ToNumber,
} from './digits';

/**
 * `A - B` on reversed digit strings (least significant digit first) with borrow `C`; the difference comes
 * out reversed with its high zeros stripped (so zero is `''`), or `'-'` when `B > A`. This is the probe
 * of long division.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = SubReversed<'001', '1'>; // '99'  (100 - 1)
 * type N = SubReversed<'1', '2'>;   // '-'
 * ```
 */
export type SubReversed<
  A extends string,
  B extends string,
  C extends Bit = '0',
  Acc extends string = '',
> = A extends `${infer a extends Digit}${infer AR}`
  ? B extends `${infer b extends Digit}${infer BR}`
    ? SubTable[C][a][b] extends `${infer K extends Bit}${infer D}`
      ? SubReversed<AR, BR, K, `${Acc}${D}`>
      : never
    : C extends '0'
      ? StripTrailingZeros<`${Acc}${A}`>
      : SubReversed<A, '0', C, Acc>
  : B extends ''
    ? C extends '0'
      ? StripTrailingZeros<Acc>
      : '-'
    : '-';

/**
 * `A - B` on reversed digit strings; the difference comes out in normal order, possibly with leading
 * zeros, or `'-'` when `B > A`. `S` is the pending borrow followed by the digits produced so far (see
 * {@link SubTable}).
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = SubToNormal<'001', '1'>; // '099'
 * ```
 */
export type SubToNormal<A extends string, B extends string, S extends string = '0'> = A extends `${infer a extends Digit}${infer AR}`
  ? B extends `${infer b extends Digit}${infer BR}`
    ? S extends `${infer C extends Bit}${infer O}`
      ? SubToNormal<AR, BR, `${SubTable[C][a][b]}${O}`>
      : never
    : S extends `0${infer O}`
      ? Reverse<A, O>
      : SubToNormal<A, '0', S>
  : B extends ''
    ? S extends `0${infer O}`
      ? O
      : '-'
    : '-';

/**
 * `A - B` for natural-number literals, or `never` when `B > A` (the naturals are not closed under
 * subtraction). Computed digit by digit; a wide `number` operand gives `number`.
 *
 * @example
 * ```ts
 * import type { Sub } from '@pix2pix-ts/shape-types';
 * type R = Sub<65536, 1>; // 65535
 * type N = Sub<1, 2>;     // never
 * ```
 */
export type Sub<A extends number, B extends number> = number extends A
  ? number
  : number extends B
    ? number
    : SubToNormal<Reverse<NatString<`${A}`>>, Reverse<NatString<`${B}`>>> extends infer D extends string
      ? D extends '-'
        ? never
        : ToNumber<StripLeadingZeros<D>>
      : never;
