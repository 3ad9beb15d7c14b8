/**
 * Median ms per pix2pix training step (one D update + one G update, batch 1) and where the time
 * goes, kernel by kernel, for the three sizes of issue 7:
 *
 *   64:  64x64,   U-Net depth 6 ngf 16, PatchGAN n_layers 3 ndf 16
 *   128: 128x128, U-Net depth 7 ngf 32, PatchGAN n_layers 3 ndf 32
 *   256: 256x256, unet_256 (depth 8 ngf 64), 70x70 PatchGAN ndf 64
 *
 * Usage (run timings under the shared lock, one config per call keeps each run short):
 *
 *   flock /tmp/pix2pix-cpu.lock npx tsx --conditions=source packages/pix2pix/bench/step-profile.ts \
 *     --backend wasm --config 64 [--steps 10] [--warmup 3] [--profile] [--kernels native|backends]
 *
 * `--profile` wraps every kernel registered for the backend with a timer and prints each kernel's
 * self time per step (time inside nested kernel calls — composite kernels run other kernels — is
 * charged to the inner kernel) and its share of the step; "outside kernels" is the rest (the
 * engine's bookkeeping, tape, tidy, Adam arithmetic in JS). The step timings of a profiled run
 * include the timer overhead; take the headline median from a run without `--profile`.
 * `--kernels native` selects the backend with `replaceKernels: false`; the default is the
 * package default.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { useBackend } from '@pix2pix-ts/backends';
import { key } from '@pix2pix-ts/layers';
import { disposeState, initTrainState, makeTrainStep, PAPER_OBJECTIVE, patchGanOf, releaseState, unetGeneratorOf, type Pix2PixNets } from '../src/index';

interface BenchConfig {
  readonly size: number;
  readonly depth: number;
  readonly ngf: number;
  readonly ndf: number;
}

const CONFIGS: Readonly<Record<string, BenchConfig>> = {
  '64': { size: 64, depth: 6, ngf: 16, ndf: 16 },
  '128': { size: 128, depth: 7, ngf: 32, ndf: 32 },
  '256': { size: 256, depth: 8, ngf: 64, ndf: 64 },
};

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? (process.argv[i + 1] ?? fallback) : fallback;
}

const backendName = arg('backend', 'wasm') as 'wasm' | 'cpu';
const configName = arg('config', '64');
const steps = Number(arg('steps', '10'));
const warmup = Number(arg('warmup', '3'));
const profile = process.argv.includes('--profile');
const kernels = arg('kernels', 'default');
/** With `--by-shape K1,K2`, those kernels are broken down by input shapes and attributes. */
const byShape = new Set(arg('by-shape', '').split(',').filter((k) => k !== ''));
const config = CONFIGS[configName];
if (config === undefined) throw new Error(`unknown --config ${configName}; one of ${Object.keys(CONFIGS).join(', ')}`);

const info = await useBackend(backendName, kernels === 'default' ? {} : { replaceKernels: kernels === 'backends' });

/** Self time (ms) and calls per kernel name, accumulated while `counting`. */
const selfMs = new Map<string, number>();
const calls = new Map<string, number>();
let counting = false;

function describeCall(inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap | undefined): string {
  const shapes = Object.values(inputs).map((t) => `[${t?.shape.join(',') ?? ''}]`).join(' ');
  const a = attrs ?? {};
  const keys = ['strides', 'pad', 'dilations', 'perm'].filter((k) => a[k] !== undefined);
  return `${shapes} ${keys.map((k) => `${k}=${JSON.stringify(a[k])}`).join(' ')}`;
}

/** Wraps every kernel of the backend so it records its self time (nested kernel time excluded). */
function instrument(backend: string): void {
  const stack: number[] = []; // per open kernel: time spent in its children so far
  const configs = tf.getKernelsForBackend(backend);
  for (const c of configs) {
    const inner = c.kernelFunc;
    const wrapped: KernelFunc = (args) => {
      if (!counting) return inner(args);
      stack.push(0);
      const t0 = performance.now();
      try {
        return inner(args);
      } finally {
        const total = performance.now() - t0;
        const children = stack.pop() ?? 0;
        if (stack.length > 0) stack[stack.length - 1] = (stack[stack.length - 1] ?? 0) + total;
        const name = byShape.has(c.kernelName) ? `${c.kernelName} ${describeCall(args.inputs, args.attrs)}` : c.kernelName;
        selfMs.set(name, (selfMs.get(name) ?? 0) + total - children);
        calls.set(name, (calls.get(name) ?? 0) + 1);
      }
    };
    const next: KernelConfig = { ...c, kernelFunc: wrapped };
    tf.unregisterKernel(c.kernelName, backend);
    tf.registerKernel(next);
  }
}
if (profile) instrument(backendName);

const nets: Pix2PixNets = {
  generator: unetGeneratorOf({ depth: config.depth, ngf: config.ngf, outChannels: 3 }),
  discriminator: patchGanOf({ nLayers: 3, ndf: config.ndf }),
};
const shape = [1, config.size, config.size, 3] as const;
const step = makeTrainStep(nets, PAPER_OBJECTIVE);
let state = initTrainState(nets, key(0), shape, 3);

const n = config.size * config.size * 3;
const times: number[] = [];
for (let i = 0; i < warmup + steps; i++) {
  const a = Float32Array.from({ length: n }, (_, j) => Math.sin(j * 0.37 + i));
  const batch = { a: tf.tensor4d(a, [...shape]), b: tf.tensor4d(a.map((v) => Math.tanh(1.5 * v)), [...shape]) };
  counting = profile && i >= warmup;
  const t0 = performance.now();
  const [next] = step(state, batch);
  times.push(performance.now() - t0);
  counting = false;
  releaseState(state, next);
  state = next;
  tf.dispose([batch.a, batch.b]);
}
disposeState(state);

const measured = times.slice(warmup).sort((x, y) => x - y);
const median = measured[Math.floor(measured.length / 2)] ?? Number.NaN;
const kernelInfo = 'replacedKernels' in info ? `replaced [${info.replacedKernels.join(', ')}]` : '';
console.log(
  `${backendName} config ${configName} (${config.size}x${config.size}, depth ${config.depth}, ngf ${config.ngf}, ndf ${config.ndf}) ${kernelInfo}: ` +
    `median ${median.toFixed(1)} ms/step over ${steps} steps (min ${measured[0]?.toFixed(1)}, max ${measured[measured.length - 1]?.toFixed(1)})` +
    `${profile ? ' [profiled: includes timer overhead]' : ''}`,
);
if (profile) {
  const perStep = (ms: number): number => ms / steps;
  const stepMean = measured.reduce((s, x) => s + x, 0) / steps;
  const rows = [...selfMs.entries()].sort((x, y) => y[1] - x[1]);
  const inKernels = rows.reduce((s, [, ms]) => s + ms, 0);
  console.log(`mean ${stepMean.toFixed(1)} ms/step; per step, by kernel self time:`);
  for (const [name, ms] of rows) {
    if (perStep(ms) < 0.05) continue;
    console.log(
      `  ${name.padEnd(byShape.size > 0 ? 90 : 24)} ${perStep(ms).toFixed(2).padStart(9)} ms ${((100 * perStep(ms)) / stepMean).toFixed(1).padStart(5)}%  ${((calls.get(name) ?? 0) / steps).toFixed(0).padStart(4)} calls`,
    );
  }
  const outside = stepMean - perStep(inKernels);
  console.log(`  ${'(outside kernels)'.padEnd(24)} ${outside.toFixed(2).padStart(9)} ms ${((100 * outside) / stepMean).toFixed(1).padStart(5)}%`);
}
