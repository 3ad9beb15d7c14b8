import * as tf from '@tensorflow/tfjs-core';

/** The official `--gan_mode` choices implemented: `vanilla` (the paper's, BCE with logits) and `lsgan`. */
export type GanMode = 'vanilla' | 'lsgan';

/**
 * The cGAN objective of one discriminator output against a real (1) or fake (0) target, averaged over
 * every patch: the official `GANLoss`. `vanilla` is binary cross-entropy on logits, written in its
 * overflow-free form `max(x, 0) - x·z + log(1 + e^{-|x|})`; `lsgan` is the mean squared error.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { ganLoss } from '@pix2pix-ts/pix2pix';
 * const loss = ganLoss(tf.zeros([1, 30, 30, 1]), true, 'vanilla'); // log 2
 * ```
 */
export function ganLoss(prediction: tf.Tensor, targetIsReal: boolean, mode: GanMode): tf.Scalar {
  return tf.tidy(() => {
    const z = targetIsReal ? 1 : 0;
    if (mode === 'lsgan') return tf.mean(tf.square(tf.sub(prediction, z)));
    const x = prediction;
    const perPatch = tf.add(tf.sub(tf.relu(x), tf.mul(x, z)), tf.log1p(tf.exp(tf.neg(tf.abs(x)))));
    return tf.mean(perPatch);
  }) as tf.Scalar;
}

/**
 * Mean absolute error: the paper's L1 term (before the λ weight).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { l1Loss } from '@pix2pix-ts/pix2pix';
 * l1Loss(tf.ones([2, 2]), tf.zeros([2, 2])); // 1
 * ```
 */
export function l1Loss(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(a, b)))) as tf.Scalar;
}
