import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, NamedAttrMap } from '@tensorflow/tfjs-core';
import { LEAKY_RELU_GRAD } from '../registry/kernel-names';

/**
 * `dx = x > 0 ? dy : α·dy` by the fused {@link LEAKY_RELU_GRAD} kernel where the active backend has
 * it (cpu and wasm after `useBackend`), else by tfjs-core's own formula (`where(x > 0, dy, α·dy)`).
 */
function leakyGrad(dy: tf.Tensor, x: tf.Tensor, alpha: number): tf.Tensor {
  if (tf.getKernel(LEAKY_RELU_GRAD, tf.getBackend()) === undefined || dy.dtype !== 'float32') return tf.where(tf.greater(x, 0), dy, tf.mul(dy, alpha));
  const out = tf.engine().runKernel(LEAKY_RELU_GRAD, { dy, x }, { alpha });
  if (Array.isArray(out)) throw new Error(`${LEAKY_RELU_GRAD}: the kernel must return one tensor`);
  return out;
}

/** The one saved input of an activation's gradient (the engine saves what `inputsToSave` names). */
function savedInput(kernelName: string, saved: tf.Tensor[]): tf.Tensor {
  const [x] = saved;
  if (x === undefined) throw new Error(`${kernelName} gradient: x was not saved`); // unreachable: inputsToSave ['x']
  return x;
}

/** `dy` of a one-output kernel (the engine passes an array only for several outputs). */
const single = (dy: tf.Tensor | tf.Tensor[]): tf.Tensor => {
  const d = Array.isArray(dy) ? dy[0] : dy;
  if (d === undefined) throw new Error('activation gradient: no dy'); // unreachable
  return d;
};

/**
 * The gradient of `LeakyRelu` as one {@link LEAKY_RELU_GRAD} kernel where the backend has it
 * (tfjs-core's runs `Greater`, `Multiply` and `Select`); the same values as tfjs-core's.
 *
 * @example
 * ```ts
 * import { leakyReluFusedGradConfig } from '@pix2pix-ts/backends';
 *
 * leakyReluFusedGradConfig.kernelName; // 'LeakyRelu'
 * ```
 */
export const leakyReluFusedGradConfig: GradConfig = {
  kernelName: tf.LeakyRelu,
  inputsToSave: ['x'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: NamedAttrMap) => {
    const x = savedInput(tf.LeakyRelu, saved);
    const alpha = attrs['alpha'];
    if (typeof alpha !== 'number') throw new Error(`${tf.LeakyRelu} gradient: attribute 'alpha' must be a number`);
    return { x: () => leakyGrad(single(dy), x, alpha) };
  },
};

/**
 * The gradient of `Relu` as one {@link LEAKY_RELU_GRAD} kernel with α = 0 where the backend has it
 * (tfjs-core's runs `Step`, `Cast` and `Multiply`). It differs from tfjs-core's only where `x` is
 * NaN (0 here, NaN there).
 *
 * @example
 * ```ts
 * import { reluFusedGradConfig } from '@pix2pix-ts/backends';
 *
 * reluFusedGradConfig.kernelName; // 'Relu'
 * ```
 */
export const reluFusedGradConfig: GradConfig = {
  kernelName: tf.Relu,
  inputsToSave: ['x'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
    const x = savedInput(tf.Relu, saved);
    return { x: () => leakyGrad(single(dy), x, 0) };
  },
};
