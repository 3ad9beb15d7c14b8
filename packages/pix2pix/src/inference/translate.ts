import * as tf from '@tensorflow/tfjs-core';
import { key, shaped, untyped, type AnyLayer, type Key, type Layer, type Sig } from '@pix2pix-ts/layers';
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

/** The key `[0, 1]` (high word 0, low word 1) every default translation draws its dropout masks from. */
const DEFAULT_KEY: Key = key(1);

/**
 * Each generator's run-time-checked view, made once: the view remembers the last image shape it checked, so
 * translating image after image of one size walks the generator's signature once, not once per image.
 */
const checkedViews = new WeakMap<AnyLayer, Layer<Sig>>();

function checkedView(generator: AnyLayer): Layer<Sig> {
  const known = checkedViews.get(generator);
  if (known !== undefined) return known;
  const view = untyped(generator);
  checkedViews.set(generator, view);
  return view;
}

/**
 * Translates images with a trained generator: `image` NHWC in [-1, 1] -> output in [-1, 1]. Nothing is
 * updated (the returned norm statistics are discarded); the caller owns the result. The image's size is
 * read at run time: it is checked to be rank 4 here and against the generator's layers by its `apply`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { key } from '@pix2pix-ts/layers';
 * import { translate, unetGenerator } from '@pix2pix-ts/pix2pix';
 * const generator = unetGenerator({ depth: 5, ngf: 4, outChannels: 3 });
 * const { params, state } = generator.init(key(0), [1, 32, 32, 3]);
 * const photo = translate(generator, { params, state }, tf.zeros([1, 32, 32, 3]), { dropout: false }); // [1, 32, 32, 3]
 * ```
 */
export function translate<G extends Sig>(generator: Layer<G>, vars: NetVars, image: tf.Tensor4D, options: TranslateOptions = {}): tf.Tensor4D {
  const x = shaped(image, [null, null, null, null], 'translate: image');
  // The outer tidy frees the norm statistics `apply` returns; only the output survives.
  return tf.tidy(() => {
    const { y } = checkedView(generator).apply(vars.params, vars.state, x, {
      training: false,
      dropout: options.dropout ?? true,
      batchStats: options.batchStats ?? true,
      key: options.key ?? DEFAULT_KEY,
    });
    // tfjs types ranks as `Tensor4D`; `apply` checked the output is NHWC (the generator's signature on `x`).
    return y as tf.Tensor4D;
  });
}
