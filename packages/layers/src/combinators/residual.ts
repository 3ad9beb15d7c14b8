import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer, type LayerBase } from '../core/layer';
import type { ResidualSig, Sig } from '../core/signature';

/**
 * The ResNet connection: `x -> x + inner(x)`. Compiles only if `inner` keeps the whole shape.
 *
 * @example
 * ```ts
 * import { conv2d, key, pad2d, residual, serial } from '@pix2pix-ts/layers';
 * const block = residual(serial(pad2d(1), conv2d({ filters: 8, kernel: 3 })));
 * block.init(key(0), [1, 16, 16, 8]).outputShape; // readonly [1, 16, 16, 8]
 * ```
 */
export function residual<G extends Sig>(inner: LayerBase<G>): Layer<ResidualSig<G>> {
  return defineLayer(`residual(${inner.name})`, { op: 'residual', inner: inner.sig }, {
    init: (key, inputShape) => inner.impl.init(key, inputShape),
    apply(params, state, x, ctx) {
      const out = inner.impl.apply(params, state, x, ctx);
      return { y: tf.add(x, out.y), state: out.state };
    },
  });
}
