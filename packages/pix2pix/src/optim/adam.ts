import * as tf from '@tensorflow/tfjs-core';
import { mapTree, type ParamTree, zipWithTree } from '@pix2pix-ts/layers';
import { hasAdamUpdate } from '@pix2pix-ts/backends';
import { fusedAdamStep } from './fused-adam';

/** Adam's hyper-parameters; the defaults are the paper's (lr 2e-4, β1 0.5) and PyTorch's (β2, eps). */
export interface AdamConfig {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** The paper's Adam settings. */
export const PAPER_ADAM: AdamConfig = { lr: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 };

/** Adam's moments and step count: explicit state, same tree structure as the parameters. */
export interface AdamState {
  readonly step: number;
  readonly m: ParamTree;
  readonly v: ParamTree;
}

/**
 * Fresh Adam state (zero moments) for `params`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { adamInit } from '@pix2pix-ts/pix2pix';
 * const s = adamInit({ w: tf.ones([3]) }); // { step: 0, m: { w: 0s }, v: { w: 0s } }
 * ```
 */
export function adamInit(params: ParamTree): AdamState {
  return { step: 0, m: mapTree(params, (t) => tf.zerosLike(t)), v: mapTree(params, (t) => tf.zerosLike(t)) };
}

/**
 * One Adam step, a pure function of (params, grads, state): PyTorch's bias-corrected form
 * `p -= (lr / (1 - β1ᵗ)) · m / (√v / √(1 - β2ᵗ) + ε)`. Returns new trees; the inputs are untouched
 * (the caller disposes them when done). Where the backend has `@pix2pix-ts/backends`' fused Adam kernel
 * (`useBackend` registers it on cpu, wasm, webgl and webgpu), each parameter is updated by one kernel
 * call ({@link fusedAdamStep}); elsewhere (a backend started without `useBackend`) by element-wise tfjs ops.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { adamInit, adamStep, PAPER_ADAM } from '@pix2pix-ts/pix2pix';
 * const p = { w: tf.ones([3]) };
 * const next = adamStep(p, { w: tf.ones([3]) }, adamInit(p), PAPER_ADAM);
 * ```
 */
export function adamStep(
  params: ParamTree,
  grads: ParamTree,
  state: AdamState,
  config: AdamConfig,
  lr: number = config.lr,
): { readonly params: ParamTree; readonly state: AdamState } {
  const { beta1, beta2, epsilon } = config;
  const step = state.step + 1;
  const stepSize = lr / (1 - beta1 ** step);
  const sqrtBc2 = Math.sqrt(1 - beta2 ** step);
  if (hasAdamUpdate()) {
    return fusedAdamStep(params, grads, state, { beta1, beta2, epsilon, stepSize, sqrtBc2 }, step);
  }
  const m = zipWithTree(state.m, grads, (mt, g) => tf.tidy(() => tf.add(tf.mul(mt, beta1), tf.mul(g, 1 - beta1))));
  const v = zipWithTree(state.v, grads, (vt, g) => tf.tidy(() => tf.add(tf.mul(vt, beta2), tf.mul(tf.square(g), 1 - beta2))));
  const mv = zipWithTree(m, v, (mt, vt) => tf.tidy(() => tf.div(mt, tf.add(tf.div(tf.sqrt(vt), sqrtBc2), epsilon))));
  const next = zipWithTree(params, mv, (p, u) => tf.tidy(() => tf.sub(p, tf.mul(u, stepSize))));
  mapTree(mv, (t) => {
    t.dispose();
    return t;
  });
  return { params: next, state: { step, m, v } };
}
