import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { isDisposingBackend, kernelScopeMany, type DisposingBackend } from '../shared/kernel-scope';
import { isHeapBackend, type HeapBackend } from './heap-backend';
import { adamUpdateAttrs, adamUpdateInputs, type AdamUpdateAttrs, type AdamUpdateInputs } from '../shared/adam-update-math';
import { ADAM_UPDATE } from '../registry/kernel-names';
import { heapKernelsFor, type AdamSimd } from './heap-kernels-module';

/**
 * {@link ADAM_UPDATE} for wasm, outputs `[param', m', v']`:
 *
 * `m' = β1·m + (1−β1)·g`, `v' = β2·v + (1−β2)·g²`,
 * `p' = p − (stepSize·sqrtBc2) · m' / (√v' + ε·sqrtBc2)` (PyTorch's step with `sqrtBc2` moved out
 * of the denominator: one division less).
 *
 * Runs as one SIMD pass over the heap (`heap-kernels.wat`, see {@link heapKernelsFor}): the update is
 * memory-bound, and the pass reads each input once and writes each output once. Where that module
 * cannot be had, it runs as 11 of wasm's own SIMD element-wise kernels, called directly (no engine
 * bookkeeping, which cost more than the arithmetic for the ~13 tfjs ops per parameter before).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { ADAM_UPDATE, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm'); // registers it
 * const [p, m, v] = tf.engine().runKernel(ADAM_UPDATE, { param: tf.ones([2]), grad: tf.ones([2]), m: tf.zeros([2]), v: tf.zeros([2]) },
 *   { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: Math.sqrt(0.001) }) as tf.Tensor[];
 * ```
 */
export const adamUpdateWasm: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const tensors = adamUpdateInputs(inputs);
    const a = adamUpdateAttrs(attrs);
    if (!isHeapBackend(backend) || !isDisposingBackend(backend)) throw new Error(`${ADAM_UPDATE}: not handed the wasm backend`);
    const simd = heapKernelsFor(backend)?.adam;
    return simd === undefined ? adamByElementwiseKernels(backend, tensors, a) : adamBySimdPass(backend, simd, tensors, a);
  }) satisfies KernelFunc,
};

function adamBySimdPass(backend: HeapBackend, simd: AdamSimd, [param, grad, m, v]: AdamUpdateInputs, a: AdamUpdateAttrs): TensorInfo[] {
  const output = (t: TensorInfo): TensorInfo => backend.makeOutput([...t.shape], 'float32');
  const [pOut, mOut, vOut] = [output(param), output(m), output(v)];
  // Offsets are read after the allocations above, which may have grown (moved) the heap's buffer.
  const at = (t: TensorInfo): number => backend.typedArrayFromHeap(t).byteOffset;
  const n = param.shape.reduce((x, y) => x * y, 1);
  simd(at(param), at(grad), at(m), at(v), at(pOut), at(mOut), at(vOut), n, a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.stepSize * a.sqrtBc2, a.epsilon * a.sqrtBc2);
  return [pOut, mOut, vOut];
}

function adamByElementwiseKernels(backend: HeapBackend & DisposingBackend, [param, grad, m, v]: AdamUpdateInputs, a: AdamUpdateAttrs): TensorInfo[] {
  return kernelScopeMany(backend, 'wasm', (run, adopt) => {
    const scalar = (value: number): TensorInfo => {
      const s = adopt(backend.makeOutput([], 'float32'));
      backend.typedArrayFromHeap(s)[0] = value;
      return s;
    };
    const mul = (x: TensorInfo, b: TensorInfo): TensorInfo => run('Multiply', { a: x, b });
    const add = (x: TensorInfo, b: TensorInfo): TensorInfo => run('Add', { a: x, b });
    const m1 = add(mul(m, scalar(a.beta1)), mul(grad, scalar(1 - a.beta1)));
    const v1 = add(mul(v, scalar(a.beta2)), mul(run('Square', { x: grad }), scalar(1 - a.beta2)));
    const denom = add(run('Sqrt', { x: v1 }), scalar(a.epsilon * a.sqrtBc2));
    const update = mul(run('RealDiv', { a: m1, b: denom }), scalar(a.stepSize * a.sqrtBc2));
    return [run('Sub', { a: param, b: update }), m1, v1];
  });
}
