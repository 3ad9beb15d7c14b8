import { inputGradGeometry, type InputGradGeometry } from '../shared/conv2d-backprop-input-attrs';
import { isDisposingBackend, kernelScope } from '../shared/kernel-scope';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { isWebglProgramRunner } from './program-runner';

/**
 * col2im: sums the patch-gradient matrix `dP` (`[batch·outH·outW, filterH·filterW·inC]`, row = an
 * output pixel of the forward conv, column = a tap and input channel) back onto the input grid. Each
 * input pixel gathers the taps that read it: with stride s, about (filterH/s)·(filterW/s) of them, so
 * 4 texel fetches for the U-Net's 4x4 stride-2 layers.
 */
function col2imProgram(g: InputGradGeometry): GPGPUProgram {
  return {
    variableNames: ['P'],
    outputShape: [g.batch, g.inHeight, g.inWidth, g.inChannels],
    userCode: `
      void main() {
        ivec4 coords = getOutputCoords();
        int b = coords.x;
        int y = coords.y;
        int x = coords.z;
        int c = coords.w;
        float sum = 0.0;
        for (int i = 0; i < ${g.filterHeight}; i++) {
          int ty = y + ${g.padTop} - i;
          if (ty < 0) break;
          int oy = ty / ${g.strideHeight};
          if (oy * ${g.strideHeight} != ty || oy >= ${g.outHeight}) continue;
          for (int j = 0; j < ${g.filterWidth}; j++) {
            int tx = x + ${g.padLeft} - j;
            if (tx < 0) break;
            int ox = tx / ${g.strideWidth};
            if (ox * ${g.strideWidth} != tx || ox >= ${g.outWidth}) continue;
            sum += getP((b * ${g.outHeight} + oy) * ${g.outWidth} + ox, (i * ${g.filterWidth} + j) * ${g.inChannels} + c);
          }
        }
        setOutput(sum);
      }
    `,
  };
}

/**
 * webgl's `Conv2DBackpropInput` (the input gradient of a convolution, and the forward pass of a transposed
 * one) as `dP = dy · Wᵀ` (one packed `BatchMatMul`) followed by a col2im shader ({@link col2imProgram}).
 * tfjs's own shader loops over every tap and output channel with scalar texel fetches; on SwiftShader
 * that took 17 ms for a 7x7x128 → 8x8x64 4x4 layer. Non-NHWC data goes to `native`. Installed over webgl's own by
 * `useBackend('webgl')`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { inputGradByMatMulWebgl } from '@pix2pix-ts/backends';
 * const native = tf.getKernel('Conv2DBackpropInput', 'webgl');
 * const replaced = native === undefined ? undefined : inputGradByMatMulWebgl(native);
 * ```
 */
export function inputGradByMatMulWebgl(native: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { dy, filter } = args.inputs;
    const { backend } = args;
    const dataFormat: unknown = args.attrs?.dataFormat ?? 'NHWC';
    if (dy === undefined || filter === undefined || dataFormat !== 'NHWC' || !isDisposingBackend(backend) || !isWebglProgramRunner(backend)) return native.kernelFunc(args);
    const g = inputGradGeometry(dy.shape, filter.shape, args.attrs);
    const m = g.batch * g.outHeight * g.outWidth;
    const k = g.filterHeight * g.filterWidth * g.inChannels;
    return kernelScope(backend, 'webgl', (run, adopt) => {
      const dP = run(
        'BatchMatMul',
        { a: run('Reshape', { x: dy }, { shape: [1, m, g.outChannels] }), b: run('Reshape', { x: filter }, { shape: [1, k, g.outChannels] }) },
        { transposeA: false, transposeB: true },
      );
      return adopt(backend.runWebGLProgram(col2imProgram(g), [run('Reshape', { x: dP }, { shape: [m, k] })], 'float32'));
    });
  };
  return { kernelName: tf.Conv2DBackpropInput, backendName: 'webgl', kernelFunc };
}
