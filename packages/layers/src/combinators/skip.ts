import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer, type LayerBase } from '../core/layer';
import type { Sig, SkipSig } from '../core/signature';

/**
 * The U-Net skip connection: `x -> concat([x, inner(x)], channels)`, in the order of the official
 * implementation (`torch.cat([x, self.model(x)], 1)`). It compiles only if `inner` keeps H and W:
 * a mis-wired block reads `skip: height 64 ≠ 32` at the `init` or `apply` call.
 *
 * @example
 * ```ts
 * import { conv2d, convTranspose2d, key, serial, skip } from '@pix2pix-ts/layers';
 * const block = skip(serial(conv2d({ filters: 16, kernel: 4, stride: 2, pad: 1 }), convTranspose2d({ filters: 8, kernel: 4, stride: 2, pad: 1 })));
 * block.init(key(0), [1, 64, 64, 8]).outputShape; // readonly [1, 64, 64, 16]
 * ```
 */
export function skip<G extends Sig>(inner: LayerBase<G>): Layer<SkipSig<G>> {
  return defineLayer(`skip(${inner.name})`, { op: 'skip', inner: inner.sig }, {
    init: (key, inputShape) => inner.impl.init(key, inputShape),
    apply(params, state, x, ctx) {
      const out = inner.impl.apply(params, state, x, ctx);
      return { y: tf.concat([x, out.y], 3), state: out.state };
    },
  });
}
