import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { ADAM_UPDATE } from '../registry/kernel-names';
import { adamUpdateArrays, adamUpdateAttrs, adamUpdateInputs } from '../shared/adam-update-math';
import { float32Of, isArrayBackend } from './array-backend';

/**
 * {@link ADAM_UPDATE} for cpu: one loop over the parameter's arrays (no copies of the inputs),
 * outputs `[param', m', v']`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { ADAM_UPDATE, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu'); // registers it
 * const [p, m, v] = tf.engine().runKernel(ADAM_UPDATE, { param: tf.ones([2]), grad: tf.ones([2]), m: tf.zeros([2]), v: tf.zeros([2]) },
 *   { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: Math.sqrt(0.001) }) as tf.Tensor[];
 * ```
 */
export const adamUpdateCpu: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'cpu',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const [param, grad, m, v] = adamUpdateInputs(inputs);
    const a = adamUpdateAttrs(attrs);
    if (!isArrayBackend(backend)) throw new Error(`${ADAM_UPDATE}: not handed the cpu backend`);
    const read = (t: TensorInfo): Float32Array => float32Of(backend, ADAM_UPDATE, t);
    const n = param.shape.reduce((x, y) => x * y, 1);
    const [pOut, mOut, vOut] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    adamUpdateArrays(read(param), read(grad), read(m), read(v), pOut, mOut, vOut, a);
    return [backend.makeTensorInfo([...param.shape], 'float32', pOut), backend.makeTensorInfo([...m.shape], 'float32', mOut), backend.makeTensorInfo([...v.shape], 'float32', vOut)];
  }) satisfies KernelFunc,
};
