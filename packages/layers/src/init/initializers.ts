import * as tf from '@tensorflow/tfjs-core';
import { seedOf, type Key } from '../random/key';

/** Fan-in and fan-out of a weight, computed the way PyTorch does (`_calculate_fan_in_and_fan_out`). */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/** Makes a weight tensor of `shape` from a key. Initialisation is a pure function of the key. */
export type Initializer = (key: Key, shape: readonly number[], fans: Fans) => tf.Tensor;

/**
 * `N(mean, std²)`: the official pix2pix `init_type='normal'` uses std 0.02 for conv weights and
 * `N(1, 0.02²)` for batch-norm gains.
 *
 * @example
 * ```ts
 * import { key, normal } from '@pix2pix-ts/layers';
 * const w = normal(0.02)(key(0), [4, 4, 3, 64], { fanIn: 48, fanOut: 1024 });
 * ```
 */
export const normal =
  (std = 0.02, mean = 0): Initializer =>
  (key, shape) =>
    tf.randomNormal([...shape], mean, std, 'float32', seedOf(key));

/** Xavier/Glorot normal with `gain` (official `init_type='xavier'`: gain = init_gain). */
export const xavierNormal =
  (gain = 0.02): Initializer =>
  (key, shape, { fanIn, fanOut }) =>
    tf.randomNormal([...shape], 0, gain * Math.sqrt(2 / (fanIn + fanOut)), 'float32', seedOf(key));

/** Kaiming/He normal, `a = 0`, fan-in mode (official `init_type='kaiming'`). */
export const kaimingNormal =
  (): Initializer =>
  (key, shape, { fanIn }) =>
    tf.randomNormal([...shape], 0, Math.sqrt(2 / fanIn), 'float32', seedOf(key));

/** All zeros (biases). */
export const zerosInit: Initializer = (_key, shape) => tf.zeros([...shape]);
