import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { TensorInfo } from '@tensorflow/tfjs-core';

/**
 * The part of tfjs's `MathBackendWebGL` a custom shader needs: running a `GPGPUProgram` on input
 * textures (tfjs packs or unpacks them as the program declares), with optional uniform values.
 *
 * @example
 * ```ts
 * import type { WebglProgramRunner } from '@pix2pix-ts/backends';
 * import type { TensorInfo } from '@tensorflow/tfjs-core';
 *
 * const copy = (backend: WebglProgramRunner, x: TensorInfo): TensorInfo =>
 *   backend.runWebGLProgram({ variableNames: ['X'], outputShape: [...x.shape], userCode: 'void main() { setOutput(getXAtOutCoords()); }' }, [x], 'float32');
 * ```
 */
export interface WebglProgramRunner {
  runWebGLProgram(program: GPGPUProgram, inputs: TensorInfo[], outputDtype: 'float32', customUniformValues?: number[][]): TensorInfo;
}

/**
 * Whether the untyped `backend` a kernel receives can run custom shaders (tfjs's webgl backend can).
 *
 * @example
 * ```ts
 * import { isWebglProgramRunner } from '@pix2pix-ts/backends';
 *
 * isWebglProgramRunner({}); // false
 * ```
 */
export function isWebglProgramRunner(backend: unknown): backend is WebglProgramRunner {
  return typeof backend === 'object' && backend !== null && typeof Reflect.get(backend, 'runWebGLProgram') === 'function';
}
