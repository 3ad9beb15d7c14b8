import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer } from '../core/layer';
import type { IdentitySig } from '../core/signature';

const IDENTITY: IdentitySig = { op: 'identity' };

const pointwise = (name: string, f: (x: tf.Tensor) => tf.Tensor): Layer<IdentitySig> =>
  defineLayer(name, IDENTITY, {
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

/** `max(x, 0)`; the pix2pix decoder's activation. */
export const relu = (): Layer<IdentitySig> => pointwise('relu', (x) => tf.relu(x));

/** The hyperbolic tangent; the generator's output, in [-1, 1] like the images. */
export const tanh = (): Layer<IdentitySig> => pointwise('tanh', (x) => tf.tanh(x));

/** The logistic function; a discriminator with `gan_mode` other than vanilla may end with it. */
export const sigmoid = (): Layer<IdentitySig> => pointwise('sigmoid', (x) => tf.sigmoid(x));

/** The identity layer: handy as the innermost block of a recursive builder. */
export const identity = (): Layer<IdentitySig> => pointwise('identity', (x) => x);
