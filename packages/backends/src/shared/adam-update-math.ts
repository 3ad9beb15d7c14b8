import type { NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { ADAM_UPDATE } from '../registry/kernel-names';

/**
 * The scalars of one Adam step, precomputed in double precision by the caller: the moments'
 * decay rates, PyTorch's `eps`, the bias-corrected step size `lr / (1 − β1ᵗ)` and `√(1 − β2ᵗ)`.
 *
 * @example
 * ```ts
 * import type { AdamUpdateAttrs } from '@pix2pix-ts/backends';
 *
 * const t = 1;
 * const a: AdamUpdateAttrs = { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 2e-4 / (1 - 0.5 ** t), sqrtBc2: Math.sqrt(1 - 0.999 ** t) };
 * ```
 */
export interface AdamUpdateAttrs {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly stepSize: number;
  readonly sqrtBc2: number;
}

/**
 * Reads {@link AdamUpdateAttrs} from a kernel's attribute map, failing clearly on a missing one.
 *
 * @example
 * ```ts
 * import { adamUpdateAttrs } from '@pix2pix-ts/backends';
 *
 * adamUpdateAttrs({ beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: 0.03 }).stepSize; // 4e-4
 * ```
 */
export function adamUpdateAttrs(attrs: Readonly<Record<string, unknown>> | undefined): AdamUpdateAttrs {
  const num = (k: keyof AdamUpdateAttrs): number => {
    const v = attrs?.[k];
    if (typeof v !== 'number') throw new Error(`${ADAM_UPDATE}: attribute '${k}' must be a number`);
    return v;
  };
  return { beta1: num('beta1'), beta2: num('beta2'), epsilon: num('epsilon'), stepSize: num('stepSize'), sqrtBc2: num('sqrtBc2') };
}

/**
 * One Adam step over flat arrays, element by element, in PyTorch's bias-corrected form:
 *
 * `m' = β1·m + (1−β1)·g`, `v' = β2·v + (1−β2)·g²`, `p' = p − stepSize · m' / (√v' / sqrtBc2 + ε)`
 * (computed as `p − (stepSize·sqrtBc2) · m' / (√v' + ε·sqrtBc2)`).
 *
 * Each element is computed in double precision and rounded once to float32 when stored; `p'`
 * uses the stored (float32) `m'` and `v'`, as the tensor form does. Writes `pOut`, `mOut`, `vOut`.
 *
 * @example
 * ```ts
 * import { adamUpdateArrays } from '@pix2pix-ts/backends';
 *
 * const [p, m, v] = [new Float32Array(1), new Float32Array(1), new Float32Array(1)];
 * adamUpdateArrays(Float32Array.of(1), Float32Array.of(1), Float32Array.of(0), Float32Array.of(0), p, m, v,
 *   { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: Math.sqrt(0.001) });
 * // p[0] ≈ 1 − 2e-4 (Adam's first step moves each weight by lr)
 * ```
 */
export function adamUpdateArrays(
  p: ArrayLike<number>,
  g: ArrayLike<number>,
  m: ArrayLike<number>,
  v: ArrayLike<number>,
  pOut: Float32Array,
  mOut: Float32Array,
  vOut: Float32Array,
  a: AdamUpdateAttrs,
): void {
  const { beta1, beta2, epsilon, stepSize, sqrtBc2 } = a;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  // stepSize·m/(√v/sqrtBc2 + ε) = (stepSize·sqrtBc2)·m/(√v + ε·sqrtBc2): one division less.
  const k = stepSize * sqrtBc2;
  const e = epsilon * sqrtBc2;
  const n = pOut.length;
  for (let i = 0; i < n; i++) {
    // Every index is below the length of all seven arrays (checked by the kernels).
    const gi = g[i] as number;
    const mi = Math.fround(beta1 * (m[i] as number) + c1 * gi);
    const vi = Math.fround(beta2 * (v[i] as number) + c2 * gi * gi);
    mOut[i] = mi;
    vOut[i] = vi;
    pOut[i] = (p[i] as number) - (k * mi) / (Math.sqrt(vi) + e);
  }
}

/**
 * The four inputs of {@link ADAM_UPDATE} in order, as {@link adamUpdateInputs} checked them.
 *
 * @example
 * ```ts
 * import type { AdamUpdateInputs } from '@pix2pix-ts/backends';
 *
 * const count = (inputs: AdamUpdateInputs): number => inputs.length; // 4
 * ```
 */
export type AdamUpdateInputs = readonly [param: TensorInfo, grad: TensorInfo, m: TensorInfo, v: TensorInfo];

/**
 * The four inputs of {@link ADAM_UPDATE} (`param`, `grad`, `m`, `v`), checked to be float32 tensors of
 * one size; every backend's kernel starts with it, so all say the same thing about a wrong call.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { adamUpdateInputs } from '@pix2pix-ts/backends';
 *
 * const [param] = adamUpdateInputs({ param: tf.ones([2]), grad: tf.ones([2]), m: tf.zeros([2]), v: tf.zeros([2]) });
 * ```
 */
export function adamUpdateInputs(inputs: NamedTensorInfoMap): AdamUpdateInputs {
  const { param, grad, m, v } = inputs;
  if (param === undefined || grad === undefined || m === undefined || v === undefined) {
    throw new Error(`${ADAM_UPDATE}: inputs param, grad, m and v are required`);
  }
  const size = (t: TensorInfo): number => t.shape.reduce((a, b) => a * b, 1);
  for (const t of [grad, m, v]) {
    if (size(t) !== size(param)) throw new Error(`${ADAM_UPDATE}: inputs must have the same size; got [${param.shape.join(',')}] and [${t.shape.join(',')}]`);
  }
  for (const t of [param, grad, m, v]) if (t.dtype !== 'float32') throw new Error(`${ADAM_UPDATE}: inputs must be float32, got ${t.dtype}`);
  return [param, grad, m, v];
}
