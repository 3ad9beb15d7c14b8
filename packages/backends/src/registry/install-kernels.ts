import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import type { BackendName } from '../backend/backend-name';
import { installGradient } from '../gradients/register-gradient-fixes';
import { BACKEND_KERNELS, KERNEL_GRADIENTS } from './backend-kernels';

/**
 * Registers the kernels {@link BACKEND_KERNELS} adds to `backend`, leaving any kernel the backend
 * already has (a future tfjs may ship its own) in place, and the gradients of this package's kernels
 * ({@link KERNEL_GRADIENTS}). Idempotent; works before or after the backend starts. `useBackend`
 * calls it.
 *
 * @returns the names of this package's kernels now registered for `backend`
 *
 * @example
 * ```ts
 * import { registerExtraKernels } from '@pix2pix-ts/backends';
 *
 * registerExtraKernels('wasm'); // ['Conv2DBackpropFilter', 'Pix2PixAdamUpdate', 'Pix2PixBatchNormTrain', 'Pix2PixBatchNormTrainGrad', 'Pix2PixLeakyReluGrad']
 * registerExtraKernels('cpu'); // ['Pix2PixAdamUpdate', 'Pix2PixBatchNormTrain', 'Pix2PixBatchNormTrainGrad', 'Pix2PixLeakyReluGrad']
 * ```
 */
export function registerExtraKernels(backend: BackendName): readonly string[] {
  KERNEL_GRADIENTS.forEach(installGradient);
  const ours: string[] = [];
  for (const config of BACKEND_KERNELS[backend].adds) {
    const existing = tf.getKernel(config.kernelName, config.backendName);
    if (existing === undefined) tf.registerKernel(config);
    if (existing === undefined || existing.kernelFunc === config.kernelFunc) ours.push(config.kernelName);
  }
  return ours;
}

/** The backends' own kernels, by `backend/kernel`, while a replacement is installed. */
const natives = new Map<string, KernelConfig | undefined>();
/** The replacement configs this package registered (to recognise them in the registry). */
const installed = new WeakSet<KernelConfig>();

function swap(kernelName: string, backendName: string, next: KernelConfig | undefined): void {
  if (tf.getKernel(kernelName, backendName) !== undefined) tf.unregisterKernel(kernelName, backendName);
  if (next !== undefined) tf.registerKernel(next);
}

/**
 * Installs the replacements {@link BACKEND_KERNELS} lists for `backend` over its own kernels (kept
 * as fallbacks and restorable). Idempotent; works before or after the backend starts, once the
 * backend's package is imported (its own kernels are registered then). `useBackend` calls it.
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
  for (const r of BACKEND_KERNELS[backend].replaces) {
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
 * Puts `backend`'s own kernels back where {@link registerKernelReplacements} replaced them
 * (`useBackend(name, { replaceKernels: false })` does this).
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
  for (const r of BACKEND_KERNELS[backend].replaces) {
    const key = `${r.backendName}/${r.kernelName}`;
    const current = tf.getKernel(r.kernelName, r.backendName);
    if (current === undefined || !installed.has(current) || !natives.has(key)) continue;
    swap(r.kernelName, r.backendName, natives.get(key));
    natives.delete(key);
    restored.push(r.kernelName);
  }
  return restored;
}
