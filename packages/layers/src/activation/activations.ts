import * as tf from '@tensorflow/tfjs-core';
import { IDENTITY_SIG, type IdentitySig } from '../core/identity-sig';
import { defineLayer, type Layer } from '../core/layer';
import type { NoParams } from '../core/signature';

const pointwise = (name: string, f: (x: tf.Tensor) => tf.Tensor): Layer<IdentitySig> =>
  defineLayer<IdentitySig, NoParams, NoParams>(name, IDENTITY_SIG, {
    init: () => ({ params: {}, state: {} }),
    apply: (_params, state, x) => ({ y: f(x), state }),
  });

/**
 * `max(x, αx)`; the pix2pix encoder and discriminator use α = 0.2.
 *
 * @example
 * ```ts
 * import { leakyRelu } from '@pix2pix-ts/layers';
 * const act = leakyRelu(0.2);
 * ```
 */
export const leakyRelu = (alpha = 0.2): Layer<IdentitySig> => pointwise(`leakyRelu(${alpha})`, (x) => tf.leakyRelu(x, alpha));

/**
 * `max(x, 0)`; the pix2pix decoder's activation.
 *
 * @example
 * ```ts
 * import { relu } from '@pix2pix-ts/layers';
 * const act = relu();
 * ```
 */
export const relu = (): Layer<IdentitySig> => pointwise('relu', (x) => tf.relu(x));

/**
 * The hyperbolic tangent; the generator's output, in [-1, 1] like the images.
 *
 * @example
 * ```ts
 * import { tanh } from '@pix2pix-ts/layers';
 * const out = tanh();
 * ```
 */
export const tanh = (): Layer<IdentitySig> => pointwise('tanh', (x) => tf.tanh(x));

/**
 * The logistic function; a discriminator with `gan_mode` other than vanilla may end with it.
 *
 * @example
 * ```ts
 * import { sigmoid } from '@pix2pix-ts/layers';
 * const out = sigmoid();
 * ```
 */
export const sigmoid = (): Layer<IdentitySig> => pointwise('sigmoid', (x) => tf.sigmoid(x));

/**
 * The identity layer: handy as the innermost block of a recursive builder, or as `norm: none`.
 *
 * @example
 * ```ts
 * import { identity, key } from '@pix2pix-ts/layers';
 * identity().init(key(0), [1, 4, 4, 3]).outputShape; // readonly [1, 4, 4, 3]
 * ```
 */
export const identity = (): Layer<IdentitySig> => pointwise('identity', (x) => x);
