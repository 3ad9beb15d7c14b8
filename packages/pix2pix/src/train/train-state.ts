import { disposeTree, leaves, type Key, type ParamTree } from '@pix2pix-ts/layers';
import type * as tf from '@tensorflow/tfjs-core';
import type { AdamState } from '../optim/adam';

/** A network's variables: trainable parameters and norm statistics. */
export interface NetVars {
  readonly params: ParamTree;
  readonly state: ParamTree;
}

/**
 * Everything that changes during training, as one immutable value: both networks' parameters and
 * norm statistics, both optimisers' moments, the RNG key, the step and the epoch. `trainStep` maps
 * one to the next; a checkpoint is this value on disk.
 */
export interface TrainState {
  readonly g: NetVars;
  readonly d: NetVars;
  readonly optG: AdamState;
  readonly optD: AdamState;
  /** The root key; step `t` draws its dropout masks from `foldIn(key, t)`. */
  readonly key: Key;
  /** Optimisation steps done so far. */
  readonly step: number;
  /** The current epoch, 1-based (it decides the learning rate). */
  readonly epoch: number;
}

/** Every tensor of a train state. */
export function stateTensors(s: TrainState): tf.Tensor[] {
  return [s.g.params, s.g.state, s.d.params, s.d.state, s.optG.m, s.optG.v, s.optD.m, s.optD.v].flatMap((t) => leaves(t));
}

/**
 * Disposes the tensors of `old` that `next` does not hold: how a loop over `trainStep` keeps memory
 * flat without ever freeing a tensor still in use.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { key } from '@pix2pix-ts/layers';
 * import { disposeState, initTrainState, makeTrainStep, PAPER_OBJECTIVE, patchGan, releaseState, unetGenerator } from '@pix2pix-ts/pix2pix';
 * const nets = { generator: unetGenerator({ depth: 5, ngf: 8, outChannels: 3 }), discriminator: patchGan({ nLayers: 2, ndf: 8 }) };
 * const step = makeTrainStep(nets, PAPER_OBJECTIVE);
 * let state = initTrainState(nets, key(0), [1, 32, 32, 3], 3);
 * const a = tf.randomUniform<tf.Rank.R4>([1, 32, 32, 3], -1, 1, 'float32', 1);
 * const [next] = step(state, { a, b: a });
 * releaseState(state, next); // frees what `next` does not share with `state`
 * state = next;
 * disposeState(state);
 * a.dispose();
 * ```
 */
export function releaseState(old: TrainState, next: TrainState): void {
  const keep = new Set(stateTensors(next).map((t) => t.id));
  for (const t of stateTensors(old)) if (!keep.has(t.id)) t.dispose();
}

/** Disposes every tensor of a train state. */
export function disposeState(s: TrainState): void {
  for (const tree of [s.g.params, s.g.state, s.d.params, s.d.state, s.optG.m, s.optG.v, s.optD.m, s.optD.v]) disposeTree(tree);
}
