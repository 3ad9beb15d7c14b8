import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { ADAM_UPDATE } from '../registry/kernel-names';
import { adamUpdateAttrs, adamUpdateInputs } from '../shared/adam-update-math';
import { elementwiseProgram, isWebgpuProgramRunner } from './webgpu-program';

// The same expressions, in the same order, as the webgl shader's (cpu and wasm round m' and v' the same way).
const M_NEXT = 'uniforms.beta1 * M[index] + uniforms.c1 * G[index]';
const V_NEXT = 'uniforms.beta2 * V[index] + uniforms.c2 * (G[index] * G[index])';
const UNIFORMS = 'beta1 : f32, c1 : f32, beta2 : f32, c2 : f32, k : f32, e : f32,';

/**
 * {@link ADAM_UPDATE} on webgpu, outputs `[param', m', v']`:
 *
 * `m' = β1·m + (1−β1)·g`, `v' = β2·v + (1−β2)·g²`, `p' = p − (stepSize·sqrtBc2) · m' / (√v' + ε·sqrtBc2)`.
 *
 * Three element-wise compute shaders (tfjs's webgpu programs have one output each) instead of
 * tfjs-core's ~11 element-wise kernels per parameter; `p'` recomputes `m'` and `v'` from the inputs
 * (the same float32 operations, so the same values) rather than waiting on the other two, so the
 * three are independent. The scalars are uniforms, so each shader compiles once per parameter shape
 * rank, not once per step (the step size changes every step).
 *
 * @example
 * ```ts
 * // browser only, after selectBackend('webgpu') (which registers it)
 * import * as tf from '@tensorflow/tfjs-core';
 * import { ADAM_UPDATE } from '@pix2pix-ts/backends';
 * const [p, m, v] = tf.engine().runKernel(ADAM_UPDATE, { param: tf.ones([2]), grad: tf.ones([2]), m: tf.zeros([2]), v: tf.zeros([2]) },
 *   { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: Math.sqrt(0.001) }) as tf.Tensor[];
 * ```
 */
export const adamUpdateWebgpu: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'webgpu',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const [param, grad, m, v] = adamUpdateInputs(inputs);
    if (!isWebgpuProgramRunner(backend)) throw new Error(`${ADAM_UPDATE}: not handed the webgpu backend`);
    const a = adamUpdateAttrs(attrs);
    const uniforms = [a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.stepSize * a.sqrtBc2, a.epsilon * a.sqrtBc2].map((x) => ({ type: 'float32' as const, data: [x] }));
    const s = param.shape;
    // Each shader binds exactly the inputs it reads: a pipeline with layout 'auto' leaves unread ones out.
    const m1 = backend.runWebGPUProgram(elementwiseProgram('pix2pix_adam_m', s, ['M', 'G'], UNIFORMS, `let y = ${M_NEXT};`), [m, grad], 'float32', uniforms);
    const v1 = backend.runWebGPUProgram(elementwiseProgram('pix2pix_adam_v', s, ['V', 'G'], UNIFORMS, `let y = ${V_NEXT};`), [v, grad], 'float32', uniforms);
    const p1 = backend.runWebGPUProgram(
      elementwiseProgram(
        'pix2pix_adam_p',
        s,
        ['P', 'G', 'M', 'V'],
        UNIFORMS,
        `let m1 = ${M_NEXT};\n          let v1 = ${V_NEXT};\n          let y = P[index] - uniforms.k * m1 / (sqrt(v1) + uniforms.e);`,
      ),
      [param, grad, m, v],
      'float32',
      uniforms,
    );
    return [p1, m1, v1];
  }) satisfies KernelFunc,
};
