import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer } from '../core/layer';
import { IDENTITY_SIG, type IdentitySig } from '../core/identity-sig';
import type { NoParams } from '../core/signature';
import { seedOf } from '../random/key';

/**
 * Inverted dropout (PyTorch's `nn.Dropout`): zeroes each value with probability `rate` and scales the
 * rest by `1 / (1 - rate)`. Active when `ctx.dropout ?? ctx.training`; the paper keeps it active at test
 * time as its only source of noise. The mask is a pure function of `ctx.key`, so runs are reproducible.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { dropout, key, shaped } from '@pix2pix-ts/layers';
 * const d = dropout(0.5);
 * const x = shaped(tf.ones([1, 4, 4, 2]), [1, 4, 4, 2]);
 * const { y } = d.apply({}, {}, x, { training: true, key: key(7) });
 * ```
 */
export function dropout(rate = 0.5): Layer<IdentitySig> {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`dropout: rate must be in [0, 1), got ${rate}`);
  return defineLayer<IdentitySig, NoParams, NoParams>(`dropout(${rate})`, IDENTITY_SIG, {
    init: () => ({ params: {}, state: {} }),
    apply(_params, state, x, ctx) {
      const active = ctx.dropout ?? ctx.training;
      if (!active || rate === 0) return { y: x, state };
      if (ctx.key === undefined) {
        throw new Error('dropout: active dropout needs ctx.key (pass { key } in the apply context, or dropout: false)');
      }
      const keep = tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seedOf(ctx.key)), rate);
      return { y: tf.mul(x, tf.mul(tf.cast(keep, 'float32'), 1 / (1 - rate))), state };
    },
  });
}
