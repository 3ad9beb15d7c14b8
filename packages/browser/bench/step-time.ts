// ms per pix2pix training step on webgl or webgpu (headless Chromium, through webglTrainer), wasm and cpu
// (Node), for the same configurations and data. Run: npm run bench -w @pix2pix-ts/browser
// (or: npx tsx --conditions=source bench/step-time.ts [steps] [packed|unpacked|webgpu]; default: webgl,
// packing as setupWebgl decides, i.e. tfjs's default, packed; `webgpu`: the page on WebGPU instead).
import { useBackend } from '@pix2pix-ts/backends';
import { key } from '@pix2pix-ts/layers';
import { buildNets, disposeState, initTrainState, makeTrainStep, objectiveOf, PAPER_OBJECTIVE_SPEC, releaseState } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { webglTrainer, type TrainerConfig } from '../src/node';

const STEPS = Number(process.argv[2] ?? 10);
const GPU = process.argv[3] === 'webgpu' ? 'webgpu' : 'webgl';
const PACKING = GPU === 'webgpu' ? undefined : process.argv[3];
const WARMUP = 3;

const CONFIGS: ReadonlyArray<{ readonly name: string; readonly config: TrainerConfig; readonly cpuSteps: number }> = [
  {
    name: 'tiny: 32x32, U-Net depth 5 ngf 4, PatchGAN70 ndf 4',
    config: { model: { netG: 'unet_32', netD: 'basic', nLayersD: 3, ngf: 4, ndf: 4, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 }, inputShape: [1, 32, 32, 3], seed: 0 },
    cpuSteps: STEPS,
  },
  {
    name: '64x64, U-Net depth 6 ngf 16, PatchGAN70 ndf 16',
    config: { model: { netG: 'unet_64', netD: 'basic', nLayersD: 3, ngf: 16, ndf: 16, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 }, inputShape: [1, 64, 64, 3], seed: 0 },
    cpuSteps: Math.min(STEPS, 3),
  },
];

async function run<A>(task: TaskEither<Error, A>): Promise<A> {
  const r = await task();
  if (E.isLeft(r)) throw r.left;
  return r.right;
}

function batch(shape: readonly [number, number, number, number], i: number): { a: Float32Array; b: Float32Array } {
  const n = shape.reduce((x, y) => x * y, 1);
  const a = Float32Array.from({ length: n }, (_, j) => Math.sin(j * 0.37 + i));
  return { a, b: a.map((v) => Math.tanh(1.5 * v)) };
}

const median = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function nodeBackend(backend: 'wasm' | 'cpu', config: TrainerConfig, steps: number): Promise<number> {
  await useBackend(backend);
  const nets = buildNets(config.model);
  const step = makeTrainStep(nets, objectiveOf(config.objective ?? PAPER_OBJECTIVE_SPEC));
  let state = initTrainState(nets, key(config.seed), config.inputShape, config.model.outputNc);
  const times: number[] = [];
  for (let i = 0; i < WARMUP + steps; i++) {
    const { a, b } = batch(config.inputShape, i);
    const t = { a: tf.tensor4d(a, [...config.inputShape]), b: tf.tensor4d(b, [...config.inputShape]) };
    const t0 = performance.now();
    const [next] = step(state, t);
    times.push(performance.now() - t0);
    releaseState(state, next);
    state = next;
    tf.dispose([t.a, t.b]);
  }
  disposeState(state);
  return median(times.slice(WARMUP));
}

const session = await run(webglTrainer({ backend: GPU, ...(PACKING === undefined ? {} : { flags: { WEBGL_PACK: PACKING === 'packed' } }) }));
console.log(`${GPU} renderer: ${session.setup.backend.renderer ?? '?'}; flags ${JSON.stringify(session.setup.flags)}`);
const rows: string[] = [];
for (const { name, config, cpuSteps } of CONFIGS) {
  await run(session.init(config));
  const page: number[] = [];
  const roundTrip: number[] = [];
  let first = 0;
  for (let i = 0; i < WARMUP + STEPS; i++) {
    const t0 = performance.now();
    const m = await run(session.step({ ...batch(config.inputShape, i), shape: config.inputShape }));
    if (i === 0) first = m.ms;
    if (i >= WARMUP) {
      page.push(m.ms);
      roundTrip.push(performance.now() - t0);
    }
  }
  const wasm = await nodeBackend('wasm', config, STEPS);
  const cpu = await nodeBackend('cpu', config, cpuSteps);
  rows.push(
    `| ${name} | ${median(page).toFixed(0)} (${median(roundTrip).toFixed(0)} from Node; first step ${first.toFixed(0)}) | ${wasm.toFixed(0)} | ${cpu.toFixed(0)} |`,
  );
}
await run(session.close());
console.log(`\nmedian ms per training step (${STEPS} steps after ${WARMUP} warm-up)\n| configuration | ${GPU} (SwiftShader) | wasm | cpu |\n|---|---|---|---|\n${rows.join('\n')}`);
