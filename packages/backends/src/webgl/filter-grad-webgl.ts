import { filterGradGeometry, type FilterGradGeometry } from '../shared/conv2d-backprop-filter-attrs';
import { isDisposingBackend, kernelScope } from '../shared/kernel-scope';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { isWebglProgramRunner } from './program-runner';

/**
 * webgl's `Conv2DBackpropFilter` as patchesᵀ·dy: the patch matrix of the forward convolution made by one
 * packed im2col shader (columns in the filter's `[h, w, in]` order), then one packed `BatchMatMul`.
 * tfjs's own shader makes two scalar texel fetches per multiply-add, 4x slower than a forward convolution
 * of the same size on SwiftShader. An earlier version built the patch matrix from k² strided slices and a
 * concatenation, which only paid off for layers with ≥ 64 output channels; the single shader pays off for
 * all of them (64x64 training step: 599 → 499 ms; 128x128: 4,686 → 3,513 ms). Non-NHWC data goes to
 * `native`. Installed over webgl's own by `useBackend('webgl')`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { filterGradByMatMulWebgl } from '@pix2pix-ts/backends';
 * const native = tf.getKernel('Conv2DBackpropFilter', 'webgl');
 * const replaced = native === undefined ? undefined : filterGradByMatMulWebgl(native);
 * ```
 */
export function filterGradByMatMulWebgl(native: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x, dy } = args.inputs;
    const { backend } = args;
    const dataFormat: unknown = args.attrs?.dataFormat ?? 'NHWC';
    if (x === undefined || dy === undefined || dataFormat !== 'NHWC' || !isDisposingBackend(backend) || !isWebglProgramRunner(backend)) return native.kernelFunc(args);
    const g = filterGradGeometry(x.shape, dy.shape, args.attrs);
    return kernelScope(backend, 'webgl', (run, adopt) => {
      const m = g.batch * g.outHeight * g.outWidth;
      const patches = adopt(backend.runWebGLProgram(im2colProgram(g), [x], 'float32'));
      const dw = run('BatchMatMul', { a: patches, b: run('Reshape', { x: dy }, { shape: [1, m, g.outChannels] }) }, { transposeA: true, transposeB: false });
      return run('Reshape', { x: dw }, { shape: [g.filterHeight, g.filterWidth, g.inChannels, g.outChannels] });
    });
  };
  return { kernelName: tf.Conv2DBackpropFilter, backendName: 'webgl', kernelFunc };
}

/**
 * im2col as one packed shader: the patch matrix `[1, batch·outH·outW, filterH·filterW·inC]` of the
 * forward convolution (row = output pixel, column = tap and input channel, zero where the tap falls in
 * the padding), written 2x2 values per texel straight from the packed input, ready for a packed
 * `BatchMatMul`. Replaces filterH·filterW strided slices and their concatenation (two full passes each).
 */
function im2colProgram(g: FilterGradGeometry): GPGPUProgram {
  const m = g.batch * g.outHeight * g.outWidth;
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const pixels = g.outHeight * g.outWidth;
  const tapRow = g.filterWidth * g.inChannels;
  const values = [0, 1, 2, 3]
    .map((t) => {
      const [dr, dc] = [t >> 1, t & 1];
      return `
        row = rc.y + ${dr};
        col = rc.z + ${dc};
        if (row < ${m} && col < ${k}) {
          b = row / ${pixels};
          pixel = row - b * ${pixels};
          oy = pixel / ${g.outWidth};
          i = col / ${tapRow};
          tap = col - i * ${tapRow};
          j = tap / ${g.inChannels};
          ch = tap - j * ${g.inChannels};
          iy = oy * ${g.strideHeight} - ${g.padTop} + i;
          ix = (pixel - oy * ${g.outWidth}) * ${g.strideWidth} - ${g.padLeft} + j;
          if (iy >= 0 && iy < ${g.inHeight} && ix >= 0 && ix < ${g.inWidth}) {
            result[${t}] = getChannel(getA(b, iy, ix, ch), vec2(ix, ch));
          }
        }`;
    })
    .join('');
  return {
    variableNames: ['A'],
    outputShape: [1, m, k],
    packedInputs: true,
    packedOutput: true,
    userCode: `
      void main() {
        ivec3 rc = getOutputCoords();
        vec4 result = vec4(0.0);
        int row, col, b, pixel, oy, i, tap, j, ch, iy, ix;
        ${values}
        setOutput(result);
      }
    `,
  };
}
