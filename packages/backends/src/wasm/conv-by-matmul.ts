import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { Adopt, RunKernel } from '../shared/kernel-scope';
import type { HeapBackend } from './heap-backend';
import { heapKernelsFor } from './heap-kernels-module';

/**
 * Copies the receptive fields of an NHWC input into the patch matrix `P` `[N·OH·OW, kh·kw·Cin]`
 * (zeros where a tap falls into the padding), on the wasm heap: one block copy per filter row
 * and output pixel when the width dilation is 1, else per tap.
 *
 * @param backend the wasm backend (a {@link HeapBackend})
 * @param adopt hands the new tensor to the enclosing kernel scope
 * @param x the input `[N,H,W,Cin]`
 * @param c the convolution's geometry (`backend_util.computeConv2DInfo`)
 * @returns `P`, owned by the scope
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { backend_util } from '@tensorflow/tfjs-core';
 * import { im2colOnHeap, isHeapBackend, kernelScope, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * const backend = tf.backend();
 * const x = tf.ones([1, 2, 2, 1]);
 * const c = backend_util.computeConv2DInfo([1, 2, 2, 1], [2, 2, 1, 1], 1, 1, 1);
 * if (isHeapBackend(backend)) {
 *   const p = kernelScope(backend, 'wasm', (_run, adopt) => im2colOnHeap(backend, adopt, x, c));
 *   tf.engine().makeTensorFromTensorInfo(p).shape; // [9, 4]: 3×3 outputs, 2×2×1 taps each
 * }
 * ```
 */
export function im2colOnHeap(backend: HeapBackend, adopt: Adopt, x: TensorInfo, c: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: cin, outHeight: oh, outWidth: ow, filterHeight: kh, filterWidth: kw } = c;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = c;
  const { top, left } = c.padInfo;
  const k = kh * kw * cin;
  const out = adopt(backend.makeOutput([n * oh * ow, k], 'float32'));
  // Views after the allocation: growing the heap detaches earlier ones.
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  dst.fill(0);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const row = ((b * oh + oy) * ow + ox) * k;
        const x0 = ox * sw - left;
        for (let i = 0; i < kh; i++) {
          const iy = oy * sh - top + i * dh;
          if (iy < 0 || iy >= h) continue;
          const srcRow = (b * h + iy) * w;
          if (dw === 1) {
            // Taps j0 … j1 − 1 of this filter row read columns x0 + j0 … x0 + j1 − 1: one run.
            const j0 = Math.max(0, -x0);
            const j1 = Math.min(kw, w - x0);
            if (j1 > j0) dst.set(src.subarray((srcRow + x0 + j0) * cin, (srcRow + x0 + j1) * cin), row + (i * kw + j0) * cin);
            continue;
          }
          for (let j = 0; j < kw; j++) {
            const ix = x0 + j * dw;
            if (ix < 0 || ix >= w) continue;
            dst.set(src.subarray((srcRow + ix) * cin, (srcRow + ix + 1) * cin), row + (i * kw + j) * cin);
          }
        }
      }
    }
  }
  return out;
}

/**
 * `x` viewed as a `rows × cols` matrix, transposed (returned as `[cols, rows]`, or a rank-4 view of
 * it). On the wasm heap this is `heap-kernels.wat`'s `transpose` (4×4 tiles in SIMD registers;
 * 3-4× faster than wasm's `Transpose` kernel, which computes every element's source index). Where
 * that module is not available, wasm's own kernel: its rank-2 `Transpose` is ~5× slower than its
 * rank-4 one on large matrices (measured: 3.2 ms vs 0.67 ms for 2048×256), so even sizes go through
 * the view `[2, rows/2, 2, cols/2]` and the permutation `[2, 3, 0, 1]`, the same transposition.
 *
 * @example
 * ```ts
 * import type { TensorInfo } from '@tensorflow/tfjs-core';
 * import { transposeMatrix, type Adopt, type HeapBackend, type RunKernel } from '@pix2pix-ts/backends';
 *
 * const yT = (run: RunKernel, backend: HeapBackend, adopt: Adopt, y: TensorInfo): TensorInfo => transposeMatrix(run, backend, adopt, y, 64, 256); // [256, 64]
 * ```
 */
export function transposeMatrix(run: RunKernel, backend: HeapBackend, adopt: Adopt, x: TensorInfo, rows: number, cols: number): TensorInfo {
  const heap = heapKernelsFor(backend);
  if (heap !== undefined && x.dtype === 'float32') {
    const out = adopt(backend.makeOutput([cols, rows], 'float32'));
    // Offsets after the allocation, which may have grown (moved) the heap.
    heap.transpose(backend.typedArrayFromHeap(x).byteOffset, backend.typedArrayFromHeap(out).byteOffset, rows, cols);
    return out;
  }
  if (rows % 2 === 0 && cols % 2 === 0 && rows * cols >= 4096) {
    return run('Transpose', { x: run('Reshape', { x }, { shape: [2, rows / 2, 2, cols / 2] }) }, { perm: [2, 3, 0, 1] });
  }
  return run('Transpose', { x: run('Reshape', { x }, { shape: [rows, cols] }) }, { perm: [1, 0] });
}

/**
 * The transposed patch matrix `Pᵀ` of an NHWC convolution, as `[1, K, M]` (`M = N·OH·OW`,
 * `K = kh·kw·Cin`): {@link im2colOnHeap} then {@link transposeMatrix}. The streamed operand of both
 * the convolution ({@link convByMatMul}) and its filter gradient (`filterGradByMatMul`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { backend_util } from '@tensorflow/tfjs-core';
 * import { isHeapBackend, kernelScope, patchMatrixTransposed, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * const backend = tf.backend();
 * const c = backend_util.computeConv2DInfo([1, 4, 4, 3], [2, 2, 3, 8], 2, 1, 'valid');
 * if (isHeapBackend(backend)) {
 *   const pT = kernelScope(backend, 'wasm', (run, adopt) => patchMatrixTransposed(run, backend, adopt, tf.ones([1, 4, 4, 3]), c));
 *   tf.engine().makeTensorFromTensorInfo(pT).shape; // [1, 12, 4]
 * }
 * ```
 */
export function patchMatrixTransposed(run: RunKernel, backend: HeapBackend, adopt: Adopt, x: TensorInfo, c: backend_util.Conv2DInfo): TensorInfo {
  const m = c.batchSize * c.outHeight * c.outWidth;
  const k = c.filterHeight * c.filterWidth * c.inChannels;
  const patchesT = transposeMatrix(run, backend, adopt, im2colOnHeap(backend, adopt, x, c), m, k);
  return run('Reshape', { x: patchesT }, { shape: [1, k, m] });
}

/**
 * An NHWC convolution as a matrix product with the *filter* as the streamed operand:
 * `yᵀ [Cout, M] = Wᵀ [Cout, K] · Pᵀ [K, M]` (`M = N·OH·OW`, `K = kh·kw·Cin`, `P` from
 * {@link im2colOnHeap}), then transposed back. wasm's `Conv2D` (XNNPACK) re-lays out and packs
 * its filter each time it meets a new filter tensor (about 12 ns per weight, measured), which in
 * training is every call, and dominates the layers with few output pixels and many weights (a
 * 4×4×512×512 filter: ~50 ms for a few MFLOP). `BatchMatMul` packs only its right operand, here
 * the small `Pᵀ`, and streams the filter.
 *
 * @param run runs `Transpose`, `Reshape` and `BatchMatMul`
 * @param backend the wasm backend, for the patch matrix
 * @param adopt hands intermediates made on the heap to the enclosing kernel scope
 * @param x the input `[N,H,W,Cin]`
 * @param filter `[kh,kw,Cin,Cout]`
 * @param c the geometry (`backend_util.computeConv2DInfo` of `x`, `filter` and the conv's attributes)
 * @returns `[N,OH,OW,Cout]`
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { backend_util } from '@tensorflow/tfjs-core';
 * import { convByMatMul, isHeapBackend, kernelScope, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * const backend = tf.backend();
 * const x = tf.ones([1, 4, 4, 8]);
 * const w = tf.ones([4, 4, 8, 16]);
 * const c = backend_util.computeConv2DInfo([1, 4, 4, 8], [4, 4, 8, 16], 2, 1, 1);
 * if (isHeapBackend(backend)) {
 *   const y = kernelScope(backend, 'wasm', (run, adopt) => convByMatMul(run, backend, adopt, x, w, c));
 *   tf.engine().makeTensorFromTensorInfo(y).shape; // [1, 2, 2, 16], as tf.conv2d(x, w, 2, 1)
 * }
 * ```
 */
export function convByMatMul(
  run: RunKernel,
  backend: HeapBackend,
  adopt: Adopt,
  x: TensorInfo,
  filter: TensorInfo,
  c: backend_util.Conv2DInfo,
): TensorInfo {
  const m = c.batchSize * c.outHeight * c.outWidth;
  const k = c.filterHeight * c.filterWidth * c.inChannels;
  const cout = c.outChannels;
  const filterT = transposeMatrix(run, backend, adopt, filter, k, cout);
  const yT = run(
    'BatchMatMul',
    { a: run('Reshape', { x: filterT }, { shape: [1, cout, k] }), b: patchMatrixTransposed(run, backend, adopt, x, c) },
    { transposeA: false, transposeB: false },
  );
  const y = transposeMatrix(run, backend, adopt, yT, cout, m);
  return run('Reshape', { x: y }, { shape: [c.batchSize, c.outHeight, c.outWidth, cout] });
}
