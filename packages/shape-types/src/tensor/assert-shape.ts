import type * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import type { Shape } from '../shape/shape';
import { naturalDims } from '../shape/natural-dims';
import { ShapeErrorException, shapeMismatch, type ShapeError } from '../shape/shape-error';
import type { Tensor } from './tensor';

/**
 * What `assertShape` accepts as the expected shape: a dim, or `null` for "any size" (typed `number`).
 */
export type ExpectedShape = readonly (number | null)[];

/** The shape type proven by {@link assertShape}: `null` wildcards become `number`. */
export type Asserted<E extends ExpectedShape> = { readonly [K in keyof E]: E[K] extends null ? number : E[K] };

/**
 * Checks a tensor's run-time shape against `expected` at a boundary (data from disk, user input) and
 * returns it typed. Every dim is checked at run time, literal or not: a dim that the compiler cannot
 * know is never silently accepted. `null` accepts any size for that axis (typed `number`). An expected
 * dim that cannot be a size (NaN, fractional, negative: usually a bad option) is refused with its axis named.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { assertShape } from '@pix2pix-ts/shape-types';
 * const r = assertShape(tf.zeros([2, 32, 32, 3]), [null, 64, 64, 3] as const, 'input');
 * // Left: 'input: height 64 ≠ 32, width 64 ≠ 32 (expected [*, 64, 64, 3], got [2, 32, 32, 3])'
 * ```
 */
export function assertShape<const E extends ExpectedShape>(
  x: tf.Tensor,
  expected: E,
  where = 'assertShape',
): E.Either<ShapeError, Tensor<Extract<Asserted<E>, Shape>>> {
  const valid = naturalDims(where, expected);
  if (E.isLeft(valid)) return valid;
  const actual = x.shape;
  const ok = actual.length === expected.length && expected.every((d, i) => d === null || d === actual[i]);
  return ok ? E.right(x as Tensor<Extract<Asserted<E>, Shape>>) : E.left(shapeMismatch(where, expected, actual));
}

/**
 * {@link assertShape} for code that prefers exceptions (examples, tests, scripts): returns the typed
 * tensor or throws a `ShapeErrorException` with the same message.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { shaped } from '@pix2pix-ts/shape-types';
 * const x = shaped(tf.zeros([1, 8, 8, 3]), [1, 8, 8, 3]); // Tensor<readonly [1, 8, 8, 3]>
 * ```
 */
export function shaped<const E extends ExpectedShape>(x: tf.Tensor, expected: E, where = 'shaped'): Tensor<Extract<Asserted<E>, Shape>> {
  const r = assertShape(x, expected, where);
  if (E.isLeft(r)) throw new ShapeErrorException(r.left);
  return r.right;
}
