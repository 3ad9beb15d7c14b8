/**
 * The measurements themselves, on whatever tfjs backend is current: browser-safe, so the same code
 * runs in Node (cpu, wasm) and in the page (webgl, webgpu). The caller selects the backend first.
 *
 * Timing covers the step as a caller sees it, waiting for its results: our step reads its losses
 * (`dataSync`; on webgpu `await data()`, as the trainer page does: webgpu's synchronous read loses the device on
 * SwiftShader), the peer's losses are read with `await data()`; both are made after the last update,
 * so on webgl and webgpu the whole step has run. The inputs are already on the backend (data loading is measured
 * on its own).
 * @packageDocumentation
 */
import { key } from '@pix2pix-ts/layers';
import { buildNets, disposeState, initTrainState, makeTrainStep, makeTrainStepAsync, PAPER_OBJECTIVE, releaseState, translate, type ModelSpec, type TrainState } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import { CHANNELS, configById, type BenchConfig } from './configs';
import { peerModel } from './keras-peer';
import { summarize } from './stats';
import type { MeasureRequest, MeasureResult, PeakResult } from './wire';

/** What a measurement needs from an implementation: a step (resolving once it has run), a forward, cleanup. */
export interface Subject {
  readonly step: () => Promise<void>;
  readonly forward: () => Promise<void>;
  readonly dispose: () => void;
}

/** A deterministic pair in [-1, 1], NHWC, on the current backend; caller disposes. */
export function syntheticPair(config: BenchConfig): { readonly a: tf.Tensor4D; readonly b: tf.Tensor4D } {
  const shape: [number, number, number, number] = [1, config.size, config.size, CHANNELS];
  const n = config.size * config.size * CHANNELS;
  const a = Float32Array.from({ length: n }, (_, j) => Math.sin(j * 0.37));
  return { a: tf.tensor4d(a, shape), b: tf.tensor4d(a.map((v) => Math.tanh(1.5 * v)), shape) };
}

/**
 * A configuration as pix2pix's one model spec (what the CLI's run configuration and the trainer page build from):
 * `unet_<2^depth>` with dropout, an `n_layers` PatchGAN, batch norm, RGB in and out.
 */
export const modelSpecOf = (config: BenchConfig): ModelSpec => ({
  netG: `unet_${2 ** config.depth}`,
  netD: 'n_layers',
  nLayersD: config.nLayers,
  ngf: config.ngf,
  ndf: config.ndf,
  norm: 'batch',
  dropout: true,
  inputNc: CHANNELS,
  outputNc: CHANNELS,
});

/** Our implementation of a configuration (the packages' public API), trained on the pair `a`, `b`. */
export function ours(config: BenchConfig, a: tf.Tensor4D, b: tf.Tensor4D): Subject {
  const nets = buildNets(modelSpecOf(config));
  // The same step either way; only how the losses are read back differs.
  const trainStep = tf.getBackend() === 'webgpu' ? makeTrainStepAsync(nets, PAPER_OBJECTIVE) : makeTrainStep(nets, PAPER_OBJECTIVE);
  let state: TrainState = initTrainState(nets, key(0), [1, config.size, config.size, CHANNELS], CHANNELS);
  return {
    step: async () => {
      const [next] = await trainStep(state, { a, b });
      releaseState(state, next);
      state = next;
    },
    forward: async () => {
      const y = translate(nets.generator, state.g, a);
      await y.data();
      y.dispose();
    },
    dispose: () => disposeState(state),
  };
}

function peer(config: BenchConfig, a: tf.Tensor4D, b: tf.Tensor4D): Subject {
  const model = peerModel(config);
  return {
    step: async () => {
      const losses = model.step(a, b);
      await losses.data();
      losses.dispose();
    },
    forward: async () => {
      const y = model.forward(a);
      await y.data();
      y.dispose();
    },
    dispose: () => model.dispose(),
  };
}

async function timed(f: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

/**
 * Measures one implementation of one configuration on the current backend: init, first step, the
 * remaining warm-up, one profiled step (memory, tensors, kernels), `runs` timed steps, then one warm-up
 * and `forwardRuns` timed generator forwards. Everything it creates is disposed again.
 */
export async function measure(req: MeasureRequest): Promise<MeasureResult> {
  const config = configById(req.config);
  const tensorsBefore = tf.memory().numTensors;
  const { a, b } = syntheticPair(config);
  const t0 = performance.now();
  const subject = req.impl === 'ours' ? ours(config, a, b) : peer(config, a, b);
  const initMs = performance.now() - t0;
  try {
    const firstStepMs = await timed(subject.step);
    for (let i = 1; i < req.warmup; i++) await subject.step();
    const profile = await tf.profile(subject.step);
    const held = tf.memory().numTensors;
    const steps: number[] = [];
    for (let i = 0; i < req.runs; i++) steps.push(await timed(subject.step));
    const leakedPerStep = (tf.memory().numTensors - held) / Math.max(1, req.runs);
    await subject.forward();
    const forwards: number[] = [];
    for (let i = 0; i < req.forwardRuns; i++) forwards.push(await timed(subject.forward));
    subject.dispose();
    tf.dispose([a, b]);
    return {
      config: req.config,
      impl: req.impl,
      backend: tf.getBackend(),
      initMs,
      firstStepMs,
      step: summarize(steps),
      forward: summarize(forwards),
      peakBytes: profile.peakBytes,
      tensorsPerStep: profile.kernels.reduce((s, k) => s + k.outputShapes.length, 0),
      kernelsPerStep: profile.kernels.length,
      tensorsHeld: held,
      leakedPerStep,
      leftAfterDispose: tf.memory().numTensors - tensorsBefore,
    };
  } catch (e) {
    subject.dispose();
    tf.dispose([a, b]);
    throw e;
  }
}

/**
 * The backend's matmul rate: the best of `runs` products of two `n×n` matrices (after one warm-up),
 * reading the result back. 2n³ FLOPs each.
 */
export async function peakMatmul(n: number, runs: number): Promise<PeakResult> {
  const x = tf.randomNormal<tf.Rank.R2>([n, n]);
  const y = tf.randomNormal<tf.Rank.R2>([n, n]);
  const once = async (): Promise<number> =>
    timed(async () => {
      const z = tf.matMul(x, y);
      await z.data();
      z.dispose();
    });
  await once();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, await once());
  tf.dispose([x, y]);
  return { backend: tf.getBackend(), n, bestMs: best, gflops: (2 * n ** 3) / best / 1e6 };
}
