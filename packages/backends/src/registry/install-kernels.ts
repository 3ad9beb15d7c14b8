import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import type { BackendName } from '../backend/backend-name';
import { conv2dBackpropFilterCpu } from './cpu/conv2d-backprop-filter';
import { concatNarrowRows } from './wasm/concat-narrow';
import { conv2dBackpropInputWasm } from './wasm/conv2d-backprop-input';
import { explicitSamePadding } from './wasm/explicit-same-padding';
import { identityShared } from './wasm/identity-shared';
import { smallConvByMatMul } from './wasm/small-conv-by-matmul';
import { splitNarrowRows } from './wasm/split-narrow';

/**
 * A kernel to install over a backend's own (faster, or fixed), built from that own kernel, which
 * it may delegate to; `replace` returns `undefined` when there is nothing to wrap.
 *
 * @example
 * ```ts
 * import { conv2dBackpropInputWasm } from '@pix2pix-ts/backends';
 * import type { KernelReplacement } from '@pix2pix-ts/backends';
 *
 * const r: KernelReplacement = { kernelName: 'Conv2DBackpropInput', backendName: 'wasm', replace: conv2dBackpropInputWasm };
 * ```
 */
export interface KernelReplacement {
  readonly kernelName: string;
  readonly backendName: BackendName;
  readonly replace: (native: KernelConfig | undefined) => KernelConfig | undefined;
}

/**
 * The kernels this package replaces, by backend: cpu's `Conv2DBackpropFilter` (a slow loop nest)
 * by one dilated convolution ({@link conv2dBackpropFilterCpu}); wasm's `Conv2DBackpropInput` (plain loops) by an
 * XNNPACK sub-pixel convolution, and wasm's `Conv2D` / `FusedConv2D` by themselves with `'same'`
 * padding made explicit (their `'same'` is wrong for some kernel/stride shapes) and, for outputs
 * with few pixels per weight, computed as a matrix product ({@link smallConvByMatMul}); and wasm's
 * `Identity` by one that shares its input's data instead of copying it ({@link identityShared}); and
 * wasm's `Concat` and `SplitV` along short inner rows by element loops ({@link concatNarrowRows},
 * {@link splitNarrowRows}).
 *
 * @example
 * ```ts
 * import { KERNEL_REPLACEMENTS } from '@pix2pix-ts/backends';
 *
 * KERNEL_REPLACEMENTS.wasm.map((r) => r.kernelName); // ['Conv2DBackpropInput', 'Conv2D', 'FusedConv2D', 'Identity', 'Concat', 'SplitV']
 * KERNEL_REPLACEMENTS.cpu.map((r) => r.kernelName); // ['Conv2DBackpropFilter']
 * ```
 */
export const KERNEL_REPLACEMENTS: Readonly<Record<BackendName, readonly KernelReplacement[]>> = {
  cpu: [{ kernelName: tf.Conv2DBackpropFilter, backendName: 'cpu', replace: () => conv2dBackpropFilterCpu }],
  wasm: [
    { kernelName: tf.Conv2DBackpropInput, backendName: 'wasm', replace: conv2dBackpropInputWasm },
    { kernelName: tf.Conv2D, backendName: 'wasm', replace: (native) => smallConvByMatMul(explicitSamePadding(native)) },
    { kernelName: tf.FusedConv2D, backendName: 'wasm', replace: (native) => smallConvByMatMul(explicitSamePadding(native)) },
    { kernelName: tf.Identity, backendName: 'wasm', replace: identityShared },
    { kernelName: tf.Concat, backendName: 'wasm', replace: concatNarrowRows },
    { kernelName: tf.SplitV, backendName: 'wasm', replace: splitNarrowRows },
  ],
  webgl: [],
  webgpu: [],
};

/** The backends' own kernels, by `backend/kernel`, while a replacement is installed. */
const natives = new Map<string, KernelConfig | undefined>();
/** The replacement configs this package registered (to recognise them in the registry). */
const installed = new WeakSet<KernelConfig>();

function swap(kernelName: string, backendName: string, next: KernelConfig | undefined): void {
  if (tf.getKernel(kernelName, backendName) !== undefined) tf.unregisterKernel(kernelName, backendName);
  if (next !== undefined) tf.registerKernel(next);
}

/**
 * Installs {@link KERNEL_REPLACEMENTS} for `backend` over its own kernels (kept as fallbacks and
 * restorable). Idempotent; works before or after the backend starts.
 *
 * @returns the names of the kernels now replaced on `backend`
 *
 * @example
 * ```ts
 * import { registerKernelReplacements, restoreNativeKernels } from '@pix2pix-ts/backends';
 *
 * registerKernelReplacements('wasm'); // ['Conv2DBackpropInput', 'Conv2D', 'FusedConv2D', 'Identity', 'Concat', 'SplitV']
 * restoreNativeKernels('wasm'); // back to wasm's own, e.g. to compare
 * registerKernelReplacements('wasm');
 * ```
 */
export function registerKernelReplacements(backend: BackendName): readonly string[] {
  const replaced: string[] = [];
  for (const r of KERNEL_REPLACEMENTS[backend]) {
    const current = tf.getKernel(r.kernelName, r.backendName);
    if (current !== undefined && installed.has(current)) {
      replaced.push(r.kernelName);
      continue;
    }
    const replacement = r.replace(current);
    if (replacement === undefined) continue;
    natives.set(`${r.backendName}/${r.kernelName}`, current);
    installed.add(replacement);
    swap(r.kernelName, r.backendName, replacement);
    replaced.push(r.kernelName);
  }
  return replaced;
}

/**
 * Puts `backend`'s own kernels back where {@link registerKernelReplacements} replaced them.
 *
 * @returns the names of the kernels restored
 *
 * @example
 * ```ts
 * import { restoreNativeKernels } from '@pix2pix-ts/backends';
 *
 * restoreNativeKernels('wasm'); // [] unless replacements were installed
 * ```
 */
export function restoreNativeKernels(backend: BackendName): readonly string[] {
  const restored: string[] = [];
  for (const r of KERNEL_REPLACEMENTS[backend]) {
    const key = `${r.backendName}/${r.kernelName}`;
    const current = tf.getKernel(r.kernelName, r.backendName);
    if (current === undefined || !installed.has(current) || !natives.has(key)) continue;
    swap(r.kernelName, r.backendName, natives.get(key));
    natives.delete(key);
    restored.push(r.kernelName);
  }
  return restored;
}
