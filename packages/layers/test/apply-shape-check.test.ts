import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@pix2pix-ts/backends';
import { defineLayer, IDENTITY_SIG, key, shaped, untyped, type IdentitySig } from '@pix2pix-ts/layers';
import { shapeErrorOf, type Shape } from '@pix2pix-ts/shape-types';
import * as E from 'fp-ts/Either';
import { beforeAll, describe, expect, it } from 'vitest';

/** An identity layer whose signature counts how often its shape rule runs, and refuses width 5. */
function counted(): { readonly layer: ReturnType<typeof untyped>; readonly checks: () => number } {
  let n = 0;
  const sig: IdentitySig = {
    ...IDENTITY_SIG,
    outputShape: (s: Shape) => {
      n += 1;
      return s[2] === 5 ? E.left(shapeErrorOf('counted', 'width 5 refused')) : E.right(s);
    },
  };
  const layer = untyped(defineLayer('counted', sig, { init: () => ({ params: {}, state: {} }), apply: (_p, state, x) => ({ y: tf.neg(x), state }) }));
  return { layer, checks: () => n };
}

// A training loop applies a network to one shape step after step: the whole-signature check (about 1 ms
// for a U-Net 256) runs once per new input shape, not once per call.
describe("apply's run-time shape check", () => {
  beforeAll(() => useBackend('cpu'));

  it('runs once for repeated calls on the same shape, again for a new one', () => {
    const { layer, checks } = counted();
    const { params, state } = layer.init(key(0), [1, 4, 4, 3]);
    const before = checks();
    const x = shaped(tf.zeros([1, 4, 4, 3]), [null, null, null, null]);
    for (let i = 0; i < 5; i++) tf.dispose(layer.apply(params, state, x, { training: false }).y);
    expect(checks() - before).toBe(1);
    const wider = shaped(tf.zeros([1, 4, 6, 3]), [null, null, null, null]);
    tf.dispose(layer.apply(params, state, wider, { training: false }).y);
    tf.dispose(layer.apply(params, state, x, { training: false }).y);
    expect(checks() - before).toBe(3);
    tf.dispose([x, wider]);
  });

  it('never remembers a refusal: a refused shape is refused on every call', () => {
    const { layer } = counted();
    const { params, state } = layer.init(key(0), [1, 4, 4, 3]);
    const bad = shaped(tf.zeros([1, 4, 5, 3]), [null, null, null, null]);
    for (let i = 0; i < 3; i++) expect(() => layer.apply(params, state, bad, { training: false })).toThrow(/counted: width 5 refused/);
    bad.dispose();
  });
});
