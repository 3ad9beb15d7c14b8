import { useBackend } from '@pix2pix-ts/backends';
import { key } from '@pix2pix-ts/layers';
import { buildNets, checkpointArtifacts, disposeState, initTrainState, makeTrainStep, objectiveOf, PAPER_OBJECTIVE_SPEC, releaseState, type StepMetrics, type TrainState } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAM_UPDATE } from '@pix2pix-ts/backends';
import { webglTrainer, type BrowserPage, type TrainerConfig, type WebglSession, type WebgpuSetup } from '../src/node';
import { holdChromium } from '../../../test-support/chromium-lock';
import { SKIP_BROWSER } from './support/chromium-gate';
import { openCasesPage, runCase, sharedDir } from './support/page-cases';
import { syntheticBatch } from './support/synthetic-batch';
import type { AdamAgreement, Agreement } from './page/compare';
import type { KernelsAgreement } from './page/cases/kernels';
import type { LeakTrace } from './page/cases/leaks';
import type { ModelAgreement } from './page/cases/models';
import type { ForwardParity, TrainStepParity } from './page/cases/parity';
import type { PthParity } from './page/cases/pth';
import type { TrainStepAgreement } from './page/cases/train-step';

// The webgl suite's cases (test/page/cases), run on webgpu instead: the page's `envWebgpu` case starts
// webgpu and makes it the backend every later case compares with cpu. The tolerances are the webgl
// suite's (test/browser.test.ts): WebGPU computes in float32 storage buffers, so anything near 1e-5
// scaled means a real difference, and half precision (~1e-3) fails.
//
// No Chromium: skipped (outside CI), as the webgl suites. Chromium without a WebGPU adapter: a failure
// (`envWebgpu` says "no WebGPU adapter …"), never a skip.
const TOL = 1e-5;
const LR = 2e-4;

const shared = sharedDir();
if (shared === undefined) console.log('webgpu parity tests skipped: shared/fixtures not found (set PIX2PIX_SHARED)');

const fmt = (a: Agreement): string =>
  `scaled ${a.scaled.toExponential(2)}, max abs ${a.maxAbs.toExponential(2)}, rel-to-max ${a.relToMax.toExponential(2)} (worst: ${a.worst}; ${a.tensors} tensors)`;

function expectAdamStep(p: AdamAgreement, what: string): void {
  expect(p.determined, `${what}: weights with a well-determined gradient`).toBeLessThan(LR / 2);
  expect(p.all, `${what}: every weight`).toBeLessThanOrEqual(2 * LR + 1e-6);
}

async function run<A>(task: TaskEither<Error, A>): Promise<A> {
  const r = await task();
  if (E.isLeft(r)) throw r.left;
  return r.right;
}

describe.skipIf(SKIP_BROWSER)('in headless Chromium on webgpu (SwiftShader\'s Vulkan)', () => {
  let session: BrowserPage | undefined;
  const page = (): BrowserPage => {
    if (session === undefined) throw new Error('the page did not open');
    return session;
  };
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    release = await holdChromium('browser/webgpu.test.ts');
    session = await openCasesPage(shared);
  });
  afterAll(async () => {
    await session?.close()();
    await release?.();
  });

  it('a WebGPU adapter; selectBackend registers the fused Adam kernel; prints the adapter', async () => {
    const setup = await runCase<WebgpuSetup>(page(), 'envWebgpu');
    console.log(`webgpu adapter: ${JSON.stringify(setup.backend.adapter)}; flags ${JSON.stringify(setup.flags)}`);
    expect(setup.backend.name).toBe('webgpu');
    expect(setup.backend.extraKernels).toEqual([ADAM_UPDATE]);
    expect(setup.backend.gradientFixes).toEqual(expect.arrayContaining(['MirrorPad', 'SquaredDifference']));
  });

  it('layers: forward, running stats, loss and every gradient of a network using every layer: webgpu = cpu', async () => {
    const r = await runCase<Agreement>(page(), 'layers');
    console.log(`layers webgpu vs cpu: ${fmt(r)}`);
    expect(r.scaled).toBeLessThan(TOL);
  });

  it('conv gradients (webgpu\'s own Conv2DBackpropInput and Conv2DBackpropFilter) and the fused Adam = cpu, on generated cases', async () => {
    const r = await runCase<KernelsAgreement>(page(), 'kernels');
    console.log(
      `Conv2DBackpropInput: ${r.inputGrad.cases} cases, worst scaled ${r.inputGrad.scaled.toExponential(2)} (${r.inputGrad.worstCase}); ` +
        `Conv2DBackpropFilter: ${r.filterGrad.cases} cases, worst scaled ${r.filterGrad.scaled.toExponential(2)} (${r.filterGrad.worstCase}); ` +
        `${ADAM_UPDATE}: ${r.adam.cases} cases, worst scaled ${r.adam.scaled.toExponential(2)}`,
    );
    expect(r.inputGrad.cases).toBeGreaterThanOrEqual(40);
    expect(r.inputGrad.scaled).toBeLessThan(TOL);
    expect(r.filterGrad.cases).toBe(r.inputGrad.cases);
    expect(r.filterGrad.scaled).toBeLessThan(TOL);
    expect(r.adam.cases).toBe(40);
    expect(r.adam.scaled).toBeLessThan(TOL);
  });

  it('pix2pix models (U-Net batch/instance/dropout, ResNet, PatchGAN 1/16/70, translate): webgpu = cpu', async () => {
    const rows = await runCase<ModelAgreement[]>(page(), 'models');
    for (const r of rows) console.log(`${r.model} -> [${r.outputShape.join(', ')}]: ${fmt(r)}`);
    for (const r of rows) expect(r.scaled, r.model).toBeLessThan(TOL);
  });

  it('one full training step: webgpu = cpu (losses, outputs, gradients, params, stats, Adam moments)', async () => {
    const r = await runCase<TrainStepAgreement>(page(), 'trainStep');
    console.log(
      `train step webgpu vs cpu: losses ${Object.entries(r.losses).map(([k, v]) => `${k} ${v.gpu} (rel ${v.rel.toExponential(2)})`).join(', ')}; ` +
        `grads G ${fmt(r.gradsG)}; grads D ${fmt(r.gradsD)}; ms cpu ${r.ms.cpu.toFixed(0)}, webgpu ${r.ms.gpu.toFixed(0)}`,
    );
    for (const [k, v] of Object.entries(r.losses)) expect(v.rel, k).toBeLessThan(TOL);
    expect(r.outputs.scaled).toBeLessThan(TOL);
    expect(r.gradsG.scaled).toBeLessThan(TOL);
    expect(r.gradsD.scaled).toBeLessThan(TOL);
    for (const [k, v] of Object.entries(r.after)) expect(v.scaled, k).toBeLessThan(TOL);
    expectAdamStep(r.paramsG, 'G');
    expectAdamStep(r.paramsD, 'D');
  });

  it.skipIf(shared === undefined)('parity with the official implementation: forward cases (1e-4 abs)', async () => {
    const rows = await runCase<ForwardParity[]>(page(), 'parityForward');
    for (const r of rows) console.log(`parity ${r.name}: output max abs ${r.output.toExponential(2)}, running stats ${r.runningStats.toExponential(2)}`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.output, r.name).toBeLessThan(1e-4);
      expect(r.runningStats, r.name).toBeLessThan(1e-4);
    }
  });

  it.skipIf(shared === undefined)('official .pth files read in the page: PyTorch\'s outputs on webgpu (1e-4 abs)', async () => {
    const rows = await runCase<PthParity[]>(page(), 'pthForward');
    for (const r of rows) console.log(`.pth ${r.name} (${r.format}, ${r.network}): output_eval max abs ${r.eval.toExponential(2)}, output_train ${r.train.toExponential(2)}`);
    expect(rows.length).toBe(3);
    for (const r of rows) {
      expect(r.eval, r.name).toBeLessThan(1e-4);
      expect(r.train, r.name).toBeLessThan(1e-4);
    }
  });

  it.skipIf(shared === undefined)('parity with the official implementation: one training step, forward and gradients (losses 1e-4 rel, gradients 1e-3 rel)', async () => {
    const r = await runCase<TrainStepParity>(page(), 'parityTrainStep');
    console.log(`parity train step on webgpu: ${JSON.stringify(r)}`);
    for (const [k, v] of Object.entries(r.losses)) expect(v, k).toBeLessThan(1e-4);
    expect(Math.max(r.fake, r.predFake, r.predReal)).toBeLessThan(1e-4);
    expect(Math.max(r.gradsG, r.gradsD)).toBeLessThan(1e-3);
    expect(Math.max(r.statsG, r.statsD)).toBeLessThan(1e-4);
    expectAdamStep(r.paramsG, 'G');
    expectAdamStep(r.paramsD, 'D');
  });

  it('no leaks: numTensors and numBytesInGPU flat over 30 training steps on webgpu', async () => {
    const r = await runCase<LeakTrace>(page(), 'leaks', 30);
    console.log(
      `leaks: numTensors ${[...new Set(r.numTensors)].join('/')}, numBytesInGPU ${[...new Set(r.numBytesInGPU)].join('/')}; ` +
        `step ms first ${r.ms[0]?.toFixed(0)}, last ${r.ms.at(-1)?.toFixed(0)}; G_L1 ${r.losses.first.toFixed(2)} -> ${r.losses.last.toFixed(2)}`,
    );
    expect(new Set(r.numTensors).size).toBe(1);
    expect(new Set(r.numBytesInGPU.slice(1)).size).toBe(1);
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
  });
});

const CONFIG: TrainerConfig = {
  model: { netG: 'unet_32', netD: 'basic', nLayersD: 3, ngf: 4, ndf: 4, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 },
  inputShape: [1, 32, 32, 3],
  seed: 11,
  objective: { ...PAPER_OBJECTIVE_SPEC, lrPolicy: 'constant' },
};
const LOSSES = ['G_GAN', 'G_L1', 'D_real', 'D_fake'] as const;
const STEPS = 16;
// Losses of a 16-step run on webgpu (the page trainer) vs the same run on wasm (Node), from the same
// initial state and batches: float32 on both, different kernels and summation orders, and Adam's
// normalised steps let rounding differences grow a little each step; measured in the README.
const RUN_TOL = 1e-4;

describe.skipIf(SKIP_BROWSER)('the page trainer on webgpu: 16 steps match wasm', () => {
  let trainer: WebglSession | undefined;
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    release = await holdChromium('browser/webgpu.test.ts (trainer)');
    trainer = await run(webglTrainer({ backend: 'webgpu' }));
  });
  afterAll(async () => {
    if (trainer !== undefined) await run(trainer.close());
    await release?.();
  });

  it(`${STEPS} steps from the same initial state: every loss within ${RUN_TOL} relative of wasm's`, async () => {
    const s = trainer as WebglSession;
    console.log(`webgpu trainer: ${JSON.stringify(s.setup.backend)}`);
    expect(s.setup.backend.name).toBe('webgpu');
    await useBackend('wasm');
    const nets = buildNets(CONFIG.model);
    let state: TrainState = initTrainState(nets, key(CONFIG.seed), CONFIG.inputShape, 3);
    await run(s.init(CONFIG));
    expect(await run(s.load(await checkpointArtifacts(state, CONFIG)))).toMatchObject({ step: 0 });
    const step = makeTrainStep(nets, objectiveOf(CONFIG.objective ?? PAPER_OBJECTIVE_SPEC));
    let worst = 0;
    const rows: string[] = [];
    const ms: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const batch = syntheticBatch(i);
      const onGpu = await run(s.step(batch));
      ms.push(onGpu.ms);
      const ab = { a: tf.tensor4d(batch.a, [...batch.shape]), b: tf.tensor4d(batch.b, [...batch.shape]) };
      const [next, onWasm] = step(state, ab);
      tf.dispose([ab.a, ab.b]);
      releaseState(state, next);
      state = next;
      const errs = LOSSES.map((k) => Math.abs(onGpu[k] - onWasm[k]) / Math.max(1e-3, Math.abs(onWasm[k])));
      worst = Math.max(worst, ...errs);
      rows.push(`${i + 1}: ${LOSSES.map((k, j) => `${k} ${(onWasm as StepMetrics)[k].toFixed(5)} (${(errs[j] ?? 0).toExponential(1)})`).join(', ')}`);
    }
    disposeState(state);
    console.log(`webgpu vs wasm, loss (relative difference) per step:\n  ${rows.join('\n  ')}\nworst ${worst.toExponential(2)}; webgpu step ms ${ms.map((t) => t.toFixed(0)).join(', ')}`);
    expect(worst).toBeLessThan(RUN_TOL);
  });
});
