import type { LrPolicy, Objective } from '@pix2pix-ts/pix2pix';
import type { ObjectiveConfig } from './run-config';

/** The learning-rate policy of a configuration (the official `--lr_policy` semantics). */
export function lrPolicyOf(o: ObjectiveConfig): LrPolicy {
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
 * The pix2pix objective of a configuration: `gan_mode none` is the L1-only ablation (`l1Only`), Adam's β2 and
 * ε are PyTorch's (0.999, 1e-8).
 *
 * @example
 * ```ts
 * import { objectiveOf, DEFAULT_PRESET } from '@pix2pix-ts/cli';
 * objectiveOf(DEFAULT_PRESET.objective).lambdaL1; // 100
 * ```
 */
export function objectiveOf(o: ObjectiveConfig): Objective {
  const base = {
    ganMode: o.ganMode === 'none' ? ('vanilla' as const) : o.ganMode,
    lambdaL1: o.lambdaL1,
    adam: { lr: o.lr, beta1: o.beta1, beta2: 0.999, epsilon: 1e-8 },
    lrPolicy: lrPolicyOf(o),
  };
  return o.ganMode === 'none' ? { ...base, l1Only: true } : base;
}
