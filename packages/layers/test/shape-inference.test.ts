import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  batchNorm,
  conv2d,
  convTranspose2d,
  disposeTree,
  dropout,
  instanceNorm,
  key,
  leakyRelu,
  outputShapeOf,
  pad2d,
  residual,
  serial,
  skip,
  shaped,
  tanh,
  untyped,
  type AnyLayer,
} from '../src/index';
import { NODE_BACKENDS, onBackend } from './support/backends';

/** Random layer trees built from every combinator, with small sizes so the test stays fast. */
const layerArb: fc.Arbitrary<AnyLayer> = fc.letrec<{ layer: AnyLayer }>((tie) => ({
  layer: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .record({ f: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 4 }), s: fc.integer({ min: 1, max: 2 }), p: fc.integer({ min: 0, max: 2 }) })
      .map(({ f, k, s, p }) => conv2d({ filters: f, kernel: k, stride: s, pad: p }) as AnyLayer),
    fc
      .record({ f: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 4 }), s: fc.integer({ min: 1, max: 2 }), p: fc.integer({ min: 0, max: 1 }) })
      .map(({ f, k, s, p }) => convTranspose2d({ filters: f, kernel: k, stride: s, pad: p }) as AnyLayer),
    fc.constantFrom<AnyLayer>(batchNorm(), instanceNorm(), leakyRelu(0.2), tanh(), dropout(0.5), pad2d(1, 'zeros')),
    fc.array(tie('layer'), { minLength: 1, maxLength: 3 }).map((ls) => serial(...ls) as AnyLayer),
    tie('layer').map((l) => skip(l) as AnyLayer),
    fc.integer({ min: 1, max: 3 }).map((c) => residual(serial(conv2d({ filters: c, kernel: 3, pad: 1 }))) as AnyLayer),
  ),
})).layer;

describe.each(NODE_BACKENDS)('shape inference on %s', (backend) => {
  beforeAll(() => onBackend(backend));

  it('value-level output shape = the shape the tensor really has after apply (or both fail)', () => {
    fc.assert(
      fc.property(layerArb.map(untyped), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 3 }), (layer, n, hw, c) => {
        const input = [n, hw, hw, c] as const;
        const predicted = outputShapeOf(layer, input);
        if (E.isLeft(predicted)) {
          // The same error, with the same words, is what a user sees at init.
          expect(() => layer.init(key(0), input)).toThrow(predicted.left.message);
          return;
        }
        const before = tf.memory().numTensors;
        const { params, state } = layer.init(key(3), input);
        const x = tf.randomNormal([...input], 0, 1, 'float32', 5);
        const out = layer.apply(params, state, shaped(x, input), { training: true, key: key(9) });
        expect(out.y.shape).toEqual(predicted.right);
        tf.dispose([x, out.y]);
        if (out.state !== state) disposeTree(out.state);
        disposeTree(params);
        disposeTree(state);
        expect(tf.memory().numTensors).toBe(before);
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});
