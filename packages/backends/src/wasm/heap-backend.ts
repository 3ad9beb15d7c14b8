import type { DataType, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';
import type { Adopt } from '../shared/kernel-scope';
import type { ReverseRows } from '../shared/reverse-rows';

/**
 * The part of tfjs-wasm's `BackendWasm` that lets a kernel written in TypeScript work on the wasm
 * heap directly: allocate an output, and view a tensor's bytes in place (no copy).
 *
 * @example
 * ```ts
 * import type { TensorInfo } from '@tensorflow/tfjs-core';
 * import type { HeapBackend } from '@pix2pix-ts/backends';
 *
 * const zeros = (b: HeapBackend, shape: number[]): TensorInfo => b.makeOutput(shape, 'float32'); // fresh heap memory
 * ```
 */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): TypedArray;
}

/**
 * Whether `backend` (as handed to a kernel) is a {@link HeapBackend}: tfjs-wasm's backend is.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { isHeapBackend } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * isHeapBackend(tf.backend()); // false: cpu keeps its data in JavaScript arrays
 * ```
 */
export function isHeapBackend(backend: unknown): backend is HeapBackend {
  return (
    typeof backend === 'object' &&
    backend !== null &&
    typeof Reflect.get(backend, 'makeOutput') === 'function' &&
    typeof Reflect.get(backend, 'typedArrayFromHeap') === 'function'
  );
}

/**
 * The float32 view of a tensor on the heap (no copy), or an error naming the kernel. Take views after
 * a kernel's last allocation: growing the heap detaches earlier ones.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { heapFloat32, isHeapBackend, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * const b = tf.backend();
 * if (isHeapBackend(b)) heapFloat32(b, 'demo', tf.ones([2])); // Float32Array [1, 1], on the heap
 * ```
 */
export function heapFloat32(backend: HeapBackend, kernelName: string, t: TensorInfo): Float32Array {
  const arr = backend.typedArrayFromHeap(t);
  if (!(arr instanceof Float32Array)) throw new Error(`${kernelName}: expected float32 data`);
  return arr;
}

/**
 * {@link ReverseRows} on the wasm heap: one block copy (`TypedArray.set`, a memmove) per row,
 * instead of wasm's `Reverse` kernel, which computes every element's source index (measured
 * ~25× slower for a 4×64Ki float tensor). The output is handed to `adopt`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { isHeapBackend, kernelScope, reverseRowsOnHeap, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * const backend = tf.backend();
 * const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
 * if (isHeapBackend(backend)) {
 *   const info = kernelScope(backend, 'wasm', (_run, adopt) => reverseRowsOnHeap(backend, adopt)(x));
 *   tf.engine().makeTensorFromTensorInfo(info).print(); // [[5, 6], [3, 4], [1, 2]]
 * }
 * ```
 */
export function reverseRowsOnHeap(backend: HeapBackend, adopt: Adopt): ReverseRows {
  return (x) => {
    const [rows = 1, width = 1] = x.shape;
    if (x.shape.length !== 2) throw new Error(`reverseRowsOnHeap: expected a 2-D tensor, got shape [${x.shape.join(', ')}]`);
    const out = adopt(backend.makeOutput([rows, width], x.dtype));
    // Views are taken after the allocation: growing the heap detaches earlier views.
    const src = backend.typedArrayFromHeap(x);
    const dst = backend.typedArrayFromHeap(out);
    for (let r = 0; r < rows; r++) dst.set(src.subarray(r * width, (r + 1) * width), (rows - 1 - r) * width);
    return out;
  };
}
