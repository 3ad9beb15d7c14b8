import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { patchMatrixTransposed } from './conv-by-matmul';
import type { Adopt, RunKernel } from '../shared/kernel-scope';
import type { HeapBackend } from './heap-backend';

/**
 * The filter gradient of an NHWC convolution as one matrix product whose result is already in
 * the filter's layout:
 *
 * `dW [K, Cout] = Pᵀ [K, M] · dy [M, Cout]` (`M = N·OH·OW`, `K = kh·kw·Cin`, `Pᵀ` from {@link patchMatrixTransposed})
 *
 * `BatchMatMul` streams `Pᵀ` and packs `dy`. Used on wasm where the dilated formulation
 * ({@link filterGradDilated}) makes XNNPACK run a convolution with one input channel and a
 * kernel as large as the output (e.g. 31×31 for a stride-1 4×4 conv on 32×32: ~245 ms, vs
 * ~130 ms as this product).
 *
 * @param run runs `Transpose`, `Reshape` and `BatchMatMul`
 * @param backend the wasm backend, for the patch matrix
 * @param adopt hands intermediates made on the heap to the enclosing kernel scope
 * @param x the forward input, `[N,H,W,Cin]`
 * @param dy the gradient of the forward output, `[N,OH,OW,Cout]`
 * @param c the forward conv's geometry (`backend_util.computeConv2DInfo`)
 * @returns `dW`, `[kh,kw,Cin,Cout]`
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { backend_util } from '@tensorflow/tfjs-core';
 * import { filterGradByMatMul, isHeapBackend, kernelScope, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * const backend = tf.backend();
 * const c = backend_util.computeConv2DInfo([1, 8, 8, 4], [4, 4, 4, 8], 1, 1, 1);
 * if (isHeapBackend(backend)) {
 *   const dw = kernelScope(backend, 'wasm', (run, adopt) => filterGradByMatMul(run, backend, adopt, tf.ones([1, 8, 8, 4]), tf.ones([1, 7, 7, 8]), c));
 *   tf.engine().makeTensorFromTensorInfo(dw).shape; // [4, 4, 4, 8]
 * }
 * ```
 */
export function filterGradByMatMul(
  run: RunKernel,
  backend: HeapBackend,
  adopt: Adopt,
  x: TensorInfo,
  dy: TensorInfo,
  c: backend_util.Conv2DInfo,
): TensorInfo {
  const m = c.batchSize * c.outHeight * c.outWidth;
  const cout = c.outChannels;
  const dw = run(
    'BatchMatMul',
    { a: patchMatrixTransposed(run, backend, adopt, x, c), b: run('Reshape', { x: dy }, { shape: [1, m, cout] }) },
    { transposeA: false, transposeB: false },
  );
  return run('Reshape', { x: dw }, { shape: [c.filterHeight, c.filterWidth, c.inChannels, cout] });
}
