import type { Add } from './add';
import type { Mul } from './multiply';

/**
 * Value level `a · b` typed as the type-level product `Mul<A, B>`, so a builder that derives channel counts
 * from its arguments (`ngf * 8`) keeps them as literals (or as the deferred `Mul<Ngf, 8>` in generic code)
 * instead of widening to `number`. The types agree with the values: `Mul` is property-tested against
 * JavaScript's `*` (test/nat).
 *
 * @example
 * ```ts
 * import { mulNat } from '@pix2pix-ts/shape-types';
 * const c = mulNat(64, 8); // 512, typed 512
 * ```
 */
export function mulNat<const A extends number, const B extends number>(a: A, b: B): Mul<A, B> {
  // The one place a product meets its type: Mul<A, B> is the type-level twin of `*` on naturals.
  return (a * b) as Mul<A, B>;
}

/**
 * Value level `a + b` typed as `Add<A, B>` (see {@link mulNat}).
 *
 * @example
 * ```ts
 * import { addNat } from '@pix2pix-ts/shape-types';
 * const c = addNat(3, 3); // 6, typed 6
 * ```
 */
export function addNat<const A extends number, const B extends number>(a: A, b: B): Add<A, B> {
  // The one place a sum meets its type: Add<A, B> is the type-level twin of `+` on naturals.
  return (a + b) as Add<A, B>;
}
