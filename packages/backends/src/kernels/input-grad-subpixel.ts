import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { InputGradGeometry } from './conv2d-backprop-input-attrs';
import type { RunKernel } from './kernel-scope';

/**
 * The input gradient of an NHWC `conv2d` with equal strides `s` (also `conv2dTranspose`'s forward
 * pass) as one stride-1 convolution plus a pixel shuffle ("sub-pixel convolution"), so it runs
 * on a backend's fast forward `Conv2D` with no multiply-by-zero work:
 *
 * with `R = r + padTop = t·s + a` (`a` the phase), `dx[r] = Σ_m dy[t − m] · w[a + s·m]`: for each
 * of the `s×s` phases a stride-1 correlation of `dy` with the phase's taps of `w`, reversed. All
 * phases are one convolution whose `s²·Cin` output channels hold the phases (filter
 * `[⌈kh/s⌉, ⌈kw/s⌉, Cout, s²·Cin]`, built from `w` by `PadV2`, `Reshape`, `Reverse`,
 * `Transpose`); `DepthToSpace` interleaves them and `Slice` drops the forward's padding.
 *
 * @param run runs `PadV2`, `Reshape`, `Reverse`, `Transpose`, `Conv2D`, `DepthToSpace` and `Slice`
 * @param dy the gradient of the forward output, `[N,OH,OW,Cout]`
 * @param filter the forward filter, `[kh,kw,Cin,Cout]`
 * @param g the resolved geometry ({@link inputGradGeometry}); `strideHeight` must equal `strideWidth`
 * @returns the input gradient, `[N,H,W,Cin]`
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { inputGradGeometry, inputGradSubpixel, kernelScope } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * const dy = tf.ones([1, 2, 2, 1]);
 * const w = tf.ones([2, 2, 1, 1]);
 * const g = inputGradGeometry(dy.shape, w.shape, { strides: 2, pad: 'valid', dataFormat: 'NHWC', inputShape: [1, 4, 4, 1] });
 * const info = kernelScope(tf.backend(), 'cpu', (run) => inputGradSubpixel(run, dy, w, g));
 * tf.engine().makeTensorFromTensorInfo(info).print(); // all ones: each input pixel feeds one output
 * ```
 */
export function inputGradSubpixel(run: RunKernel, dy: TensorInfo, filter: TensorInfo, g: InputGradGeometry): TensorInfo {
  const s = g.strideHeight;
  if (g.strideWidth !== s) throw new Error(`inputGradSubpixel: strides must be equal, got ${s}x${g.strideWidth}`);
  const kkH = Math.ceil(g.filterHeight / s);
  const kkW = Math.ceil(g.filterWidth / s);
  // Rows of the phase image needed to cover input rows padTop … padTop + H − 1.
  const rows = Math.floor((g.inHeight - 1 + g.padTop) / s) + 1;
  const cols = Math.floor((g.inWidth - 1 + g.padLeft) / s) + 1;

  // Filter for all phases: F[m', n', o, (a·s + b)·Cin + c] = w[a + s(kkH−1−m'), b + s(kkW−1−n'), c, o].
  const wPad = run('PadV2', { x: filter }, {
    paddings: [[0, kkH * s - g.filterHeight], [0, kkW * s - g.filterWidth], [0, 0], [0, 0]],
    constantValue: 0,
  });
  const w6 = run('Reshape', { x: wPad }, { shape: [kkH, s, kkW, s, g.inChannels, g.outChannels] });
  const flipped = run('Reverse', { x: w6 }, { dims: [0, 2] });
  const phases = run('Transpose', { x: flipped }, { perm: [0, 2, 5, 1, 3, 4] });
  const f = run('Reshape', { x: phases }, { shape: [kkH, kkW, g.outChannels, s * s * g.inChannels] });

  const conv = run('Conv2D', { x: dy, filter: f }, {
    strides: [1, 1],
    pad: [[0, 0], [kkH - 1, Math.max(0, rows - g.outHeight)], [kkW - 1, Math.max(0, cols - g.outWidth)], [0, 0]],
    dataFormat: 'NHWC',
    dilations: [1, 1],
  });
  const shuffled = s === 1 ? conv : run('DepthToSpace', { x: conv }, { blockSize: s, dataFormat: 'NHWC' });
  return run('Slice', { x: shuffled }, {
    begin: [0, g.padTop, g.padLeft, 0],
    size: [g.batch, g.inHeight, g.inWidth, g.inChannels],
  });
}
