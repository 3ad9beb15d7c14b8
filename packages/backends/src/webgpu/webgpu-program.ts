import type { TensorInfo } from '@tensorflow/tfjs-core';

/**
 * A compute shader as tfjs's webgpu backend runs it (the fields of its `WebGPUProgram` this
 * package's kernels use): WGSL `getUserCode()` with a `main(index)` over the output's flat index,
 * the inputs as storage arrays named `variableNames`, extra uniforms declared in `uniforms` (WGSL
 * struct fields) and the output's `size` when `size` is set. Declared here structurally, so that
 * importing this package never loads `@tensorflow/tfjs-backend-webgpu` (a page on webgl never
 * downloads it).
 *
 * @example
 * ```ts
 * import type { WebgpuProgram } from '@pix2pix-ts/backends';
 *
 * const copy: WebgpuProgram = {
 *   variableNames: ['X'], outputShape: [4], shaderKey: 'copy', size: true,
 *   dispatchLayout: { x: [0] }, dispatch: [1, 1, 1], workgroupSize: [64, 1, 1],
 *   getUserCode: () => 'fn main(index : i32) { if (index < uniforms.size) { setOutputAtIndex(index, X[index]); } }',
 * };
 * ```
 */
export interface WebgpuProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[]; y?: number[]; z?: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size?: boolean;
  uniforms?: string;
  getUserCode: () => string;
}

/**
 * Uniform values in the order a {@link WebgpuProgram}'s `uniforms` declares them.
 *
 * @example
 * ```ts
 * import type { WebgpuUniforms } from '@pix2pix-ts/backends';
 *
 * const uniforms: WebgpuUniforms = [{ type: 'float32', data: [2e-4] }, { type: 'int32', data: [1] }];
 * ```
 */
export type WebgpuUniforms = Array<{ type: 'float32' | 'int32'; data: number[] }>;

/**
 * The part of tfjs's `WebGPUBackend` a custom compute shader needs.
 *
 * @example
 * ```ts
 * import { isWebgpuProgramRunner } from '@pix2pix-ts/backends';
 *
 * isWebgpuProgramRunner({}); // false
 * ```
 */
export interface WebgpuProgramRunner {
  runWebGPUProgram(program: WebgpuProgram, inputs: TensorInfo[], outputDtype: 'float32', uniforms?: WebgpuUniforms): TensorInfo;
}

/**
 * Whether the untyped `backend` a kernel receives runs WebGPU compute shaders (tfjs's webgpu backend does).
 *
 * @example
 * ```ts
 * import { isWebgpuProgramRunner } from '@pix2pix-ts/backends';
 *
 * isWebgpuProgramRunner({ runWebGPUProgram: () => undefined }); // true
 * ```
 */
export function isWebgpuProgramRunner(backend: unknown): backend is WebgpuProgramRunner {
  return typeof backend === 'object' && backend !== null && typeof Reflect.get(backend, 'runWebGPUProgram') === 'function';
}

/**
 * An element-wise program over `size` float32 values: one invocation per output element, `body`
 * (WGSL) computes `let y` from the inputs read as `NAME[index]` and the uniforms. 64 invocations
 * per workgroup; tfjs spreads the workgroups over the dispatch's dimensions when there are more
 * than a dimension allows.
 *
 * @example
 * ```ts
 * import { elementwiseProgram } from '@pix2pix-ts/backends';
 *
 * elementwiseProgram('scale', [1000], ['X'], 'k : f32,', 'let y = uniforms.k * X[index];').dispatch; // [16, 1, 1]
 * ```
 */
export function elementwiseProgram(key: string, shape: readonly number[], variableNames: readonly string[], uniforms: string, body: string): WebgpuProgram {
  const size = shape.reduce((a, b) => a * b, 1);
  const workgroup = 64;
  return {
    variableNames: [...variableNames],
    outputShape: [...shape],
    shaderKey: key,
    size: true,
    uniforms,
    // A flat layout over every output dimension: `main` gets the flat index.
    dispatchLayout: { x: shape.map((_, i) => i) },
    dispatch: [Math.ceil(size / workgroup), 1, 1],
    workgroupSize: [workgroup, 1, 1],
    getUserCode: () => `
      fn main(index : i32) {
        if (index < uniforms.size) {
          ${body}
          setOutputAtIndex(index, y);
        }
      }
    `,
  };
}
