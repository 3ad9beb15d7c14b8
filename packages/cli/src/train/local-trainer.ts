import * as tf from '@tensorflow/tfjs-core';
import * as TE from 'fp-ts/TaskEither';
import { targetChannels, type Batch as DataBatch } from '@pix2pix-ts/datasets';
import { disposeState, makeTrainStep, releaseState, type Batch, type Objective, type Pix2PixNets, type TrainState } from '@pix2pix-ts/pix2pix';
import { internalError, messageOf } from '../cli/cli-error';
import { flattenTree } from '@pix2pix-ts/layers';
import type { Trainer } from './trainer';

/**
 * Whether every weight and norm statistic of G and D is finite, with one value read back: NaN and ±Infinity
 * survive a sum (Adam's moments follow the weights, so they are not summed). A sum of finite weights could only
 * overflow float32 for weights near 1e34, a divergence anyway.
 */
const weightsFinite = (s: TrainState): boolean => {
  const total = tf.tidy(() => tf.addN([s.g.params, s.g.state, s.d.params, s.d.state].flatMap((tree) => flattenTree(tree).map(([, t]) => tf.sum(t)))));
  const v = total.dataSync()[0];
  total.dispose();
  return v !== undefined && Number.isFinite(v);
};

const toTensors = (b: DataBatch): Batch => {
  const shape: [number, number, number, number] = [b.shape[0], b.shape[1], b.shape[2], b.shape[3]];
  // The targets have their own channel count (2 for colorization's ab, else 3 as the inputs).
  return { a: tf.tensor4d(b.a, shape, 'float32'), b: tf.tensor4d(b.b, [shape[0], shape[1], shape[2], targetChannels(b)], 'float32') };
};

/**
 * A {@link Trainer} in this process, on the current tfjs backend (wasm or cpu): pix2pix's pure `makeTrainStep`
 * over a state it owns from here, with memory kept flat (`releaseState`: each step frees what the next state
 * no longer holds).
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { buildNets, objectiveOf } from '@pix2pix-ts/pix2pix';
 * import { buildRunConfig, freshState, localTrainer } from '@pix2pix-ts/cli/node';
 * const config = buildRunConfig({ dataset_mode: 'synthetic', preset: 'smoke' });
 * if (E.isRight(config)) {
 *   const nets = buildNets(config.right.model);
 *   const trainer = localTrainer(nets, objectiveOf(config.right.objective), freshState(config.right, nets));
 *   // const metrics = await trainer.train(batch, 1)(); // one step on a batch of the loader
 * }
 * ```
 */
export function localTrainer(nets: Pix2PixNets, objective: Objective, initial: TrainState): Trainer {
  const step = makeTrainStep(nets, objective);
  let state = initial;
  let owned = true;
  return {
    step: () => state.step,
    train: (batch, epoch) =>
      TE.tryCatch(
        async () => {
          const tensors = toTensors(batch);
          try {
            const [after, metrics] = step({ ...state, epoch }, tensors);
            releaseState(state, after);
            state = after;
            return metrics;
          } finally {
            tf.dispose([tensors.a, tensors.b]);
          }
        },
        (e) => internalError(`training step ${state.step + 1}: ${messageOf(e)}`),
      ),
    weightsFinite: () => TE.fromIO(() => weightsFinite(state)),
    snapshot: () => TE.right(state),
    finish: () =>
      TE.fromIO(() => {
        owned = false;
        return state;
      }),
    close: () =>
      TE.fromIO(() => {
        if (owned) disposeState(state);
        owned = false;
      }),
  };
}
