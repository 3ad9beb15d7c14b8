import * as E from 'fp-ts/Either';
import { backendErrorToError } from './backend/backend-error';
import type { BackendInfo } from './backend/backend-info';
import type { BackendName } from './backend/backend-name';
import { selectBackend } from './select-backend';
import type { SelectBackendOptions } from './select-backend';

/**
 * {@link selectBackend} for `async` code: resolves to the {@link BackendInfo} or throws an `Error`
 * such as "could not select tfjs backend 'webgl' (init): not registered: …" (its `cause` is the
 * {@link BackendError}, or the error underneath).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * const w = tf.ones([4, 4, 3, 8]);
 * const dw = tf.grad((f) => tf.sum(tf.conv2d(tf.ones<tf.Rank.R4>([1, 16, 16, 3]), f as tf.Tensor4D, 2, 1)))(w); // works on wasm
 * ```
 */
export async function useBackend(name: BackendName, options: SelectBackendOptions = {}): Promise<BackendInfo> {
  const result = await selectBackend(name, options)();
  if (E.isLeft(result)) throw backendErrorToError(result.left);
  return result.right;
}
