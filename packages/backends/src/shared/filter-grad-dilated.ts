import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { FilterGradGeometry } from './conv2d-backprop-filter-attrs';
import type { RunKernel } from './kernel-scope';

/**
 * The filter gradient of an NHWC `conv2d`, written as one dilated convolution so that it runs on
 * a backend's fast forward `Conv2D` kernel (XNNPACK on wasm):
 *
 * `dW[i,j,c,o] = Σ_{n,p,q} xPad[n, i + p·sH, j + q·sW, c] · dy[n,p,q,o]`
 *
 * is a stride-1 convolution of `x` viewed as a batch of `Cin` images with `N` channels
 * (`[Cin,H,W,N]`) by `dy` viewed as a filter (`[OH,OW,N,Cout]`) dilated by the forward stride.
 * The input keeps the forward's top/left padding and is padded at the bottom/right just enough
 * to yield `kh × kw` outputs; any surplus rows/columns (the forward's unused remainder) are
 * sliced off, and `[Cin,kh,kw,Cout]` is transposed to `[kh,kw,Cin,Cout]`.
 *
 * @param run runs `Transpose`, `Conv2D` (with dilations) and `Slice` of the target backend
 * @param x the forward input, `[N,H,W,Cin]`
 * @param dy the gradient of the forward output, `[N,OH,OW,Cout]`
 * @param g the resolved geometry ({@link filterGradGeometry})
 * @returns the filter gradient, `[kh,kw,Cin,Cout]`
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { filterGradDilated, filterGradGeometry, kernelScope } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * const x = tf.ones([1, 4, 4, 1]);
 * const dy = tf.ones([1, 2, 2, 1]);
 * const attrs = { strides: 2, pad: 'valid' as const, dataFormat: 'NHWC' as const, filterShape: [2, 2, 1, 1] as [number, number, number, number] };
 * const g = filterGradGeometry(x.shape, dy.shape, attrs);
 * const info = kernelScope(tf.backend(), 'cpu', (run) => filterGradDilated(run, x, dy, g));
 * tf.engine().makeTensorFromTensorInfo(info).print(); // every entry is 4
 * ```
 */
export function filterGradDilated(run: RunKernel, x: TensorInfo, dy: TensorInfo, g: FilterGradGeometry): TensorInfo {
  const span = (out: number, stride: number): number => (out - 1) * stride + 1; // dilated filter extent
  const padBottom = Math.max(0, g.filterHeight + span(g.outHeight, g.strideHeight) - 1 - g.inHeight - g.padTop);
  const padRight = Math.max(0, g.filterWidth + span(g.outWidth, g.strideWidth) - 1 - g.inWidth - g.padLeft);
  const xT = run('Transpose', { x }, { perm: [3, 1, 2, 0] });
  const dyT = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  const conv = run(
    'Conv2D',
    { x: xT, filter: dyT },
    {
      strides: [1, 1],
      pad: [
        [0, 0],
        [g.padTop, padBottom],
        [g.padLeft, padRight],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations: [g.strideHeight, g.strideWidth],
    },
  );
  const [, h, w] = conv.shape;
  const cropped =
    h === g.filterHeight && w === g.filterWidth
      ? conv
      : run('Slice', { x: conv }, { begin: [0, 0, 0, 0], size: [g.inChannels, g.filterHeight, g.filterWidth, g.outChannels] });
  return run('Transpose', { x: cropped }, { perm: [1, 2, 0, 3] });
}
