/**
 * Recognising natural-number literals at the type level.
 * @packageDocumentation
 */

/**
 * `true` when `N` is a non-negative integer literal (`0`, `1`, `65536`, …), `false` for negative or
 * fractional literals, exponent-form literals (`1e21` and above) and non-numbers, `boolean` for the wide
 * `number`. Constant cost: one template-literal match, no recursion. Distributes over unions.
 *
 * @example
 * ```ts
 * import type { IsNat } from '@pix2pix-ts/shape-types';
 * type A = IsNat<256>;    // true
 * type B = IsNat<-1>;     // false
 * type C = IsNat<0.5>;    // false
 * type D = IsNat<number>; // boolean
 * ```
 */
export type IsNat<N> = N extends number
  ? number extends N
    ? boolean
    : `${N}` extends `-${string}`
      ? false
      : `${N}` extends `${bigint}`
        ? true
        : false
  : false;
