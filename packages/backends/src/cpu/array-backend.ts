import type { TensorInfo } from '@tensorflow/tfjs-core';

/**
 * The part of tfjs's cpu backend a kernel written over plain arrays uses: its data, read and made
 * without copies.
 *
 * @example
 * ```ts
 * import type { ArrayBackend } from '@pix2pix-ts/backends';
 *
 * const fill = (b: ArrayBackend, n: number) => b.makeTensorInfo([n], 'float32', new Float32Array(n).fill(1));
 * ```
 */
export interface ArrayBackend {
  readSync(dataId: TensorInfo['dataId']): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

/**
 * Whether `backend` (as handed to a kernel) is an {@link ArrayBackend}: tfjs's cpu backend is.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { isArrayBackend } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * isArrayBackend(tf.backend()); // true
 * ```
 */
export function isArrayBackend(backend: unknown): backend is ArrayBackend {
  return (
    typeof backend === 'object' &&
    backend !== null &&
    typeof Reflect.get(backend, 'readSync') === 'function' &&
    typeof Reflect.get(backend, 'makeTensorInfo') === 'function'
  );
}

/**
 * The float32 array behind a tensor of an {@link ArrayBackend} (no copy), or an error naming the kernel.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { float32Of, isArrayBackend } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * const b = tf.backend();
 * if (isArrayBackend(b)) float32Of(b, 'demo', tf.ones([2])); // Float32Array [1, 1]
 * ```
 */
export function float32Of(backend: ArrayBackend, kernelName: string, t: TensorInfo): Float32Array {
  const arr = backend.readSync(t.dataId);
  if (!(arr instanceof Float32Array)) throw new Error(`${kernelName}: expected float32 data`);
  return arr;
}
