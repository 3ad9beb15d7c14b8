import {
  batchNorm,
  conv2d,
  convTranspose2d,
  disposeTree,
  dropout,
  fromLeaves,
  tidyTree,
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
} from '@pix2pix-ts/layers';
import * as tf from '@tensorflow/tfjs-core';
import { gpu, onBackend, settle, treeFrom, treeValues, type PageBackend, type TreeValues } from '../backends';
import { agreement, type Agreement } from '../compare';

/** Every layer kind in one network (as layers' own cpu-vs-wasm test): U-Net skip, ResNet residual with reflection padding, all norms, dropout. */
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

const SHAPE = [2, 16, 16, 3] as const;

/** Forward output, running statistics, loss and the gradient of mean(y²) w.r.t. every parameter and the input. */
async function forwardAndGrads(params: TreeValues, x: Float32Array): Promise<TreeValues> {
  const fresh = net.init(key(5), SHAPE);
  const p = treeFrom(fresh.params, params);
  disposeTree(fresh.params);
  const ctx = { training: true, key: key(3) };
  const xt = tf.tensor4d(x, [...SHAPE]);
  const out = tidyTree(() => {
    const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => {
      const [xIn, ...ps] = xs as [tf.Tensor, ...tf.Tensor[]];
      return tf.mean(tf.square(net.apply(fromLeaves(p, ps), fresh.state, xIn as never, ctx).y)) as tf.Scalar;
    })([xt, ...leaves(p)]);
    const applied = net.apply(p, fresh.state, xt as never, ctx);
    return { y: applied.y, state: applied.state, value, grads };
  });
  await settle(out);
  const values: TreeValues = [
    ['y', Float32Array.from(out.y.dataSync())],
    ...treeValues(out.state, 'state.'),
    ['loss', Float32Array.from(out.value.dataSync())],
    ['grad.x', Float32Array.from(out.grads[0]?.dataSync() ?? [])],
    ...out.grads.slice(1).map((g, i) => [`grad.p${i}`, Float32Array.from(g.dataSync())] as const),
  ];
  tf.dispose([out.y, out.value, ...out.grads, xt]);
  disposeTree(out.state);
  disposeTree(fresh.state);
  disposeTree(p);
  return values;
}

/** The layers network on cpu and on webgl from the same parameters and input. */
export async function layersCase(): Promise<Agreement> {
  await onBackend('cpu');
  const init = net.init(key(5), SHAPE);
  const params = treeValues(init.params);
  disposeTree(init.params);
  disposeTree(init.state);
  const x = tf.tidy(() => Float32Array.from(tf.randomUniform([...SHAPE], -1, 1, 'float32', 9).dataSync()));
  const results: Partial<Record<PageBackend, TreeValues>> = {};
  for (const b of ['cpu', gpu()] as const) {
    await onBackend(b);
    results[b] = await forwardAndGrads(params, x);
  }
  return agreement(results[gpu()] ?? [], results.cpu ?? []);
}
