import * as t from 'io-ts';
import type { LrPolicy } from '../optim/lr-policy';
import type { Objective } from '../train/train-step';
import { Finite, keys, NonNegativeInt, PositiveInt } from './codecs';

/** `--gan_mode`: `none` trains the L1-only generator (the paper's ablation). */
export const GAN_MODE_NAMES = ['vanilla', 'lsgan', 'none'] as const;
/** `--lr_policy`. */
export const LR_POLICY_NAMES = ['linear', 'step', 'cosine', 'constant'] as const;

/**
 * The objective, optimiser and schedule of a run as data, by the official option names (`--gan_mode`,
 * `--lambda_L1`, `--lr`, `--beta1`, `--lr_policy`, `--lr_decay_iters`, `--n_epochs`, `--n_epochs_decay`): the
 * objective half of what a run configuration and the trainer page decode; {@link objectiveOf} makes the
 * train step's {@link Objective} of it. The paper's objective ablations are values of it (`gan_mode none`:
 * L1; `lambdaL1: 0`: cGAN) together with the model spec's `netDInput` (L1+GAN).
 *
 * @example
 * ```ts
 * import { ObjectiveSpec } from '@pix2pix-ts/pix2pix';
 * const paper: ObjectiveSpec = { ganMode: 'vanilla', lambdaL1: 100, lr: 2e-4, beta1: 0.5, lrPolicy: 'linear', lrDecayIters: 50, nEpochs: 100, nEpochsDecay: 100 };
 * ```
 */
export const ObjectiveSpec = t.type(
  {
    ganMode: keys(GAN_MODE_NAMES, 'a gan mode'),
    lambdaL1: Finite,
    lr: Finite,
    beta1: Finite,
    lrPolicy: keys(LR_POLICY_NAMES, 'an lr policy'),
    lrDecayIters: PositiveInt,
    nEpochs: NonNegativeInt,
    nEpochsDecay: NonNegativeInt,
  },
  'ObjectiveSpec',
);
/** See {@link ObjectiveSpec}. */
export type ObjectiveSpec = t.TypeOf<typeof ObjectiveSpec>;

/**
 * The paper's objective as a spec: vanilla cGAN + 100·L1, Adam(2e-4, 0.5), 100 + 100 epochs of linear decay
 * (`objectiveOf(PAPER_OBJECTIVE_SPEC)` is {@link PAPER_OBJECTIVE}).
 *
 * @example
 * ```ts
 * import { PAPER_OBJECTIVE_SPEC, type ObjectiveSpec } from '@pix2pix-ts/pix2pix';
 * const constantLr: ObjectiveSpec = { ...PAPER_OBJECTIVE_SPEC, lrPolicy: 'constant' };
 * ```
 */
export const PAPER_OBJECTIVE_SPEC: ObjectiveSpec = {
  ganMode: 'vanilla',
  lambdaL1: 100,
  lr: 2e-4,
  beta1: 0.5,
  lrPolicy: 'linear',
  lrDecayIters: 50,
  nEpochs: 100,
  nEpochsDecay: 100,
};

/**
 * The learning-rate policy of an objective spec (the official `--lr_policy` semantics).
 *
 * @example
 * ```ts
 * import { lrPolicyOf } from '@pix2pix-ts/pix2pix';
 * lrPolicyOf({ lrPolicy: 'linear', nEpochs: 100, nEpochsDecay: 100, lrDecayIters: 50 }); // { kind: 'linear', nEpochs: 100, nEpochsDecay: 100 }
 * ```
 */
export function lrPolicyOf(o: Pick<ObjectiveSpec, 'lrPolicy' | 'nEpochs' | 'nEpochsDecay' | 'lrDecayIters'>): LrPolicy {
  switch (o.lrPolicy) {
    case 'linear':
      return { kind: 'linear', nEpochs: o.nEpochs, nEpochsDecay: o.nEpochsDecay };
    case 'step':
      return { kind: 'step', stepSize: o.lrDecayIters };
    case 'cosine':
      return { kind: 'cosine', tMax: Math.max(1, o.nEpochs) };
    case 'constant':
      return { kind: 'constant' };
  }
}

/**
 * The train step's objective of a spec: `gan_mode none` is the L1-only ablation (`l1Only`), Adam's β2 and ε
 * are PyTorch's (0.999, 1e-8).
 *
 * @example
 * ```ts
 * import { objectiveOf } from '@pix2pix-ts/pix2pix';
 * objectiveOf({ ganMode: 'none', lambdaL1: 100, lr: 2e-4, beta1: 0.5, lrPolicy: 'constant', lrDecayIters: 50, nEpochs: 1, nEpochsDecay: 0 }).l1Only; // true
 * ```
 */
export function objectiveOf(o: ObjectiveSpec): Objective {
  const base = {
    ganMode: o.ganMode === 'none' ? ('vanilla' as const) : o.ganMode,
    lambdaL1: o.lambdaL1,
    adam: { lr: o.lr, beta1: o.beta1, beta2: 0.999, epsilon: 1e-8 },
    lrPolicy: lrPolicyOf(o),
  };
  return o.ganMode === 'none' ? { ...base, l1Only: true } : base;
}
