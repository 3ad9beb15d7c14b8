import { disposeTree, fromLeaves, key, leaves, untyped, type AnyLayer, type ParamTree } from '@pix2pix-ts/layers';
import { initTrainState, makeStepComputation, PAPER_OBJECTIVE, patchGanOf, unetGeneratorOf, type NormKind } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import { gpu, maxAbsDiff, onBackend, settle } from '../backends';
import { adamAgreement, type AdamAgreement } from '../compare';
import { fetchParityCase, type ParityCase } from '../parity-fixture';

function loadTree(c: ParityCase, like: ParamTree, prefix: string): ParamTree {
  const names = c.withPrefix(prefix);
  const own = leaves(like);
  if (names.length !== own.length) throw new Error(`${prefix}: ${names.length} fixture tensors vs ${own.length} of ours`);
  return fromLeaves(like, names.map((n) => c.tensor(n)));
}

const relDiff = async (a: tf.Tensor, b: tf.Tensor): Promise<number> => {
  const m = tf.tidy(() => tf.max(tf.abs(b)));
  const scale = (await m.data())[0] ?? 0;
  m.dispose();
  return (await maxAbsDiff(a, b)) / Math.max(scale, 1e-12);
};

const unet = (depth: number, ngf: number, norm: NormKind) => () => unetGeneratorOf({ depth, ngf, outChannels: 3, norm, dropout: false });
const disc = (nLayers: number) => () => patchGanOf({ nLayers, ndf: 8, norm: 'batch' });

const FORWARD_CASES: ReadonlyArray<{ readonly name: string; readonly build: () => AnyLayer; readonly training: boolean }> = [
  { name: 'unet5_ngf8_batch_train', build: unet(5, 8, 'batch'), training: true },
  { name: 'unet5_ngf8_batch_eval', build: unet(5, 8, 'batch'), training: false },
  { name: 'unet256_ngf4_batch_train', build: unet(8, 4, 'batch'), training: true },
  { name: 'unet128_ngf4_instance', build: unet(7, 4, 'instance'), training: true },
  { name: 'patchgan_n0_ndf8_batch', build: disc(0), training: true },
  { name: 'patchgan_n1_ndf8_batch', build: disc(1), training: true },
  { name: 'patchgan_n3_ndf8_batch', build: disc(3), training: true },
];

/** Forward parity on webgl: max |ours − official| of the output and of the running statistics after. */
export interface ForwardParity {
  readonly name: string;
  readonly output: number;
  readonly runningStats: number;
}

/** The official implementation's forward cases, computed on webgl. */
export async function parityForwardCase(): Promise<ForwardParity[]> {
  await onBackend(gpu());
  const rows: ForwardParity[] = [];
  for (const { name, build, training } of FORWARD_CASES) {
    const c = await fetchParityCase(name);
    const net = untyped(build());
    const input = c.tensor('input');
    const fresh = net.init(key(0), input.shape);
    const params = loadTree(c, fresh.params, 'net.param.');
    const state = leaves(fresh.state).length === 0 ? fresh.state : loadTree(c, fresh.state, 'net.buffer.');
    if (state !== fresh.state) disposeTree(fresh.state);
    disposeTree(fresh.params);
    const out = net.apply(params, state, input as never, { training });
    const expected = c.tensor('output');
    let runningStats = 0;
    if (training && leaves(state).length > 0) {
      const after = c.withPrefix('net.buffer_after.').map((n) => c.tensor(n));
      const own = leaves(out.state);
      for (let i = 0; i < own.length; i++) runningStats = Math.max(runningStats, await maxAbsDiff(own[i] as tf.Tensor, after[i] as tf.Tensor));
      tf.dispose(after);
    }
    rows.push({ name, output: await maxAbsDiff(out.y, expected), runningStats });
    tf.dispose([input, expected, out.y]);
    if (out.state !== state) disposeTree(out.state);
    disposeTree(params);
    disposeTree(state);
  }
  return rows;
}

/** The official training step on webgl: loss relative errors and the worst tensor errors. */
export interface TrainStepParity {
  readonly losses: Record<string, number>;
  readonly fake: number;
  readonly predFake: number;
  readonly predReal: number;
  /** Gradients: max |Δ| / max |official| per tensor, worst over the net. */
  readonly gradsG: number;
  readonly gradsD: number;
  /** Parameters after the whole step (see `AdamAgreement`). */
  readonly paramsG: AdamAgreement;
  readonly paramsD: AdamAgreement;
  readonly statsG: number;
  readonly statsD: number;
}

/** `train_step_unet5_basic_vanilla` on webgl. */
export async function parityTrainStepCase(): Promise<TrainStepParity> {
  await onBackend(gpu());
  const c = await fetchParityCase('train_step_unet5_basic_vanilla');
  const nets = { generator: unetGeneratorOf({ depth: 5, ngf: 8, outChannels: 3, dropout: false }), discriminator: patchGanOf({ nLayers: 3, ndf: 8 }) };
  const a = c.tensor('A') as tf.Tensor4D;
  const b = c.tensor('B') as tf.Tensor4D;
  const fresh = initTrainState(nets, key(0), a.shape, 3);
  const state = {
    ...fresh,
    g: { params: loadTree(c, fresh.g.params, 'G.param.'), state: loadTree(c, fresh.g.state, 'G.buffer.') },
    d: { params: loadTree(c, fresh.d.params, 'D.param.'), state: loadTree(c, fresh.d.state, 'D.buffer.') },
  };
  const { out, finish } = makeStepComputation(nets, PAPER_OBJECTIVE, true)(state, { a, b });
  const r = finish(await out.data());
  out.dispose();
  const officialLosses = c.meta['losses'] as Record<string, number>;
  const losses: Record<string, number> = {};
  for (const k of ['G_GAN', 'G_L1', 'D_real', 'D_fake', 'G', 'D'] as const) {
    losses[k] = Math.abs(r.metrics[k] - (officialLosses[k] ?? Number.NaN)) / Math.abs(officialLosses[k] ?? 1);
  }
  const d = r.details;
  if (d === undefined) throw new Error('no details');
  const worst = async (tree: ParamTree, prefix: string, f: (x: tf.Tensor, y: tf.Tensor) => Promise<number>): Promise<number> => {
    const names = c.withPrefix(prefix);
    let w = 0;
    const own = leaves(tree);
    for (let i = 0; i < own.length; i++) {
      const ref = c.tensor(names[i] as string);
      w = Math.max(w, await f(own[i] as tf.Tensor, ref));
      ref.dispose();
    }
    return w;
  };
  const vs = async (t: tf.Tensor, name: string): Promise<number> => {
    const ref = c.tensor(name);
    const e = await maxAbsDiff(t, ref);
    ref.dispose();
    return e;
  };
  const values = async (tree: ParamTree) => {
    await settle(tree);
    return leaves(tree).map((t, i) => [String(i), t.dataSync()] as const);
  };
  const official = async (prefix: string) => {
    const rows: Array<readonly [string, tf.TypedArray]> = [];
    for (const n of c.withPrefix(prefix)) {
      const t = c.tensor(n);
      rows.push([n, await t.data()] as const);
      t.dispose();
    }
    return rows;
  };
  return {
    losses,
    fake: await vs(d.fake, 'fake_B'),
    predFake: await vs(d.predFake, 'D.pred_fake'),
    predReal: await vs(d.predReal, 'D.pred_real'),
    gradsG: await worst(d.gradsG, 'G.grad.', relDiff),
    gradsD: await worst(d.gradsD, 'D.grad.', relDiff),
    paramsG: adamAgreement(await values(r.state.g.params), await official('G.param_after.'), await official('G.grad.')),
    paramsD: adamAgreement(await values(r.state.d.params), await official('D.param_after.'), await official('D.grad.')),
    statsG: await worst(r.state.g.state, 'G.buffer_after.', maxAbsDiff),
    statsD: await worst(r.state.d.state, 'D.buffer_after.', maxAbsDiff),
  };
}
