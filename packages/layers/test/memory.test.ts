import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  batchNorm,
  conv2d,
  convTranspose2d,
  disposeTree,
  dropout,
  fromLeaves,
  key,
  foldIn,
  leakyRelu,
  leaves,
  relu,
  serial,
  shaped,
  skip,
  tanh,
  tidyTree,
  type ParamTree,
} from '../src/index';
import { NODE_BACKENDS, onBackend } from './support/backends';

const unet = serial(
  conv2d({ filters: 4, kernel: 4, stride: 2, pad: 1 }),
  skip(serial(leakyRelu(0.2), conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1, bias: false }), batchNorm(), relu(), convTranspose2d({ filters: 4, kernel: 4, stride: 2, pad: 1, bias: false }), batchNorm(), dropout(0.5))),
  relu(),
  convTranspose2d({ filters: 3, kernel: 4, stride: 2, pad: 1 }),
  tanh(),
);

describe.each(NODE_BACKENDS)('memory on %s', (backend) => {
  beforeAll(() => onBackend(backend));

  it('1,000 forward+backward passes leave tf.memory().numTensors unchanged', () => {
    const init = unet.init(key(0), [1, 8, 8, 3]);
    // Typed trees all the way: fromLeaves keeps the params' type, apply keeps the state's.
    let params = init.params;
    let state = init.state;
    const x = shaped(tf.randomNormal([1, 8, 8, 3], 0, 1, 'float32', 1), [1, 8, 8, 3]);
    const before = tf.memory().numTensors;
    for (let step = 0; step < 1000; step++) {
      const next = tidyTree(() => {
        let newState = state;
        const { value, grads } = valueAndGrads(params, (p) => {
          const out = unet.apply(p, state, x, { training: true, key: foldIn(key(1), step) });
          newState = out.state;
          leaves(newState).forEach((t) => tf.keep(t));
          return tf.mean(tf.abs(out.y));
        });
        value.dispose();
        const updated = fromLeaves(params, leaves(params).map((w, i) => tf.sub(w, tf.mul(grads[i] as tf.Tensor, 1e-3))));
        return { params: updated, state: newState };
      });
      disposeTree(params);
      if (next.state !== state) disposeTree(state);
      params = next.params;
      state = next.state;
      if (step === 0) expect(tf.memory().numTensors).toBe(before);
    }
    expect(tf.memory().numTensors).toBe(before);
    disposeTree(params);
    disposeTree(state);
    x.dispose();
  });
});

/** Gradients of a scalar function of a param tree, in leaf order. */
function valueAndGrads<T extends ParamTree>(params: T, f: (p: T) => tf.Scalar | tf.Tensor): { value: tf.Tensor; grads: tf.Tensor[] } {
  const ls = leaves(params);
  const g = tf.valueAndGrads((...xs: tf.Tensor[]) => f(fromLeaves(params, xs)) as tf.Scalar);
  const { value, grads } = g(ls);
  return { value, grads };
}
