import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import type { BackendName } from '../backend/backend-name';
import { adamUpdateCpu, adamUpdateWasm } from './adam/adam-update-kernels';
import { conv2dBackpropFilterWasm } from './wasm/conv2d-backprop-filter';
import { adamUpdateWebgpu } from '../webgpu/adam-update-webgpu';

/**
 * The kernels each backend lacks for pix2pix training, as found by this package's audit (every
 * forward op and gradient of the pix2pix layers and losses run on each backend): wasm has no
 * `Conv2DBackpropFilter`; cpu, webgl and webgpu have everything. Also the fused Adam update
 * ({@link ADAM_UPDATE}, one kernel per parameter instead of ~13 element-wise ones) on cpu, wasm and webgpu
 * (webgl's is installed by `@pix2pix-ts/browser`'s `setupWebgl`).
 *
 * @example
 * ```ts
 * import { EXTRA_KERNELS } from '@pix2pix-ts/backends';
 *
 * EXTRA_KERNELS.wasm.map((k) => k.kernelName); // ['Conv2DBackpropFilter', 'Pix2PixAdamUpdate']
 * ```
 */
export const EXTRA_KERNELS: Readonly<Record<BackendName, readonly KernelConfig[]>> = {
  cpu: [adamUpdateCpu],
  wasm: [conv2dBackpropFilterWasm, adamUpdateWasm],
  webgl: [],
  webgpu: [adamUpdateWebgpu],
};

/**
 * Registers {@link EXTRA_KERNELS} for `backend`, leaving any kernel the backend already has (a
 * future tfjs may ship its own) in place. Idempotent; works before or after the backend starts.
 *
 * @returns the names of this package's kernels now registered for `backend`
 *
 * @example
 * ```ts
 * import { registerExtraKernels } from '@pix2pix-ts/backends';
 *
 * registerExtraKernels('wasm'); // ['Conv2DBackpropFilter', 'Pix2PixAdamUpdate']
 * registerExtraKernels('cpu'); // ['Pix2PixAdamUpdate']
 * ```
 */
export function registerExtraKernels(backend: BackendName): readonly string[] {
  const ours: string[] = [];
  for (const config of EXTRA_KERNELS[backend]) {
    const existing = tf.getKernel(config.kernelName, config.backendName);
    if (existing === undefined) tf.registerKernel(config);
    if (existing === undefined || existing.kernelFunc === config.kernelFunc) ours.push(config.kernelName);
  }
  return ours;
}
