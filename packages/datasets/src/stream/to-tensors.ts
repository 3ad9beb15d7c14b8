import * as tf from '@tensorflow/tfjs-core';
import { targetChannels, type Batch } from './batch';

/**
 * A batch as two tfjs tensors of shape `[N, H, W, C]` (float32, NHWC as tfjs convolutions expect; C = 3, or 1 and 2
 * in `colorization` mode). The caller owns them: dispose them (or create them inside `tf.tidy`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { batchToTensors, type Batch } from '@pix2pix-ts/datasets';
 * const step = (batch: Batch) => tf.tidy(() => {
 *   const { a, b } = batchToTensors(batch);
 *   return tf.mean(tf.abs(tf.sub(a, b)));
 * });
 * ```
 */
export const batchToTensors = (batch: Batch): { readonly a: tf.Tensor4D; readonly b: tf.Tensor4D } => {
  const shape: [number, number, number, number] = [batch.shape[0], batch.shape[1], batch.shape[2], batch.shape[3]];
  return { a: tf.tensor4d(batch.a, shape, 'float32'), b: tf.tensor4d(batch.b, [shape[0], shape[1], shape[2], targetChannels(batch)], 'float32') };
};
