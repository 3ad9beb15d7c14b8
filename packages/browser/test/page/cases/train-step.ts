import { disposeTree, key } from '@pix2pix-ts/layers';
import { disposeState, initTrainState, makeStepComputation, PAPER_OBJECTIVE, patchGan, unetGenerator, type StepMetrics, type TrainState } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import { gpu, onBackend, settle, treeFrom, treeValues, type PageBackend, type TreeValues } from '../backends';
import { adamAgreement, agreement, type AdamAgreement, type Agreement } from '../compare';

const SHAPE = [2, 32, 32, 3] as const;
// Depth 6 at 32x32 reaches a 0.5x0.5 bottleneck; depth 5 (1x1) is the deepest valid U-Net here.
const nets = () => ({ generator: unetGenerator({ depth: 5, ngf: 8, outChannels: 3 }), discriminator: patchGan({ nLayers: 3, ndf: 8 }) });

const TREES = ['g.params', 'g.state', 'd.params', 'd.state', 'optG.m', 'optG.v', 'optD.m', 'optD.v'] as const;
type TreeName = (typeof TREES)[number];

function trees(s: TrainState): Record<TreeName, TreeValues> {
  return {
    'g.params': treeValues(s.g.params),
    'g.state': treeValues(s.g.state),
    'd.params': treeValues(s.d.params),
    'd.state': treeValues(s.d.state),
    'optG.m': treeValues(s.optG.m),
    'optG.v': treeValues(s.optG.v),
    'optD.m': treeValues(s.optD.m),
    'optD.v': treeValues(s.optD.v),
  };
}

interface StepResult {
  readonly metrics: StepMetrics;
  readonly fake: TreeValues;
  readonly gradsG: TreeValues;
  readonly gradsD: TreeValues;
  readonly after: Record<TreeName, TreeValues>;
  readonly ms: number;
}

async function stepOn(start: Record<TreeName, TreeValues>, a: Float32Array, b: Float32Array): Promise<StepResult> {
  const like = initTrainState(nets(), key(0), SHAPE, 3);
  const state: TrainState = {
    ...like,
    g: { params: treeFrom(like.g.params, start['g.params']), state: treeFrom(like.g.state, start['g.state']) },
    d: { params: treeFrom(like.d.params, start['d.params']), state: treeFrom(like.d.state, start['d.state']) },
  };
  // The fresh Adam moments of `like` are part of `state`; only its parameters and statistics were replaced.
  for (const tree of [like.g.params, like.g.state, like.d.params, like.d.state]) disposeTree(tree);
  const batch = { a: tf.tensor4d(a, [...SHAPE]), b: tf.tensor4d(b, [...SHAPE]) };
  const t0 = performance.now();
  // The losses read asynchronously (as the page trainer does), which webgpu needs (see `settle`).
  const { out, finish } = makeStepComputation(nets(), PAPER_OBJECTIVE, true)(state, batch);
  const r = finish(await out.data());
  out.dispose();
  const ms = performance.now() - t0;
  await settle([r.state, r.details]);
  const d = r.details;
  if (d === undefined) throw new Error('no step details');
  const result: StepResult = {
    metrics: r.metrics,
    fake: [['fake_B', Float32Array.from(d.fake.dataSync())], ['pred_fake', Float32Array.from(d.predFake.dataSync())], ['pred_real', Float32Array.from(d.predReal.dataSync())]],
    gradsG: treeValues(d.gradsG, 'G.'),
    gradsD: treeValues(d.gradsD, 'D.'),
    after: trees(r.state),
    ms,
  };
  tf.dispose([d.fake, d.predFake, d.predReal, batch.a, batch.b]);
  disposeTree(d.gradsG);
  disposeTree(d.gradsD);
  disposeState(r.state);
  disposeState(state);
  return result;
}

/** One full pix2pix step on cpu and on webgl from the same state and batch. */
export interface TrainStepAgreement {
  readonly losses: Record<'G_GAN' | 'G_L1' | 'D_real' | 'D_fake', { readonly cpu: number; readonly gpu: number; readonly rel: number }>;
  readonly outputs: Agreement;
  readonly gradsG: Agreement;
  readonly gradsD: Agreement;
  readonly after: Record<TreeName, Agreement>;
  /** Parameters after the step, knowing cpu's gradients (see `AdamAgreement`). */
  readonly paramsG: AdamAgreement;
  readonly paramsD: AdamAgreement;
  /** Wall time of the step on cpu and on the GPU backend (which includes compiling its shaders the first time). */
  readonly ms: { readonly cpu: number; readonly gpu: number };
}

/** U-Net 5 ngf 8 + 70x70 PatchGAN ndf 8, batch 2 of 32x32: `makeDetailedTrainStep` on both backends. */
export async function trainStepCase(): Promise<TrainStepAgreement> {
  await onBackend('cpu');
  const init = initTrainState(nets(), key(3), SHAPE, 3);
  const start = trees(init);
  disposeState(init);
  const [a, b] = tf.tidy(() => {
    const x = tf.randomUniform([...SHAPE], -1, 1, 'float32', 5);
    return [Float32Array.from(x.dataSync()), Float32Array.from(tf.tanh(tf.mul(tf.reverse(x, 2), 1.5)).dataSync())];
  });
  const results: Partial<Record<PageBackend, StepResult>> = {};
  for (const backend of ['cpu', gpu()] as const) {
    await onBackend(backend);
    results[backend] = await stepOn(start, a ?? new Float32Array(0), b ?? new Float32Array(0));
  }
  const cpu = results.cpu;
  const gl = results[gpu()];
  if (cpu === undefined || gl === undefined) throw new Error('a backend produced no result');
  const loss = (k: 'G_GAN' | 'G_L1' | 'D_real' | 'D_fake') => ({ cpu: cpu.metrics[k], gpu: gl.metrics[k], rel: Math.abs(gl.metrics[k] - cpu.metrics[k]) / Math.abs(cpu.metrics[k]) });
  const after = Object.fromEntries(TREES.map((t) => [t, agreement(gl.after[t], cpu.after[t])])) as Record<TreeName, Agreement>;
  return {
    losses: { G_GAN: loss('G_GAN'), G_L1: loss('G_L1'), D_real: loss('D_real'), D_fake: loss('D_fake') },
    outputs: agreement(gl.fake, cpu.fake),
    gradsG: agreement(gl.gradsG, cpu.gradsG),
    gradsD: agreement(gl.gradsD, cpu.gradsD),
    after,
    paramsG: adamAgreement(gl.after['g.params'], cpu.after['g.params'], cpu.gradsG),
    paramsD: adamAgreement(gl.after['d.params'], cpu.after['d.params'], cpu.gradsD),
    ms: { cpu: cpu.ms, gpu: gl.ms },
  };
}
