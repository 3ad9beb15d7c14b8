import * as tf from '@tensorflow/tfjs-core';
import { flattenTree } from '@pix2pix-ts/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeState, makeTrainStep, makeTrainStepAsync, releaseState, type StepMetrics, type TrainState } from '../src/index';
import { onBackend } from './support/backends';
import { tinyBatch, tinyNets, tinyObjective, tinyState } from './support/tiny';

type Step = (state: TrainState, batch: ReturnType<typeof tinyBatch>) => Promise<readonly [TrainState, StepMetrics]>;

async function run(step: Step, n: number): Promise<{ losses: StepMetrics[]; params: Array<[string, number[]]>; tensors: number }> {
  const before = tf.memory().numTensors;
  let state: TrainState = tinyState(42);
  const losses: StepMetrics[] = [];
  for (let i = 0; i < n; i++) {
    const batch = tinyBatch(i);
    const [next, metrics] = await step(state, batch);
    releaseState(state, next);
    tf.dispose([batch.a, batch.b]);
    state = next;
    losses.push(metrics);
  }
  const params = flattenTree(state.g.params).map(([p, t]): [string, number[]] => [p, Array.from(t.dataSync())]);
  disposeState(state);
  return { losses, params, tensors: tf.memory().numTensors - before };
}

// makeTrainStepAsync exists for tfjs's webgpu backend, whose synchronous read loses the device in
// headless Chromium (SwiftShader); it must be the very same step as makeTrainStep.
describe('makeTrainStepAsync (cpu)', () => {
  beforeAll(() => onBackend('cpu'));

  it('the same losses and parameters as makeTrainStep, bit for bit, and no leaked tensor', async () => {
    const sync = makeTrainStep(tinyNets(), tinyObjective);
    const viaSync = await run(async (s, b) => sync(s, b), 3);
    const viaAsync = await run(makeTrainStepAsync(tinyNets(), tinyObjective), 3);
    expect(viaAsync.losses).toEqual(viaSync.losses);
    expect(viaAsync.params).toEqual(viaSync.params);
    expect(viaAsync.tensors).toBe(0);
    expect(viaSync.tensors).toBe(0);
  });
});
