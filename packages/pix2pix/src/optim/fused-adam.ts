import * as tf from '@tensorflow/tfjs-core';
import { flattenTree, type ParamTree, unflattenTree, zipWithTree } from '@pix2pix-ts/layers';
import type { AdamState } from './adam';

/**
 * The name of the fused Adam kernel `@pix2pix-ts/backends` registers on cpu and wasm, and
 * `@pix2pix-ts/browser`'s `setupWebgl` on webgl (its `ADAM_UPDATE`; this package does not depend on that one, so the name is the contract). Inputs
 * `{ param, grad, m, v }`, attributes `{ beta1, beta2, epsilon, stepSize, sqrtBc2 }`, outputs
 * `[param', m', v']`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { ADAM_UPDATE_KERNEL } from '@pix2pix-ts/pix2pix';
 *
 * tf.getKernel(ADAM_UPDATE_KERNEL, tf.getBackend()) !== undefined; // true after useBackend('cpu' | 'wasm')
 * ```
 */
export const ADAM_UPDATE_KERNEL = 'Pix2PixAdamUpdate';

/** The scalars of one Adam step, computed in double precision by {@link adamStep}. */
export interface FusedAdamScalars {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly stepSize: number;
  readonly sqrtBc2: number;
}

/**
 * One Adam step with {@link ADAM_UPDATE_KERNEL}: one kernel call per parameter, giving the new
 * parameter and both moments at once (the element-wise form takes ~13 kernels per parameter).
 * Returns new trees; the inputs are untouched.
 *
 * @param step the step count after this update
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { useBackend } from '@pix2pix-ts/backends';
 * import { adamInit, fusedAdamStep } from '@pix2pix-ts/pix2pix';
 *
 * await useBackend('cpu');
 * const p = { w: tf.ones([3]) };
 * const next = fusedAdamStep(p, { w: tf.ones([3]) }, adamInit(p), { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: Math.sqrt(0.001) }, 1);
 * ```
 */
export function fusedAdamStep(
  params: ParamTree,
  grads: ParamTree,
  state: AdamState,
  scalars: FusedAdamScalars,
  step: number,
): { readonly params: ParamTree; readonly state: AdamState } {
  const attrs = { ...scalars };
  const [m, v] = [new Map(flattenTree(state.m)), new Map(flattenTree(state.v))];
  const nextM = new Map<string, tf.Tensor>();
  const nextV = new Map<string, tf.Tensor>();
  const nextParams = zipWithTree(params, grads, (param, grad, path) => {
    const [mt, vt] = [m.get(path), v.get(path)];
    if (mt === undefined || vt === undefined) throw new Error(`adamStep: no moments for parameter '${path}'`);
    const out = tf.engine().runKernel(ADAM_UPDATE_KERNEL, { param, grad, m: mt, v: vt }, attrs);
    const [p1, m1, v1] = Array.isArray(out) ? out : [];
    if (p1 === undefined || m1 === undefined || v1 === undefined) throw new Error(`adamStep: kernel ${ADAM_UPDATE_KERNEL} must return 3 tensors`);
    nextM.set(path, m1);
    nextV.set(path, v1);
    return p1;
  });
  return { params: nextParams, state: { step, m: unflattenTree(state.m, nextM), v: unflattenTree(state.v, nextV) } };
}
