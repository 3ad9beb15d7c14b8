import type { KernelConfig, KernelFunc, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { isDisposingBackend, kernelScopeMany, type DisposingBackend } from '../kernel-scope';
import { isHeapBackend, type HeapBackend } from '../wasm/heap-backend';
import { ADAM_UPDATE, adamUpdateArrays, adamUpdateAttrs, type AdamUpdateAttrs } from './adam-update-math';
import { heapKernelsFor, type AdamSimd } from '../wasm/heap-kernels-module';

type AdamInputs = readonly [param: TensorInfo, grad: TensorInfo, m: TensorInfo, v: TensorInfo];

/** The four inputs of {@link ADAM_UPDATE}, checked to be float32 tensors of one size. */
function adamInputs(inputs: NamedTensorInfoMap): AdamInputs {
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

/** The part of the cpu backend the kernel uses: its data, read and made without copies. */
interface ArrayBackend {
  readSync(dataId: TensorInfo['dataId']): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

function isArrayBackend(backend: unknown): backend is ArrayBackend {
  return (
    typeof backend === 'object' &&
    backend !== null &&
    typeof Reflect.get(backend, 'readSync') === 'function' &&
    typeof Reflect.get(backend, 'makeTensorInfo') === 'function'
  );
}

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
    const tensors = adamInputs(inputs);
    const a = adamUpdateAttrs(attrs);
    if (!isHeapBackend(backend) || !isDisposingBackend(backend)) throw new Error(`${ADAM_UPDATE}: not handed the wasm backend`);
    const simd = heapKernelsFor(backend)?.adam;
    return simd === undefined ? adamByElementwiseKernels(backend, tensors, a) : adamBySimdPass(backend, simd, tensors, a);
  }) satisfies KernelFunc,
};

function adamBySimdPass(backend: HeapBackend, simd: AdamSimd, [param, grad, m, v]: AdamInputs, a: AdamUpdateAttrs): TensorInfo[] {
  const output = (t: TensorInfo): TensorInfo => backend.makeOutput([...t.shape], 'float32');
  const [pOut, mOut, vOut] = [output(param), output(m), output(v)];
  // Offsets are read after the allocations above, which may have grown (moved) the heap's buffer.
  const at = (t: TensorInfo): number => backend.typedArrayFromHeap(t).byteOffset;
  const n = param.shape.reduce((x, y) => x * y, 1);
  simd(at(param), at(grad), at(m), at(v), at(pOut), at(mOut), at(vOut), n, a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.stepSize * a.sqrtBc2, a.epsilon * a.sqrtBc2);
  return [pOut, mOut, vOut];
}

function adamByElementwiseKernels(backend: HeapBackend & DisposingBackend, [param, grad, m, v]: AdamInputs, a: AdamUpdateAttrs): TensorInfo[] {
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
    const [param, grad, m, v] = adamInputs(inputs);
    const a = adamUpdateAttrs(attrs);
    if (!isArrayBackend(backend)) throw new Error(`${ADAM_UPDATE}: not handed the cpu backend`);
    const read = (t: TensorInfo): Float32Array => {
      const arr = backend.readSync(t.dataId);
      if (!(arr instanceof Float32Array)) throw new Error(`${ADAM_UPDATE}: expected float32 data`);
      return arr;
    };
    const n = param.shape.reduce((x, y) => x * y, 1);
    const [pOut, mOut, vOut] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    adamUpdateArrays(read(param), read(grad), read(m), read(v), pOut, mOut, vOut, a);
    return [backend.makeTensorInfo([...param.shape], 'float32', pOut), backend.makeTensorInfo([...m.shape], 'float32', mOut), backend.makeTensorInfo([...v.shape], 'float32', vOut)];
  }) satisfies KernelFunc,
};
