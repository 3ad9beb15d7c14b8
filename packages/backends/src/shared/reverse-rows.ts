import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { RunKernel } from './kernel-scope';

/**
 * Reverses the order of the rows of a 2-D tensor `[rows, width]` (each row a contiguous block),
 * returning a new intermediate. Composite kernels take one so that each backend can supply its
 * fastest way (wasm's own `Reverse` is a slow element-by-element loop).
 *
 * @example
 * ```ts
 * import type { ReverseRows } from '@pix2pix-ts/backends';
 * import type { TensorInfo } from '@tensorflow/tfjs-core';
 *
 * const twice = (reverse: ReverseRows, x: TensorInfo): TensorInfo => reverse(reverse(x));
 * ```
 */
export type ReverseRows = (x: TensorInfo) => TensorInfo;

/**
 * {@link ReverseRows} by the backend's own `Reverse` kernel (right everywhere; what cpu uses).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { kernelScope, reverseRowsWithKernel } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * const x = tf.tensor2d([[1, 2], [3, 4]]);
 * const info = kernelScope(tf.backend(), 'cpu', (run) => reverseRowsWithKernel(run)(x));
 * tf.engine().makeTensorFromTensorInfo(info).print(); // [[3, 4], [1, 2]]
 * ```
 */
export function reverseRowsWithKernel(run: RunKernel): ReverseRows {
  return (x) => run('Reverse', { x }, { dims: [0] });
}
