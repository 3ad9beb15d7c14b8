import type * as tf from '@tensorflow/tfjs-core';
import type { Shape } from '../shape/shape';

// The brand's name is what tsc prints when a plain `tf.Tensor` is passed where a shaped one is wanted
// ("Property '[shapeUnknown_useAssertShapeOrShaped]' is missing in type 'Tensor<Rank>'"): it says the fix.
declare const shapeUnknown_useAssertShapeOrShaped: unique symbol;

/**
 * A `tf.Tensor` whose shape `S` is known to the compiler. It is the same object at run time (a phantom
 * brand: zero cost on the hot path); only the type differs. Get one from {@link assertShape} at a
 * boundary, or from a layer's `apply`, which computes `S` of its output from `S` of its input.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { assertShape, type Tensor } from '@pix2pix-ts/shape-types';
 * import * as E from 'fp-ts/Either';
 * const x = assertShape(tf.zeros([1, 4, 4, 3]), [1, 4, 4, 3] as const);
 * if (E.isRight(x)) { const t: Tensor<readonly [1, 4, 4, 3]> = x.right; }
 * ```
 */
export type Tensor<S extends Shape = Shape> = tf.Tensor & { readonly [shapeUnknown_useAssertShapeOrShaped]: S };

/** The shape type carried by a {@link Tensor}. */
export type ShapeOf<T> = T extends { readonly [shapeUnknown_useAssertShapeOrShaped]: infer S extends Shape } ? S : never;

/**
 * Re-types a tensor without checking. For library internals whose output shape was already proven
 * (a layer's own `apply`); user code crosses the boundary with {@link assertShape}.
 */
export function unsafeTensor<S extends Shape>(x: tf.Tensor): Tensor<S> {
  return x as Tensor<S>;
}
