/**
 * Type-level addition of natural-number literals: schoolbook addition on digit strings.
 * @packageDocumentation
 */
import type { AddTable, Bit, Digit, NatString, Reverse, ToNumber } from './digits';

/**
 * Add two reversed digit strings (least significant digit first) with carry `C`; the sum comes out
 * reversed too (each new digit is appended to `Acc`). Once the shorter operand is used up and no carry is
 * pending, the rest of the longer one is copied in a single step.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = AddReversed<'99', '1'>; // '001'  (99 + 1 = 100)
 * ```
 */
export type AddReversed<
  A extends string,
  B extends string,
  C extends Bit = '0',
  Acc extends string = '',
> = A extends `${infer a extends Digit}${infer AR}`
  ? B extends `${infer b extends Digit}${infer BR}`
    ? AddTable[C][a][b] extends `${infer K extends Bit}${infer D}`
      ? AddReversed<AR, BR, K, `${Acc}${D}`>
      : never
    : C extends '0'
      ? `${Acc}${A}`
      : AddReversed<A, '0', C, Acc>
  : B extends ''
    ? C extends '0'
      ? Acc
      : `${Acc}1`
    : AddReversed<B, '', C, Acc>;

/**
 * Add two reversed digit strings; the sum comes out in normal order (most significant digit first).
 * `S` is the pending carry followed by the digits produced so far: each step prepends one
 * {@link AddTable} entry `` `${carryOut}${digit}` `` in place of the old carry.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * type R = AddToNormal<'99', '1'>; // '100'
 * ```
 */
export type AddToNormal<A extends string, B extends string, S extends string = '0'> = A extends `${infer a extends Digit}${infer AR}`
  ? B extends `${infer b extends Digit}${infer BR}`
    ? S extends `${infer C extends Bit}${infer O}`
      ? AddToNormal<AR, BR, `${AddTable[C][a][b]}${O}`>
      : never
    : S extends `0${infer O}`
      ? Reverse<A, O>
      : AddToNormal<A, '0', S>
  : B extends ''
    ? S extends `0${infer O}`
      ? O
      : S
    : AddToNormal<B, '', S>;

/**
 * `A + B` for natural-number literals, computed digit by digit (cost grows with the number of digits,
 * not the value). A wide `number` operand gives `number`; a negative or fractional literal gives `never`;
 * a sum beyond `Number.MAX_SAFE_INTEGER` that is not exactly representable gives `number`.
 *
 * @example
 * ```ts
 * import type { Add } from '@pix2pix-ts/shape-types';
 * type R = Add<123, 4567>; // 4690
 * ```
 */
export type Add<A extends number, B extends number> = number extends A
  ? number
  : number extends B
    ? number
    : ToNumber<AddToNormal<Reverse<NatString<`${A}`>>, Reverse<NatString<`${B}`>>>>;
