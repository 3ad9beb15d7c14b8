import type { NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { LEAKY_RELU_GRAD } from '../registry/kernel-names';

/**
 * The gradient of `max(x, αx)` (α = 0: `relu`) over flat arrays: `dx = x > 0 ? dy : α·dy`.
 *
 * @example
 * ```ts
 * import { leakyReluGradArrays } from '@pix2pix-ts/backends';
 *
 * const dx = new Float32Array(2);
 * leakyReluGradArrays(Float32Array.of(1, 1), Float32Array.of(-2, 3), 0.2, dx); // dx [0.2, 1]
 * ```
 */
export function leakyReluGradArrays(dy: Float32Array, x: Float32Array, alpha: number, dx: Float32Array): void {
  const n = dx.length;
  // α as the float32 tfjs multiplies by, so that α·dy rounds to exactly tfjs-core's value.
  const a = Math.fround(alpha);
  for (let i = 0; i < n; i++) {
    // Every index is below the three arrays' length (the kernels check that the shapes agree).
    const d = dy[i] as number;
    dx[i] = (x[i] as number) > 0 ? d : a * d;
  }
}

/**
 * The inputs and attribute of {@link LEAKY_RELU_GRAD}, checked: float32 `dy` and `x` of one shape,
 * a numeric `alpha`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { leakyReluGradInputs } from '@pix2pix-ts/backends';
 *
 * leakyReluGradInputs({ dy: tf.ones([2]), x: tf.ones([2]) }, { alpha: 0.2 }).alpha; // 0.2
 * ```
 */
export function leakyReluGradInputs(
  inputs: NamedTensorInfoMap,
  attrs: Readonly<Record<string, unknown>> | undefined,
): { readonly dy: TensorInfo; readonly x: TensorInfo; readonly alpha: number } {
  const { dy, x } = inputs;
  if (dy === undefined || x === undefined) throw new Error(`${LEAKY_RELU_GRAD}: inputs 'dy' and 'x' are required`);
  if (dy.dtype !== 'float32' || x.dtype !== 'float32') throw new Error(`${LEAKY_RELU_GRAD}: dy and x must be float32, got ${dy.dtype} and ${x.dtype}`);
  if (dy.shape.join(',') !== x.shape.join(',')) throw new Error(`${LEAKY_RELU_GRAD}: dy [${dy.shape.join(', ')}] and x [${x.shape.join(', ')}] differ`);
  const alpha = attrs?.['alpha'];
  if (typeof alpha !== 'number') throw new Error(`${LEAKY_RELU_GRAD}: attribute 'alpha' must be a number`);
  return { dy, x, alpha };
}
