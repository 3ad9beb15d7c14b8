import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  batchNorm,
  conv2d,
  convTranspose2d,
  disposeTree,
  dropout,
  fromLeaves,
  instanceNorm,
  key,
  leakyRelu,
  leaves,
  pad2d,
  relu,
  residual,
  serial,
  sigmoid,
  skip,
  tanh,
  untyped,
} from '../src/index';
import { onBackend, relError } from './support/backends';

/** Every layer kind in one network: U-Net skip, ResNet residual with reflection padding, all norms. */
const net = untyped(
  serial(
    conv2d({ filters: 6, kernel: 4, stride: 2, pad: 1 }),
    skip(serial(leakyRelu(0.2), conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1, bias: false }), batchNorm(), relu(), convTranspose2d({ filters: 6, kernel: 4, stride: 2, pad: 1 }), instanceNorm(), dropout(0.5))),
    residual(serial(pad2d(1, 'reflect'), conv2d({ filters: 12, kernel: 3 }), sigmoid())),
    relu(),
    convTranspose2d({ filters: 3, kernel: 3, stride: 2, pad: 1, outputPadding: 1 }),
    tanh(),
  ),
);

/** Forward output and gradients of mean(y²) w.r.t. every parameter and the input, as plain arrays. */
async function forwardAndGrads(backend: 'cpu' | 'wasm'): Promise<number[][]> {
  await onBackend(backend);
  const { params, state } = net.init(key(5), [2, 16, 16, 3]);
  const x = tf.randomUniform([2, 16, 16, 3], -1, 1, 'float32', 9);
  const ctx = { training: true, key: key(3) };
  const out = tf.tidy(() => {
    const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => {
      const [xIn, ...ps] = xs as [tf.Tensor, ...tf.Tensor[]];
      const y = net.apply(fromLeaves(params, ps), state, xIn as never, ctx).y;
      return tf.mean(tf.square(y)) as tf.Scalar;
    })([x, ...leaves(params)]);
    const y = net.apply(params, state, x as never, ctx).y;
    return [y, value, ...grads];
  });
  const arrays = out.map((t) => Array.from(t.dataSync()));
  tf.dispose([...out, x]);
  disposeTree(params);
  disposeTree(state);
  return arrays;
}

describe('cpu and wasm agree', () => {
  it('forward, loss and every gradient of a network using every layer, to 1e-5 relative', async () => {
    const cpu = await forwardAndGrads('cpu');
    const wasm = await forwardAndGrads('wasm');
    expect(wasm.length).toBe(cpu.length);
    const worst = Math.max(...cpu.map((c, i) => relError(wasm[i] ?? [], c)));
    console.log(`layers cpu vs wasm: worst relative error ${worst.toExponential(2)} over ${cpu.length} tensors`);
    expect(worst).toBeLessThan(1e-5);
  });
});
