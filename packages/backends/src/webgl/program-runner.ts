import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { TensorInfo } from '@tensorflow/tfjs-core';

/**
 * The part of tfjs's `MathBackendWebGL` a custom shader needs: running a `GPGPUProgram` on input
 * textures (tfjs packs or unpacks them as the program declares), with optional uniform values.
 *
 * @example
 * ```ts
 * import type { ProgramRunner } from '@pix2pix-ts/browser';
 * import type { TensorInfo } from '@tensorflow/tfjs-core';
 *
 * const copy = (backend: ProgramRunner, x: TensorInfo): TensorInfo =>
 *   backend.runWebGLProgram({ variableNames: ['X'], outputShape: [...x.shape], userCode: 'void main() { setOutput(getXAtOutCoords()); }' }, [x], 'float32');
 * ```
 */
export interface ProgramRunner {
  runWebGLProgram(program: GPGPUProgram, inputs: TensorInfo[], outputDtype: 'float32', customUniformValues?: number[][]): TensorInfo;
}

/**
 * Whether the untyped `backend` a kernel receives can run custom shaders (tfjs's webgl backend can).
 *
 * @example
 * ```ts
 * import { isProgramRunner } from '@pix2pix-ts/browser';
 *
 * isProgramRunner({}); // false
 * ```
 */
export function isProgramRunner(backend: unknown): backend is ProgramRunner {
  return typeof backend === 'object' && backend !== null && typeof Reflect.get(backend, 'runWebGLProgram') === 'function';
}
