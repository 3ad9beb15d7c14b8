import * as tf from '@tensorflow/tfjs-core';
import type { AnyLayer, Key } from '@pix2pix-ts/layers';
import type { NetVars } from '../train/train-state';

/** Test-time behaviour; the defaults are the paper's and the official `test.py`'s without `--eval`. */
export interface TranslateOptions {
  /** Keep dropout on, the paper's source of noise at test time (default true; needs `key`). */
  readonly dropout?: boolean;
  /** Normalise with the batch's statistics as the official test does without `--eval` (default true). */
  readonly batchStats?: boolean;
  /** The dropout key (default: a fixed key, so repeated calls agree). */
  readonly key?: Key;
}

const DEFAULT_KEY = [0, 1] as unknown as Key;

/**
 * Translates images with a trained generator: `image` NHWC in [-1, 1] -> output in [-1, 1]. Nothing is
 * updated (the returned norm statistics are discarded); the caller owns the result.
 *
 * @example
 * ```ts
 * // const photo = translate(generator, state.g, labels, { dropout: false });
 * ```
 */
export function translate(generator: AnyLayer, vars: NetVars, image: tf.Tensor4D, options: TranslateOptions = {}): tf.Tensor4D {
  const dropout = options.dropout ?? true;
  return tf.tidy(() => {
    const out = generator.impl.apply(vars.params, vars.state, image, {
      training: false,
      dropout,
      batchStats: options.batchStats ?? true,
      key: options.key ?? DEFAULT_KEY,
    });
    return out.y as tf.Tensor4D;
  });
}
