import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { InputGradGeometry } from './conv2d-backprop-input-attrs';
import type { RunKernel } from './kernel-scope';
import { reverseRowsWithKernel, type ReverseRows } from './reverse-rows';

/**
 * The input gradient of an NHWC `conv2d` with equal strides `s` (also `conv2dTranspose`'s forward
 * pass) as one stride-1 convolution plus a pixel shuffle ("sub-pixel convolution"), so it runs
 * on a backend's fast forward `Conv2D` with no multiply-by-zero work:
 *
 * with `R = r + padTop = t·s + a` (`a` the phase), `dx[r] = Σ_m dy[t − m] · w[a + s·m]`: for each
 * of the `s×s` phases a stride-1 correlation of `dy` with the phase's taps of `w`, reversed. All
 * phases are one convolution whose `s²·Cin` output channels hold the phases (filter
 * `[⌈kh/s⌉, ⌈kw/s⌉, Cout, s²·Cin]`).
 *
 * Every rearrangement is a rank-≤4 `Transpose` (fast on every backend; wasm's `Reverse`,
 * `DepthToSpace` and rank-6 `Transpose` are element-by-element loops, 20–140× slower, which made
 * an earlier version of this kernel slower than wasm's own in a training step):
 * the filter is `w` viewed as `[kkH, s, kkW, s·Cin·Cout]`, transposed `[0,2,1,3]`, viewed as
 * `[kkH·kkW, s², Cin, Cout]`, transposed `[0,3,1,2]`, and its taps put in reverse order by
 * `reverseRows` (which each backend supplies); the phases are interleaved by viewing the
 * convolution's output as `[N·rows, cols, s, s·Cin]` and transposing `[0,2,1,3]`; a `Slice` of
 * its `[N, s·rows, s·cols·Cin]` view drops the forward's padding.
 *
 * @param run runs `PadV2`, `Reshape`, `Transpose`, `Conv2D` and `Slice`
 * @param dy the gradient of the forward output, `[N,OH,OW,Cout]`
 * @param filter the forward filter, `[kh,kw,Cin,Cout]`
 * @param g the resolved geometry ({@link inputGradGeometry}); `strideHeight` must equal `strideWidth`
 * @param reverseRows reverses the rows of a 2-D intermediate (default: the backend's `Reverse`)
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
export function inputGradSubpixel(
  run: RunKernel,
  dy: TensorInfo,
  filter: TensorInfo,
  g: InputGradGeometry,
  reverseRows: ReverseRows = reverseRowsWithKernel(run),
): TensorInfo {
  const s = g.strideHeight;
  if (g.strideWidth !== s) throw new Error(`inputGradSubpixel: strides must be equal, got ${s}x${g.strideWidth}`);
  const { inChannels: cin, outChannels: cout } = g;
  const kkH = Math.ceil(g.filterHeight / s);
  const kkW = Math.ceil(g.filterWidth / s);
  // Rows of the phase image needed to cover input rows padTop … padTop + H − 1.
  const rows = Math.floor((g.inHeight - 1 + g.padTop) / s) + 1;
  const cols = Math.floor((g.inWidth - 1 + g.padLeft) / s) + 1;

  // Filter for all phases: F[m', n', o, (a·s + b)·Cin + c] = w[a + s(kkH−1−m'), b + s(kkW−1−n'), c, o].
  const w =
    kkH * s === g.filterHeight && kkW * s === g.filterWidth
      ? filter
      : run('PadV2', { x: filter }, { paddings: [[0, kkH * s - g.filterHeight], [0, kkW * s - g.filterWidth], [0, 0], [0, 0]], constantValue: 0 });
  // w[M·s + a, N·s + b, c, o] → [M, N, a, (b, c, o)]
  const tapsFirst = s === 1 ? w : run('Transpose', { x: run('Reshape', { x: w }, { shape: [kkH, s, kkW, s * cin * cout] }) }, { perm: [0, 2, 1, 3] });
  // [(M, N), (a, b), c, o] → [(M, N), o, (a, b), c]
  const phases = run('Transpose', { x: run('Reshape', { x: tapsFirst }, { shape: [kkH * kkW, s * s, cin, cout] }) }, { perm: [0, 3, 1, 2] });
  // Tap (m', n') is tap (kkH−1−m', kkW−1−n'): the flattened tap axis reversed.
  const flat = run('Reshape', { x: phases }, { shape: [kkH * kkW, cout * s * s * cin] });
  const f = run('Reshape', { x: kkH * kkW === 1 ? flat : reverseRows(flat) }, { shape: [kkH, kkW, cout, s * s * cin] });

  const conv = run('Conv2D', { x: dy, filter: f }, {
    strides: [1, 1],
    pad: [[0, 0], [kkH - 1, Math.max(0, rows - g.outHeight)], [kkW - 1, Math.max(0, cols - g.outWidth)], [0, 0]],
    dataFormat: 'NHWC',
    dilations: [1, 1],
  });
  const [, convRows = 0, convCols = 0] = conv.shape;
  // conv[n, t, u, (a·s + b)·Cin + c] is dx-with-padding[n, t·s + a, u·s + b, c]: swap u and a.
  const shuffled =
    s === 1
      ? conv
      : run('Transpose', { x: run('Reshape', { x: conv }, { shape: [g.batch * convRows, convCols, s, s * cin] }) }, { perm: [0, 2, 1, 3] });
  const fullRows = convRows * s;
  const fullCols = convCols * s;
  if (g.padTop === 0 && g.padLeft === 0 && fullRows === g.inHeight && fullCols === g.inWidth) {
    return run('Reshape', { x: shuffled }, { shape: [g.batch, g.inHeight, g.inWidth, cin] });
  }
  // One contiguous run per kept row: the [N, rows, cols·Cin] view.
  const cropped = run('Slice', { x: run('Reshape', { x: shuffled }, { shape: [g.batch, fullRows, fullCols * cin] }) }, {
    begin: [0, g.padTop, g.padLeft * cin],
    size: [g.batch, g.inHeight, g.inWidth * cin],
  });
  return run('Reshape', { x: cropped }, { shape: [g.batch, g.inHeight, g.inWidth, cin] });
}
