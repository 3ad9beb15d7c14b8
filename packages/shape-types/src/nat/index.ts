/**
 * Type-level natural-number arithmetic on number literals, computed with decimal digit strings
 * (cost grows with the number of digits, not the value). Wide `number` operands degrade to `number`
 * (`boolean` for predicates) so callers can fall back to run-time checks.
 *
 * @example
 * ```ts
 * import type { Add, FloorDiv, Mul, Sub } from '@pix2pix-ts/shape-types';
 * type H = Add<FloorDiv<Sub<258, 4>, 2>, 1>; // 128
 * type C = Mul<512, 2>;                      // 1024
 * ```
 * @packageDocumentation
 */
export type { Add } from './add';
export type { Sub } from './subtract';
export type { Mul } from './multiply';
export type { FloorDiv, Mod } from './divide';
export type {
  Compare,
  IsEqual,
  IsGreater,
  IsGreaterOrEqual,
  IsLess,
  IsLessOrEqual,
  Max,
  Min,
} from './compare';
export type { IsNat } from './is-nat';
