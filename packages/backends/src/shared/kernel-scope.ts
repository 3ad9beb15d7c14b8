import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * Runs another kernel registered for the same backend, from inside a kernel. The output is an
 * intermediate: the enclosing {@link kernelScope} releases it unless it is the value returned.
 *
 * @example
 * ```ts
 * import type { TensorInfo } from '@tensorflow/tfjs-core';
 * import type { RunKernel } from '@pix2pix-ts/backends';
 *
 * const transpose2d = (run: RunKernel, x: TensorInfo): TensorInfo => run('Transpose', { x }, { perm: [1, 0] });
 * ```
 */
export type RunKernel = (kernelName: string, inputs: NamedTensorInfoMap, attrs?: NamedAttrMap) => TensorInfo;

/**
 * Hands an intermediate made outside {@link RunKernel} (e.g. written straight into a backend's
 * memory) to the enclosing {@link kernelScope}, which releases it like any other intermediate
 * unless it is the value returned. Returns its argument.
 *
 * @example
 * ```ts
 * import type { TensorInfo } from '@tensorflow/tfjs-core';
 * import type { Adopt } from '@pix2pix-ts/backends';
 *
 * const keepTrack = (adopt: Adopt, made: TensorInfo): TensorInfo => adopt(made);
 * ```
 */
export type Adopt = (info: TensorInfo) => TensorInfo;

/**
 * The narrow view of a tfjs backend that composite kernels need: releasing the data of an
 * intermediate tensor. Every `KernelBackend` has it, and honours reference counts.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import type { DisposingBackend } from '@pix2pix-ts/backends';
 *
 * const release = (backend: DisposingBackend, t: tf.TensorInfo): boolean => backend.disposeData(t.dataId);
 * ```
 */
export type DisposingBackend = Pick<KernelBackend, 'disposeData'>;

/**
 * Whether the untyped `backend` a kernel receives can release data (all tfjs backends can).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { isDisposingBackend } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * isDisposingBackend(tf.backend()); // true
 * ```
 */
export function isDisposingBackend(backend: unknown): backend is DisposingBackend {
  return typeof backend === 'object' && backend !== null && typeof Reflect.get(backend, 'disposeData') === 'function';
}

/**
 * Builds a composite kernel out of other kernels of `backendName`, calling their registered
 * `kernelFunc`s directly (no tape, no engine bookkeeping) and releasing every intermediate on the
 * way out, also when `body` throws, so the composite leaks no backend memory.
 *
 * @param backend the backend instance the enclosing kernel was handed
 * @param backendName the registry name of that backend, e.g. `'wasm'`
 * @param body computes the result with `run` (and `adopt` for intermediates it makes itself); the
 *   `TensorInfo` it returns is kept, all else released
 * @returns the result of `body`, owned by the caller (the engine, when used inside a kernel)
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { kernelScope } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * const x = tf.tensor2d([[1, 2], [3, 4]]);
 * // A "transpose twice" kernel body: the first transpose is released, the second returned.
 * const info = kernelScope(tf.backend(), 'cpu', (run) => {
 *   const t = run('Transpose', { x }, { perm: [1, 0] });
 *   return run('Transpose', { x: t }, { perm: [1, 0] });
 * });
 * const y = tf.engine().makeTensorFromTensorInfo(info); // [[1, 2], [3, 4]]
 * ```
 */
export function kernelScope(
  backend: DisposingBackend,
  backendName: string,
  body: (run: RunKernel, adopt: Adopt) => TensorInfo,
): TensorInfo {
  const [result] = kernelScopeMany(backend, backendName, (run, adopt) => [body(run, adopt)]);
  if (result === undefined) throw new Error('@pix2pix-ts/backends: kernelScope lost its result'); // unreachable: one result in, one out
  return result;
}

/**
 * {@link kernelScope} for kernels with several outputs: `body` returns them all, every other
 * intermediate is released (also when `body` throws).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { kernelScopeMany } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * const x = tf.tensor1d([1, 2]);
 * const [sq, neg] = kernelScopeMany(tf.backend(), 'cpu', (run) => [run('Square', { x }), run('Neg', { x })]);
 * ```
 */
export function kernelScopeMany(
  backend: DisposingBackend,
  backendName: string,
  body: (run: RunKernel, adopt: Adopt) => readonly TensorInfo[],
): TensorInfo[] {
  const made: TensorInfo[] = [];
  const adopt: Adopt = (info) => {
    made.push(info);
    return info;
  };
  const run: RunKernel = (kernelName, inputs, attrs = {}) => {
    const config = tf.getKernel(kernelName, backendName);
    if (config === undefined) {
      throw new Error(`@pix2pix-ts/backends: kernel '${kernelName}' is not registered for backend '${backendName}'`);
    }
    const out = config.kernelFunc({ inputs, backend, attrs });
    if (Array.isArray(out)) {
      // Only single-output kernels are composed here; release all outputs before failing.
      for (const o of out) backend.disposeData(o.dataId);
      throw new Error(`@pix2pix-ts/backends: kernel '${kernelName}' returned ${out.length} outputs, expected one`);
    }
    made.push(out);
    return out;
  };
  let results: readonly TensorInfo[] = [];
  try {
    results = body(run, adopt);
    return [...results];
  } finally {
    // Each TensorInfo a kernel returns is one reference (wasm's reshape shares data and bumps its
    // ref count), so releasing each intermediate once is exact, even when the result shares its data.
    for (const info of made) if (!results.includes(info)) backend.disposeData(info.dataId);
  }
}
