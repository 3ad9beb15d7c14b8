import * as tf from '@tensorflow/tfjs-core';
import { makeTrainStep, releaseState, type TrainState } from '../../src/index';
import { tinyBatch, tinyNets, tinyObjective } from './tiny';

/** Trains `n` more steps of the tiny model; batch `i` is a pure function of the global step. */
export function trainTiny(state: TrainState, n: number): TrainState {
  const step = makeTrainStep(tinyNets(), tinyObjective);
  let s = state;
  for (let i = 0; i < n; i++) {
    const batch = tinyBatch(s.step);
    const [next] = step(s, batch);
    releaseState(s, next);
    tf.dispose([batch.a, batch.b]);
    s = next;
  }
  return s;
}
