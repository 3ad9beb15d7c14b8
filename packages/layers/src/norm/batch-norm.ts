import { batchNormTraining } from '@pix2pix-ts/backends';
import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer } from '../core/layer';
import { normal, type Initializer } from '../init/initializers';
import { normRules, type NormSigBase, type PerChannel } from './norm-sig';

/** Options of {@link batchNorm}; the defaults are PyTorch's `BatchNorm2d`. */
export interface BatchNormOptions<C extends number = number> {
  /** Channels (`num_features`); default: whatever the input has. When given, a different input is a shape error. */
  readonly channels?: C | undefined;
  /** Weight of the newest batch in the running statistics (default 0.1). */
  readonly momentum?: number;
  readonly epsilon?: number;
  /** Gain initialiser (default `N(1, 0.02²)`, the official pix2pix init). */
  readonly gainInit?: Initializer;
}

/** Signature of a {@link batchNorm}: params `{ gamma, beta }` and state `{ mean, variance }`, `Tensor<[C]>` each. */
export interface BatchNormSig<C extends number = number> extends NormSigBase<'batchNorm', C> {
  readonly '~params'?: BatchNormParamsOf<this['~in'], C>;
  readonly '~state'?: BatchNormStateOf<this['~in'], C>;
}

/** Type level: a batch norm's params on input `S`: `{ gamma, beta }`, `Tensor<[C]>` each. */
export type BatchNormParamsOf<S, C extends number> = { readonly gamma: PerChannel<S, C>; readonly beta: PerChannel<S, C> };

/** Type level: a batch norm's running statistics on input `S`: `{ mean, variance }`, `Tensor<[C]>` each. */
export type BatchNormStateOf<S, C extends number> = { readonly mean: PerChannel<S, C>; readonly variance: PerChannel<S, C> };

/** Learned affine parameters of a batch norm, `[C]` each (the implementation's view). */
export type BatchNormParams = {
  readonly gamma: tf.Tensor1D;
  readonly beta: tf.Tensor1D;
};

/** Running statistics of a batch norm, `[C]` each: explicit state, returned by `apply`. */
export type BatchNormState = {
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
};

/**
 * Batch normalisation over N, H and W, with PyTorch's semantics: normalise with the biased batch
 * variance; update the running variance with the unbiased one. With batch statistics in training
 * mode, `apply` returns new running statistics; otherwise the state is returned unchanged. With
 * batch statistics, the gradient is PyTorch's training-mode backward (`batchNormTraining` of
 * `@pix2pix-ts/backends`: one fused kernel each way on cpu and wasm after `useBackend`).
 *
 * @example
 * ```ts
 * import { batchNorm, key } from '@pix2pix-ts/layers';
 * const bn = batchNorm({ channels: 16 });
 * const { params, state } = bn.init(key(0), [2, 8, 8, 16]); // params.gamma: Tensor<readonly [16]>
 * ```
 */
export function batchNorm<const C extends number = number>(options: BatchNormOptions<C> = {}): Layer<BatchNormSig<C>> {
  const momentum = options.momentum ?? 0.1;
  const epsilon = options.epsilon ?? 1e-5;
  const gainInit = options.gainInit ?? normal(0.02, 1);
  const sig: BatchNormSig<C> = { op: 'batchNorm', ...normRules('batchNorm', options.channels) };
  return defineLayer<BatchNormSig<C>, BatchNormParams, BatchNormState>('batchNorm', sig, {
    init(key, [, , , c = 0]) {
      const params: BatchNormParams = { gamma: gainInit(key, [c], { fanIn: c, fanOut: c }) as tf.Tensor1D, beta: tf.zeros([c]) };
      const state: BatchNormState = { mean: tf.zeros([c]), variance: tf.ones([c]) };
      return { params, state };
    },
    apply(p, s, x, ctx) {
      const useBatch = ctx.batchStats ?? ctx.training;
      if (!useBatch) {
        return { y: tf.batchNorm(x as tf.Tensor4D, s.mean, s.variance, p.beta, p.gamma, epsilon), state: s };
      }
      // One fused kernel each way on cpu and wasm: statistics, output and running statistics.
      const { y, running } = batchNormTraining(x as tf.Tensor4D, p.gamma, p.beta, s, { epsilon, momentum });
      // Batch statistics at test time leave the state as it was (apply's tidy frees `running`).
      return { y, state: ctx.training ? running : s };
    },
  });
}
