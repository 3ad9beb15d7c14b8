import { disposeTree, key, outputShapeOf, shaped, type Layer, type Sig } from '@pix2pix-ts/layers';
import * as E from 'fp-ts/Either';
import { patchGanOf, resnetGeneratorOf, translate, unetGeneratorOf } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import { gpu, onBackend, settle, treeFrom, treeValues, type PageBackend, type TreeValues } from '../backends';
import { agreement, type Agreement } from '../compare';

interface ModelCase {
  readonly name: string;
  readonly build: () => Layer<Sig>;
  readonly shape: readonly [number, number, number, number];
  /** Which pass: training (batch statistics, dropout, running stats updated), eval, or `translate` with the paper's test-time defaults. */
  readonly mode: 'train' | 'eval' | 'translate';
}

/** The pix2pix networks, small: U-Net (batch and instance norm, with dropout), ResNet, the PatchGAN family. */
const CASES: readonly ModelCase[] = [
  { name: 'unet5 ngf8 batch, train', build: () => unetGeneratorOf({ depth: 5, ngf: 8, outChannels: 3 }), shape: [2, 32, 32, 3], mode: 'train' },
  { name: 'unet5 ngf8 batch, eval', build: () => unetGeneratorOf({ depth: 5, ngf: 8, outChannels: 3 }), shape: [1, 32, 32, 3], mode: 'eval' },
  { name: 'unet6 ngf4 instance + dropout, train', build: () => unetGeneratorOf({ depth: 6, ngf: 4, outChannels: 3, norm: 'instance' }), shape: [1, 64, 64, 3], mode: 'train' },
  { name: 'unet6 ngf4 batch, translate (dropout on, batch stats)', build: () => unetGeneratorOf({ depth: 6, ngf: 4, outChannels: 3 }), shape: [1, 64, 64, 3], mode: 'translate' },
  { name: 'resnet 2 blocks ngf4, train', build: () => resnetGeneratorOf({ blocks: 2, ngf: 4, outChannels: 3 }), shape: [1, 32, 32, 3], mode: 'train' },
  { name: 'pixelGAN ndf8', build: () => patchGanOf({ nLayers: 0, ndf: 8 }), shape: [1, 32, 32, 6], mode: 'train' },
  { name: 'patchGAN16 ndf8', build: () => patchGanOf({ nLayers: 1, ndf: 8 }), shape: [1, 32, 32, 6], mode: 'train' },
  { name: 'patchGAN70 ndf8', build: () => patchGanOf({ nLayers: 3, ndf: 8 }), shape: [1, 64, 64, 6], mode: 'train' },
];

async function forward(c: ModelCase, net: Layer<Sig>, params: TreeValues, state: TreeValues, x: Float32Array): Promise<TreeValues> {
  const fresh = net.init(key(1), c.shape);
  const p = treeFrom(fresh.params, params);
  const s = treeFrom(fresh.state, state);
  disposeTree(fresh.params);
  disposeTree(fresh.state);
  const xt = tf.tensor4d(x, [...c.shape]);
  let values: TreeValues;
  if (c.mode === 'translate') {
    const y = translate(net, { params: p, state: s }, xt);
    await settle(y);
    values = [['y', Float32Array.from(y.dataSync())]];
    y.dispose();
  } else {
    const out = net.apply(p, s, shaped(xt, c.shape), { training: c.mode === 'train', key: key(11) });
    await settle(out);
    values = [['y', Float32Array.from(out.y.dataSync())], ...treeValues(out.state, 'state.')];
    out.y.dispose();
    if (out.state !== s) disposeTree(out.state);
  }
  xt.dispose();
  disposeTree(p);
  disposeTree(s);
  return values;
}

/** One row per model: the worst webgl-vs-cpu error of its output and running statistics. */
export interface ModelAgreement extends Agreement {
  readonly model: string;
  readonly outputShape: readonly number[];
}

/** Every model of {@link CASES} on cpu and on webgl from the same parameters, state and input. */
export async function modelsCase(): Promise<ModelAgreement[]> {
  const rows: ModelAgreement[] = [];
  for (const c of CASES) {
    const net = c.build();
    await onBackend('cpu');
    const init = net.init(key(1), c.shape);
    const params = treeValues(init.params);
    // Non-trivial running statistics, so that eval mode uses them.
    const state = treeValues(init.state).map(([n, v], i) => [n, v.map((_, j) => (n.endsWith('variance') ? 0.5 + ((i + j) % 7) / 7 : ((i * 3 + j) % 5) / 10 - 0.2))] as const);
    disposeTree(init.params);
    disposeTree(init.state);
    const x = tf.tidy(() => Float32Array.from(tf.randomUniform([...c.shape], -1, 1, 'float32', 21).dataSync()));
    const results: Partial<Record<PageBackend, TreeValues>> = {};
    for (const b of ['cpu', gpu()] as const) {
      await onBackend(b);
      results[b] = await forward(c, net, params, state, x);
    }
    const outputShape = outputShapeOf(net, c.shape);
    rows.push({ model: c.name, outputShape: E.isRight(outputShape) ? outputShape.right : [], ...agreement(results[gpu()] ?? [], results.cpu ?? []) });
  }
  return rows;
}
