import * as tf from '@tensorflow/tfjs-core';

/**
 * Mean per-pixel softmax cross-entropy of class logits `[N, H, W, C]` against class indices `[N, H, W]`
 * (int32): `-mean(log softmax(logits)[label])`, the FCN training loss.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { pixelCrossEntropy } from '@pix2pix-ts/pix2pix';
 * const loss = pixelCrossEntropy(tf.zeros([1, 2, 2, 4]), tf.zeros([1, 2, 2], 'int32')); // log 4
 * ```
 */
export function pixelCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[logits.rank - 1] ?? 0;
    const oneHot = tf.oneHot(tf.cast(tf.reshape(labels, [-1]), 'int32'), classes);
    const logProbs = tf.logSoftmax(tf.reshape(logits, [-1, classes]));
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logProbs), 1))) as tf.Scalar;
  });
}
