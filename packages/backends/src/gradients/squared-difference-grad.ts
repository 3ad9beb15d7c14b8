import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';

/**
 * Sums a broadcast gradient back down to the shape of the input it was broadcast from.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { unbroadcast } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * unbroadcast(tf.ones([2, 3]), [1, 3]).print(); // [[2, 2, 2]]
 * ```
 */
export function unbroadcast(grad: Tensor, shape: readonly number[]): Tensor {
  const axes = tf.backend_util.getReductionAxes([...shape], grad.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(grad, axes) : grad, [...shape]);
}

/**
 * A correct `SquaredDifference` gradient: `2(a−b)·dy` for `a` and `2(b−a)·dy` for `b`, each summed
 * back to its input's shape. tfjs-core's omits that reduction, so `tf.grad` through
 * `tf.squaredDifference(x, mean)` with a broadcast operand (the usual way to write a variance)
 * throws "gradient of input 'b' has shape … which does not match". Installed by
 * {@link registerGradientFixes} (global, all backends).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { squaredDifferenceGradConfig } from '@pix2pix-ts/backends';
 *
 * tf.unregisterGradient(squaredDifferenceGradConfig.kernelName);
 * tf.registerGradient(squaredDifferenceGradConfig);
 * ```
 */
export const squaredDifferenceGradConfig: GradConfig = {
  kernelName: tf.SquaredDifference,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved) => {
    const [a, b] = saved;
    // SquaredDifference has one output, so one dy, and saves exactly its two inputs.
    const grad = Array.isArray(dy) ? dy[0] : dy;
    if (grad === undefined || a === undefined || b === undefined) throw new Error('SquaredDifference gradient: missing tensors');
    return {
      a: () => unbroadcast(tf.mul(grad, tf.mul(2, tf.sub(a, b))), a.shape),
      b: () => unbroadcast(tf.mul(grad, tf.mul(2, tf.sub(b, a))), b.shape),
    };
  },
};
