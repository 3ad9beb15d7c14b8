import { PAPER_OBJECTIVE, type LrPolicy, type Objective } from '@pix2pix-ts/pix2pix';
import * as t from 'io-ts';

const AdamCodec = t.type({ lr: t.number, beta1: t.number, beta2: t.number, epsilon: t.number }, 'AdamConfig');

const LrPolicyCodec: t.Type<LrPolicy, LrPolicy, unknown> = t.union(
  [
    t.type({ kind: t.literal('linear'), nEpochs: t.number, nEpochsDecay: t.number }),
    t.intersection([t.type({ kind: t.literal('step'), stepSize: t.number }), t.partial({ gamma: t.number })]),
    t.type({ kind: t.literal('cosine'), tMax: t.number }),
    t.type({ kind: t.literal('constant') }),
  ],
  'LrPolicy',
);

/**
 * pix2pix's objective as data; every field is optional and defaults to the paper's
 * ({@link PAPER_OBJECTIVE}: vanilla GAN, λ_L1 = 100, Adam(2e-4, 0.5, 0.999), 100 + 100 epochs linear).
 *
 * @example
 * ```ts
 * import type { ObjectiveSpec } from '@pix2pix-ts/browser';
 * const lsgan: ObjectiveSpec = { ganMode: 'lsgan', lrPolicy: { kind: 'constant' } };
 * ```
 */
export const ObjectiveSpec = t.partial(
  {
    ganMode: t.keyof({ vanilla: null, lsgan: null }),
    lambdaL1: t.number,
    adam: AdamCodec,
    lrPolicy: LrPolicyCodec,
    l1Only: t.boolean,
  },
  'ObjectiveSpec',
);
/** See {@link ObjectiveSpec}. */
export type ObjectiveSpec = t.TypeOf<typeof ObjectiveSpec>;

/**
 * The full {@link Objective} of a spec: its fields over the paper's.
 *
 * @example
 * ```ts
 * import { objectiveFromSpec } from '@pix2pix-ts/browser';
 * objectiveFromSpec({ lambdaL1: 10 }).adam.lr; // 0.0002
 * ```
 */
export function objectiveFromSpec(spec: ObjectiveSpec = {}): Objective {
  const base: Objective = {
    ganMode: spec.ganMode ?? PAPER_OBJECTIVE.ganMode,
    lambdaL1: spec.lambdaL1 ?? PAPER_OBJECTIVE.lambdaL1,
    adam: spec.adam ?? PAPER_OBJECTIVE.adam,
    lrPolicy: spec.lrPolicy ?? PAPER_OBJECTIVE.lrPolicy,
  };
  return spec.l1Only === undefined ? base : { ...base, l1Only: spec.l1Only };
}
