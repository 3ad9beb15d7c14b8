import * as tf from '@tensorflow/tfjs-core';
import { ADAM_UPDATE } from '../registry/kernel-names';
import type { AdamUpdateAttrs } from '../shared/adam-update-math';

/**
 * Whether `backend` (default: the active one) has the fused Adam kernel {@link ADAM_UPDATE}, i.e.
 * `useBackend(backend)` ran. Where it has not, {@link adamUpdate} throws.
 *
 * @example
 * ```ts
 * import { hasAdamUpdate, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu');
 * hasAdamUpdate(); // true
 * ```
 */
export function hasAdamUpdate(backend: string = tf.getBackend()): boolean {
  return tf.getKernel(ADAM_UPDATE, backend) !== undefined;
}

/**
 * One fused Adam step for one parameter on the active backend, through the kernel registry:
 * `m' = β1·m + (1−β1)·g`, `v' = β2·v + (1−β2)·g²`, `p' = p − stepSize · m' / (√v' / sqrtBc2 + ε)`.
 * One kernel call instead of ~11 element-wise ones; the inputs are untouched.
 *
 * @param attrs the step's scalars, computed by the caller in double precision
 * @returns `[param', m', v']`
 * @throws Error naming `useBackend` when the active backend has no such kernel
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { adamUpdate, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu');
 * const [p, m, v] = adamUpdate(tf.ones([2]), tf.ones([2]), tf.zeros([2]), tf.zeros([2]),
 *   { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: Math.sqrt(0.001) });
 * p.print(); // [0.9998, 0.9998]
 * ```
 */
export function adamUpdate(param: tf.Tensor, grad: tf.Tensor, m: tf.Tensor, v: tf.Tensor, attrs: AdamUpdateAttrs): readonly [tf.Tensor, tf.Tensor, tf.Tensor] {
  if (!hasAdamUpdate()) {
    throw new Error(`${ADAM_UPDATE}: not registered for backend '${tf.getBackend()}': call useBackend('${tf.getBackend()}') from @pix2pix-ts/backends first`);
  }
  const out = tf.engine().runKernel(ADAM_UPDATE, { param, grad, m, v }, { ...attrs });
  const [p1, m1, v1] = Array.isArray(out) ? out : [];
  if (p1 === undefined || m1 === undefined || v1 === undefined) throw new Error(`${ADAM_UPDATE}: the kernel must return 3 tensors`);
  return [p1, m1, v1];
}
