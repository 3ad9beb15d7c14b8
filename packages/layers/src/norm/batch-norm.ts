import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer } from '../core/layer';
import type { IdentitySig } from '../core/signature';
import { normal, type Initializer } from '../init/initializers';
import type { ParamTree } from '../tree/param-tree';
import { batchNormTrain } from './batch-norm-train';

/** Options of {@link batchNorm}; the defaults are PyTorch's `BatchNorm2d`. */
export interface BatchNormOptions {
  /** Weight of the newest batch in the running statistics (default 0.1). */
  readonly momentum?: number;
  readonly epsilon?: number;
  /** Gain initialiser (default `N(1, 0.02²)`, the official pix2pix init). */
  readonly gainInit?: Initializer;
}

/** Learned affine parameters of a batch norm, `[C]` each. */
export interface BatchNormParams {
  readonly gamma: tf.Tensor1D;
  readonly beta: tf.Tensor1D;
}

/** Running statistics of a batch norm, `[C]` each: explicit state, returned by `apply`. */
export interface BatchNormState {
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
}

/**
 * Batch normalisation over N, H and W, with PyTorch's semantics: normalise with the biased batch
 * variance; update the running variance with the unbiased one. With batch statistics in training
 * mode, `apply` returns new running statistics; otherwise the state is returned unchanged. With
 * batch statistics, the gradient is PyTorch's training-mode backward ({@link batchNormTrain}).
 *
 * @example
 * ```ts
 * import { batchNorm, key } from '@pix2pix-ts/layers';
 * const bn = batchNorm();
 * const { params, state } = bn.init(key(0), [2, 8, 8, 16]);
 * ```
 */
export function batchNorm(options: BatchNormOptions = {}): Layer<IdentitySig> {
  const momentum = options.momentum ?? 0.1;
  const epsilon = options.epsilon ?? 1e-5;
  const gainInit = options.gainInit ?? normal(0.02, 1);
  return defineLayer('batchNorm', { op: 'identity' }, {
    init(key, [, , , c = 0]) {
      const params: BatchNormParams = { gamma: gainInit(key, [c], { fanIn: c, fanOut: c }) as tf.Tensor1D, beta: tf.zeros([c]) };
      const state: BatchNormState = { mean: tf.zeros([c]), variance: tf.ones([c]) };
      return { params: params as unknown as ParamTree, state: state as unknown as ParamTree };
    },
    apply(params, state, x, ctx) {
      const p = params as unknown as BatchNormParams;
      const s = state as unknown as BatchNormState;
      const useBatch = ctx.batchStats ?? ctx.training;
      if (!useBatch) {
        return { y: tf.batchNorm(x as tf.Tensor4D, s.mean, s.variance, p.beta, p.gamma, epsilon), state };
      }
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      const y = batchNormTrain(x as tf.Tensor4D, mean as tf.Tensor1D, variance as tf.Tensor1D, p.gamma, p.beta, epsilon);
      if (!ctx.training) return { y, state };
      const count = x.size / (x.shape[3] ?? 1);
      const unbiased = count > 1 ? tf.mul(variance, count / (count - 1)) : variance;
      const next: BatchNormState = {
        mean: tf.add(tf.mul(s.mean, 1 - momentum), tf.mul(mean, momentum)) as tf.Tensor1D,
        variance: tf.add(tf.mul(s.variance, 1 - momentum), tf.mul(unbiased, momentum)) as tf.Tensor1D,
      };
      return { y, state: next as unknown as ParamTree };
    },
  });
}
