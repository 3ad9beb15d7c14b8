import * as tf from '@tensorflow/tfjs-core';
import { isNode } from '../node/is-node';
import { installTfjsCoreEsmResolver } from '../node/tfjs-core-esm-resolver';

/** Kernels whose gradients must be registered for pix2pix training to run; one probe is enough. */
const PROBE_KERNELS = ['Conv2D', 'Conv2DBackpropInput', 'MirrorPad', 'FusedBatchNorm', 'LeakyRelu'] as const;

function coreGradientsRegistered(): boolean {
  return PROBE_KERNELS.every((k) => tf.getGradient(k) !== undefined);
}

async function importCoreGradients(): Promise<void> {
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
}

/**
 * Makes sure tfjs-core's gradient functions are registered. `@tensorflow/tfjs-core` alone (unlike
 * the `@tensorflow/tfjs` bundle) registers none, so `tf.grad` fails with "gradient function not
 * found" until `register_all_gradients` is imported. That module is bundler-style ESM: bundlers
 * and vitest load it as is; under Node a scoped resolver hook is installed first
 * ({@link installTfjsCoreEsmResolver}). Idempotent and cheap after the first call.
 *
 * @throws Error when the gradients cannot be loaded
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { ensureCoreGradients } from '@pix2pix-ts/backends';
 *
 * await ensureCoreGradients();
 * await tf.setBackend('cpu');
 * tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2])).print(); // [2, 4]
 * ```
 */
export async function ensureCoreGradients(): Promise<void> {
  if (coreGradientsRegistered()) return;
  // Install the hook before the first attempt: Node caches a failed module graph, so no retry.
  if (isNode()) await installTfjsCoreEsmResolver();
  await importCoreGradients();
  if (!coreGradientsRegistered()) {
    throw new Error('tfjs-core gradients were imported but are not registered (two tfjs-core registries?)');
  }
}
