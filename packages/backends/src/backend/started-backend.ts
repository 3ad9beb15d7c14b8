import * as tf from '@tensorflow/tfjs-core';

/**
 * The backend `name` if it has started, else `undefined`. Only looks: `tf.findBackend` instead *starts*
 * a registered backend that has not started yet, with the settings in force at that moment. Asking it
 * about wasm between `setThreadsCount` and `tf.setBackend` began a second, single-threaded start that
 * raced the threaded one (about half of the runs came up with one thread).
 *
 * @example
 * ```ts
 * import { startedBackend } from '@pix2pix-ts/backends';
 *
 * startedBackend('wasm'); // undefined until useBackend('wasm') (or tf.setBackend('wasm')) has run
 * ```
 */
export function startedBackend(name: string): tf.KernelBackend | undefined {
  return tf.engine().registry[name];
}
