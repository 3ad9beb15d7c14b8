import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { transposeMatrix } from './conv-by-matmul';
import type { Adopt, RunKernel } from '../shared/kernel-scope';
import type { HeapBackend } from './heap-backend';

/**
 * The input gradient of an NHWC convolution (`Conv2DBackpropInput`, also the forward pass of
 * `conv2dTranspose`) as a matrix product with the filter **in its own layout** as the streamed
 * operand, for layers with few output pixels per weight (the ones whose forward runs as
 * {@link convByMatMul}):
 *
 * `dPᵀ [K, M] = W [K, Cout] · dyᵀ [Cout, M]` (`M = N·OH·OW`, `K = kh·kw·Cin`)
 *
 * then `dx` = col2im of `dP`: each patch entry is added back onto the input position it was read
 * from (entries that fall into the padding are dropped), on the wasm heap. Unlike the sub-pixel
 * formulation, the filter is never transposed or re-laid out (for these layers that was most of
 * the cost: 2–3 passes over a filter of up to millions of weights); only the small `dy` is.
 *
 * @param run runs `Transpose`, `Reshape` and `BatchMatMul`
 * @param backend the wasm backend, for `dx`
 * @param adopt hands intermediates made on the heap to the enclosing kernel scope
 * @param dy the gradient of the forward output, `[N,OH,OW,Cout]`
 * @param filter `[kh,kw,Cin,Cout]`
 * @param c the forward conv's geometry (`backend_util.computeConv2DInfo` of the input shape and the filter)
 * @returns `dx`, `[N,H,W,Cin]`
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { backend_util } from '@tensorflow/tfjs-core';
 * import { inputGradByMatMul, isHeapBackend, kernelScope, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * const backend = tf.backend();
 * const c = backend_util.computeConv2DInfo([1, 4, 4, 8], [4, 4, 8, 16], 2, 1, 1);
 * const dy = tf.ones([1, 2, 2, 16]);
 * const w = tf.ones([4, 4, 8, 16]);
 * if (isHeapBackend(backend)) {
 *   const dx = kernelScope(backend, 'wasm', (run, adopt) => inputGradByMatMul(run, backend, adopt, dy, w, c));
 *   tf.engine().makeTensorFromTensorInfo(dx).shape; // [1, 4, 4, 8]
 * }
 * ```
 */
export function inputGradByMatMul(
  run: RunKernel,
  backend: HeapBackend,
  adopt: Adopt,
  dy: TensorInfo,
  filter: TensorInfo,
  c: backend_util.Conv2DInfo,
): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: cin, outHeight: oh, outWidth: ow, filterHeight: kh, filterWidth: kw } = c;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = c;
  const { top, left } = c.padInfo;
  const m = n * oh * ow;
  const k = kh * kw * cin;
  const cout = c.outChannels;
  const dyT = transposeMatrix(run, backend, adopt, dy, m, cout);
  const dPT = run(
    'BatchMatMul',
    { a: run('Reshape', { x: filter }, { shape: [1, k, cout] }), b: run('Reshape', { x: dyT }, { shape: [1, cout, m] }) },
    { transposeA: false, transposeB: false },
  );
  const dx = adopt(backend.makeOutput([n, h, w, cin], 'float32'));
  // Views after the allocation: growing the heap detaches earlier ones.
  const src = backend.typedArrayFromHeap(dPT);
  const dst = backend.typedArrayFromHeap(dx);
  dst.fill(0);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      for (let b = 0; b < n; b++) {
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * sh - top + i * dh;
          if (iy < 0 || iy >= h) continue;
          for (let ox = 0; ox < ow; ox++) {
            const ix = ox * sw - left + j * dw;
            if (ix < 0 || ix >= w) continue;
            const mi = (b * oh + oy) * ow + ox;
            const to = ((b * h + iy) * w + ix) * cin;
            const from = (i * kw + j) * cin * m + mi;
            // dPᵀ row (i, j, ch) holds tap (i, j) of channel ch for every output pixel, m apart.
            for (let ch = 0; ch < cin; ch++) dst[to + ch] = (dst[to + ch] as number) + (src[from + ch * m] as number);
          }
        }
      }
    }
  }
  return dx;
}
