import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer } from '../core/layer';
import type { NoParams } from '../core/signature';
import { normRules, type NormSigBase, type PerChannel } from './norm-sig';

/** Options of {@link instanceNorm}; the defaults are the official pix2pix's `InstanceNorm2d(affine=False)`. */
export interface InstanceNormOptions<C extends number = number> {
  /** Channels (`num_features`); default: whatever the input has. When given, a different input is a shape error. */
  readonly channels?: C | undefined;
  readonly epsilon?: number;
  /** Learn a per-channel gain and bias (default false, as the official code). */
  readonly affine?: boolean;
}

/** Signature of an {@link instanceNorm}: params `{ gamma, beta }` (`Tensor<[C]>`) when affine, `{}` otherwise; no state. */
export interface InstanceNormSig<C extends number = number> extends NormSigBase<'instanceNorm', C> {
  readonly '~params'?: InstanceNormParamsOf<this['~in'], C>;
  readonly '~state'?: NoParams;
}

/** Type level: an instance norm's params on input `S`: `{ gamma, beta }` (`Tensor<[C]>`) when affine, else `{}`. */
export type InstanceNormParamsOf<S, C extends number> = { readonly gamma?: PerChannel<S, C>; readonly beta?: PerChannel<S, C> };

/** Parameters of an instance norm as its implementation sees them. */
type InstanceNormParams = { readonly gamma?: tf.Tensor1D; readonly beta?: tf.Tensor1D };

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
export function instanceNorm<const C extends number = number>(
  options: InstanceNormOptions<C> = {},
): Layer<InstanceNormSig<C>> {
  const epsilon = options.epsilon ?? 1e-5;
  const affine = options.affine ?? false;
  const sig: InstanceNormSig<C> = { op: 'instanceNorm', ...normRules('instanceNorm', options.channels) };
  return defineLayer<InstanceNormSig<C>, InstanceNormParams, NoParams>('instanceNorm', sig, {
    init(_key, [, , , c = 0]) {
      const params: InstanceNormParams = affine ? { gamma: tf.ones([c]), beta: tf.zeros([c]) } : {};
      return { params, state: {} };
    },
    apply(p, state, x) {
      const { mean, variance } = tf.moments(x, [1, 2], true);
      const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
      if (p.gamma === undefined || p.beta === undefined) return { y: normalised, state };
      return { y: tf.add(tf.mul(normalised, p.gamma), p.beta), state };
    },
  });
}
