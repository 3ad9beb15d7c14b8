import * as t from 'io-ts';

/**
 * What every variant of a study gets: the same preset (size and networks), the same schedule, the same data
 * and seeds. Written into `study.json`, so a resumed study is checked against it.
 */
export const StudyBudget = t.type({
  /** `default` (64x64, unet_64 ngf 16, 34x34 PatchGAN ndf 16) or `smoke` (32x32, tests and CI). */
  preset: t.keyof({ default: null, smoke: null }),
  /** Epochs at the initial learning rate, then epochs of linear decay to zero (the paper's schedule shape). */
  nEpochs: t.number,
  nEpochsDecay: t.number,
  /** Seeds per variant (seed `firstSeed`, `firstSeed + 1`, ...). */
  seeds: t.number,
  /** Seeds of the baseline (at least `seeds`): its spread is the seed-to-seed noise every comparison is read against. */
  baselineSeeds: t.number,
  firstSeed: t.number,
  /** At most this many training pairs (`null`: all). */
  maxDatasetSize: t.union([t.number, t.null]),
  /** At most this many test pairs evaluated (`null`: all). */
  numTest: t.union([t.number, t.null]),
});
/** See {@link StudyBudget}. */
export type StudyBudget = t.TypeOf<typeof StudyBudget>;

/**
 * The default budget: about 25 minutes for `--study all` on an otherwise idle 2-core machine (wasm). The
 * default preset's model at 64x64, 3 + 2 epochs of the 400 Facades training pairs (2,000 steps, ~2 minutes a
 * variant at ~61 ms a step; L1-only variants have no discriminator and are faster), one seed per variant and
 * a second seed of the baseline: its spread is the noise floor the comparisons are read against. 10 variants
 * and the baseline's repeat: 11 runs.
 */
export const DEFAULT_BUDGET: StudyBudget = {
  preset: 'default',
  nEpochs: 3,
  nEpochsDecay: 2,
  seeds: 1,
  baselineSeeds: 2,
  firstSeed: 0,
  maxDatasetSize: null,
  numTest: null,
};

/** The smoke budget: seconds a variant (8 pairs at 32x32, 1 + 1 epochs, 8 test images), for tests and CI. */
export const SMOKE_BUDGET: StudyBudget = {
  preset: 'smoke',
  nEpochs: 1,
  nEpochsDecay: 1,
  seeds: 1,
  baselineSeeds: 2,
  firstSeed: 0,
  maxDatasetSize: 8,
  numTest: 8,
};
