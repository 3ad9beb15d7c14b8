import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { ADAM_UPDATE } from '../registry/kernel-names';
import { adamUpdateAttrs, adamUpdateInputs } from '../shared/adam-update-math';
import { isWebglProgramRunner } from './program-runner';

/**
 * One element-wise program over tensors of one shape: `variableNames` are read at the output's
 * coordinates, `expression` (GLSL, `float` or `vec4` by packing) is written. The scalars are uniforms,
 * so the program compiles once per shape, not once per step (Adam's step size changes every step).
 */
function elementwise(shape: readonly number[], variableNames: readonly string[], uniforms: readonly string[], expression: string, packed: boolean): GPGPUProgram {
  const type = packed ? 'vec4' : 'float';
  const reads = variableNames.map((v) => `${type} ${v} = get${v.toUpperCase()}AtOutCoords();`).join('\n        ');
  return {
    variableNames: [...variableNames.map((v) => v.toUpperCase())],
    outputShape: [...shape],
    packedInputs: packed,
    packedOutput: packed,
    customUniforms: uniforms.map((name) => ({ name, type: 'float' as const })),
    userCode: `
      void main() {
        ${reads}
        setOutput(${expression});
      }
    `,
  };
}

/**
 * {@link ADAM_UPDATE} on webgl, outputs `[param', m', v']`: three element-wise shaders instead of
 * tfjs-core's ~11 element-wise kernels per parameter (each a full pass over the texture, and on a CPU
 * rasteriser like SwiftShader a texel fetch is what costs):
 *
 * `m' = β1·m + (1−β1)·g`, `v' = β2·v + (1−β2)·g²`, `p' = p − (stepSize·sqrtBc2) · m' / (√v' + ε·sqrtBc2)`.
 *
 * `p'` reads the new moments back from their textures, as the other backends' kernels use the stored
 * float32 moments. Packed (`vec4`) or not as tfjs's `WEBGL_PACK` says. Registered by
 * `useBackend('webgl')`.
 *
 * @example
 * ```ts
 * // browser only, after useBackend('webgl') (which registers it)
 * import * as tf from '@tensorflow/tfjs-core';
 * import { ADAM_UPDATE } from '@pix2pix-ts/backends';
 * const [p, m, v] = tf.engine().runKernel(ADAM_UPDATE, { param: tf.ones([2]), grad: tf.ones([2]), m: tf.zeros([2]), v: tf.zeros([2]) },
 *   { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: Math.sqrt(0.001) }) as tf.Tensor[];
 * ```
 */
export const adamUpdateWebgl: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'webgl',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const [param, grad, m, v] = adamUpdateInputs(inputs);
    // The shaders read every input at the output's coordinates: equal sizes are not enough here.
    for (const t of [grad, m, v]) {
      if (!tf.util.arraysEqual(t.shape, param.shape)) throw new Error(`${ADAM_UPDATE}: inputs must have the same shape; got [${param.shape.join(',')}] and [${t.shape.join(',')}]`);
    }
    if (!isWebglProgramRunner(backend)) throw new Error(`${ADAM_UPDATE}: not handed the webgl backend`);
    const a = adamUpdateAttrs(attrs);
    const packed = tf.env().getBool('WEBGL_PACK');
    const s = param.shape;
    const m1 = backend.runWebGLProgram(elementwise(s, ['m', 'g'], ['beta1', 'c1'], 'beta1 * m + c1 * g', packed), [m, grad], 'float32', [[a.beta1], [1 - a.beta1]]);
    const v1 = backend.runWebGLProgram(elementwise(s, ['v', 'g'], ['beta2', 'c2'], 'beta2 * v + c2 * (g * g)', packed), [v, grad], 'float32', [[a.beta2], [1 - a.beta2]]);
    const p1 = backend.runWebGLProgram(
      elementwise(s, ['p', 'm', 'v'], ['k', 'e'], 'p - k * m / (sqrt(v) + e)', packed),
      [param, m1, v1],
      'float32',
      [[a.stepSize * a.sqrtBc2], [a.epsilon * a.sqrtBc2]],
    );
    return [p1, m1, v1];
  }) satisfies KernelFunc,
};
