import { key } from '@pix2pix-ts/layers';
import { disposeState, initTrainState, makeTrainStepAsync, PAPER_OBJECTIVE, patchGan, releaseState, unetGenerator } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import { gpu, onBackend } from '../backends';

/** What the webgl backend held after each step. */
export interface LeakTrace {
  readonly numTensors: readonly number[];
  readonly numBytesInGPU: readonly number[];
  readonly numBytesInGPUAllocated: readonly number[];
  /** Wall time of each step, ms (the first compiles the shaders). */
  readonly ms: readonly number[];
  /** After disposing the state and the batch, compared with before the run. */
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
  readonly losses: { readonly first: number; readonly last: number };
}

/** `steps` training steps of a tiny pix2pix (U-Net 5 ngf 4, PatchGAN 70 ndf 4, 32x32) on webgl. */
export async function leaksCase(arg: unknown): Promise<LeakTrace> {
  const steps = typeof arg === 'number' ? arg : 100;
  await onBackend(gpu());
  const tensorsBefore = tf.memory().numTensors;
  const nets = { generator: unetGenerator({ depth: 5, ngf: 4, outChannels: 3 }), discriminator: patchGan({ nLayers: 3, ndf: 4 }) };
  const step = makeTrainStepAsync(nets, PAPER_OBJECTIVE);
  let state = initTrainState(nets, key(1), [1, 32, 32, 3], 3);
  const a = tf.randomUniform([1, 32, 32, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
  const b = tf.tidy(() => tf.tanh(tf.reverse(a, 2))) as tf.Tensor4D;
  const trace = { numTensors: [] as number[], numBytesInGPU: [] as number[], numBytesInGPUAllocated: [] as number[], ms: [] as number[] };
  let first = Number.NaN;
  let last = Number.NaN;
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    const [next, m] = await step(state, { a, b });
    releaseState(state, next);
    state = next;
    trace.ms.push(performance.now() - t0);
    if (i === 0) first = m.G_L1;
    last = m.G_L1;
    const mem = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesInGPUAllocated?: number };
    trace.numTensors.push(mem.numTensors);
    trace.numBytesInGPU.push(mem.numBytesInGPU ?? -1);
    trace.numBytesInGPUAllocated.push(mem.numBytesInGPUAllocated ?? -1);
  }
  disposeState(state);
  tf.dispose([a, b]);
  return { ...trace, tensorsBefore, tensorsAfter: tf.memory().numTensors, losses: { first, last } };
}
