import type { NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { FilterGradGeometry } from './conv2d-backprop-filter-attrs';
import type { RunKernel } from './kernel-scope';

/**
 * The filter gradient of an NHWC `conv2d` as im2col + one matrix product, the formulation for
 * backends whose `Conv2D` cannot dilate: pad `x`, take the `kh·kw` strided views
 * `xPad[:, i::sH, j::sW, :]` (each `[N,OH,OW,Cin]`), concatenate them on channels into the patch
 * matrix `P` (`[N·OH·OW, kh·kw·Cin]`) and compute `Pᵀ · dy` (`[kh·kw·Cin, Cout]`).
 *
 * Kept beside {@link filterGradDilated} for comparison: on wasm the dilated convolution is faster
 * (see the package README for the figures), so the registered kernel uses that one.
 *
 * @param run runs `PadV2`, `StridedSlice`, `Concat`, `Reshape` and `BatchMatMul` of the target backend
 * @param x the forward input, `[N,H,W,Cin]`
 * @param dy the gradient of the forward output, `[N,OH,OW,Cout]`
 * @param g the resolved geometry ({@link filterGradGeometry})
 * @returns the filter gradient, `[kh,kw,Cin,Cout]`
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { filterGradIm2col, filterGradGeometry, kernelScope } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * const x = tf.ones([1, 4, 4, 1]);
 * const dy = tf.ones([1, 2, 2, 1]);
 * const attrs = { strides: 2, pad: 'valid' as const, dataFormat: 'NHWC' as const, filterShape: [2, 2, 1, 1] as [number, number, number, number] };
 * const g = filterGradGeometry(x.shape, dy.shape, attrs);
 * const info = kernelScope(tf.backend(), 'cpu', (run) => filterGradIm2col(run, x, dy, g));
 * tf.engine().makeTensorFromTensorInfo(info).print(); // every entry is 4
 * ```
 */
export function filterGradIm2col(run: RunKernel, x: TensorInfo, dy: TensorInfo, g: FilterGradGeometry): TensorInfo {
  const spanH = (g.outHeight - 1) * g.strideHeight + 1;
  const spanW = (g.outWidth - 1) * g.strideWidth + 1;
  const padBottom = Math.max(0, g.filterHeight + spanH - 1 - g.inHeight - g.padTop);
  const padRight = Math.max(0, g.filterWidth + spanW - 1 - g.inWidth - g.padLeft);
  const paddings = [
    [0, 0],
    [g.padTop, padBottom],
    [g.padLeft, padRight],
    [0, 0],
  ];
  const xPad = run('PadV2', { x }, { paddings, constantValue: 0 });
  const taps: TensorInfo[] = [];
  for (let i = 0; i < g.filterHeight; i++) {
    for (let j = 0; j < g.filterWidth; j++) {
      taps.push(
        run(
          'StridedSlice',
          { x: xPad },
          {
            begin: [0, i, j, 0],
            end: [g.batch, i + spanH, j + spanW, g.inChannels],
            strides: [1, g.strideHeight, g.strideWidth, 1],
            beginMask: 0,
            endMask: 0,
            ellipsisMask: 0,
            newAxisMask: 0,
            shrinkAxisMask: 0,
          },
        ),
      );
    }
  }
  const rows = g.batch * g.outHeight * g.outWidth;
  const depth = g.filterHeight * g.filterWidth * g.inChannels;
  // Concat kernels take their inputs as an array (tfjs-core's concat op passes one the same way).
  const patches = run('Concat', taps as unknown as NamedTensorInfoMap, { axis: 3 });
  const p = run('Reshape', { x: patches }, { shape: [rows, depth] });
  // wasm's BatchMatMul is fast (XNNPACK) only for untransposed operands: transpose Pᵀ explicitly.
  const pT = run('Transpose', { x: p }, { perm: [1, 0] });
  const a = run('Reshape', { x: pT }, { shape: [1, depth, rows] });
  const d = run('Reshape', { x: dy }, { shape: [1, rows, g.outChannels] });
  const prod = run('BatchMatMul', { a, b: d }, { transposeA: false, transposeB: false });
  return run('Reshape', { x: prod }, { shape: [g.filterHeight, g.filterWidth, g.inChannels, g.outChannels] });
}
