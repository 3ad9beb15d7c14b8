import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer } from '../core/layer';
import type { IdentitySig } from '../core/signature';
import type { ParamTree } from '../tree/param-tree';

/** Options of {@link instanceNorm}; the defaults are the official pix2pix's `InstanceNorm2d(affine=False)`. */
export interface InstanceNormOptions {
  readonly epsilon?: number;
  /** Learn a per-channel gain and bias (default false, as the official code). */
  readonly affine?: boolean;
}

/**
 * Instance normalisation: each image and channel normalised over H and W with its own statistics, in
 * training and at test time alike (no running statistics, as `track_running_stats=False`).
 *
 * @example
 * ```ts
 * import { instanceNorm, key } from '@pix2pix-ts/layers';
 * const { params } = instanceNorm().init(key(0), [1, 8, 8, 16]); // {} (no affine)
 * ```
 */
export function instanceNorm(options: InstanceNormOptions = {}): Layer<IdentitySig> {
  const epsilon = options.epsilon ?? 1e-5;
  const affine = options.affine ?? false;
  return defineLayer('instanceNorm', { op: 'identity' }, {
    init(_key, [, , , c = 0]) {
      const params: ParamTree = affine ? { gamma: tf.ones([c]), beta: tf.zeros([c]) } : {};
      return { params, state: {} };
    },
    apply(params, state, x) {
      const { mean, variance } = tf.moments(x, [1, 2], true);
      const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
      if (!affine) return { y: normalised, state };
      const p = params as { readonly gamma: tf.Tensor1D; readonly beta: tf.Tensor1D };
      return { y: tf.add(tf.mul(normalised, p.gamma), p.beta), state };
    },
  });
}
