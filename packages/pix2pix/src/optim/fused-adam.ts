import * as tf from '@tensorflow/tfjs-core';
import { adamUpdate, type AdamUpdateAttrs } from '@pix2pix-ts/backends';
import { flattenTree, type ParamTree, unflattenTree, zipWithTree } from '@pix2pix-ts/layers';
import type { AdamState } from './adam';

/**
 * The scalars of one Adam step, computed in double precision by {@link adamStep}: the attributes of
 * `@pix2pix-ts/backends`' fused Adam kernel.
 *
 * @example
 * ```ts
 * import type { FusedAdamScalars } from '@pix2pix-ts/pix2pix';
 *
 * const s: FusedAdamScalars = { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: Math.sqrt(0.001) };
 * ```
 */
export type FusedAdamScalars = AdamUpdateAttrs;

/**
 * One Adam step with `@pix2pix-ts/backends`' fused Adam kernel (`adamUpdate`, which `useBackend`
 * registers on every backend): one kernel call per parameter, giving the new parameter and both
 * moments at once (the element-wise form takes ~13 kernels per parameter).
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
  const [m, v] = [new Map(flattenTree(state.m)), new Map(flattenTree(state.v))];
  const nextM = new Map<string, tf.Tensor>();
  const nextV = new Map<string, tf.Tensor>();
  const nextParams = zipWithTree(params, grads, (param, grad, path) => {
    const [mt, vt] = [m.get(path), v.get(path)];
    if (mt === undefined || vt === undefined) throw new Error(`adamStep: no moments for parameter '${path}'`);
    const [p1, m1, v1] = adamUpdate(param, grad, mt, vt, scalars);
    nextM.set(path, m1);
    nextV.set(path, v1);
    return p1;
  });
  return { params: nextParams, state: { step, m: unflattenTree(state.m, nextM), v: unflattenTree(state.v, nextV) } };
}
