import * as E from 'fp-ts/Either';
import { buildRunConfig, type TrainOptions } from '../config/build-config';
import { buildNets, discriminatorChannels, netDInputOf } from '@pix2pix-ts/pix2pix';
import { networkCost } from '../config/network-cost';
import { PRESETS } from '../config/presets';
import type { RunConfig } from '../config/run-config';
import { sameExperiment } from './same-experiment';
import type { StudyBudget } from './study-budget';
import { BASELINE_ID, VARIANTS, type StudyChoice, type Variant } from './variants';

/** Where a study's data comes from and where its runs go (the same for every variant). */
export interface StudySetup {
  readonly study: StudyChoice;
  readonly budget: StudyBudget;
  /** An aligned dataset root, or `null` for the synthetic facades (tests without files). */
  readonly dataroot: string | null;
  readonly direction: 'AtoB' | 'BtoA';
  /** The folder the variants' run folders go into. */
  readonly runsDir: string;
}

/** One training run of a study: a variant at one seed. */
export interface PlannedRun {
  readonly variant: Variant;
  readonly seed: number;
  /** `<variant id>-s<seed>`: the `--name` of its run folder. */
  readonly runName: string;
  /** The `pix2pix train` options it runs with. */
  readonly options: TrainOptions;
  /** The configuration those options build (what a finished run's `config.json` must match). */
  readonly config: RunConfig;
}

/** A variant a study cannot train at its budget, and why. */
export interface SkippedVariant {
  readonly variant: Variant;
  readonly reason: string;
}

/** A variant that is, at the study's size, the same network as another (e.g. the image GAN and the 70x70 PatchGAN at 64x64): trained once. */
export interface AliasVariant {
  readonly variant: Variant;
  readonly sameAs: string;
  readonly sameAsLabel: string;
}

/** What a study trains, in order, and what it leaves out. */
export interface StudyPlan {
  /** The variants of the study's tables (trained, aliased or skipped), in training order. */
  readonly variants: readonly Variant[];
  readonly runs: readonly PlannedRun[];
  readonly skipped: readonly SkippedVariant[];
  readonly aliases: readonly AliasVariant[];
}

/** The variants of a study choice: one study's rows, or every variant once for `all`. Pure. */
export const variantsOf = (study: StudyChoice): readonly Variant[] => (study === 'all' ? VARIANTS : VARIANTS.filter((v) => v.studies.includes(study)));

/** The run name of a variant at a seed. */
export const runNameOf = (variantId: string, seed: number): string => `${variantId}-s${seed}`;

/** The `train` options of a variant at a seed under a setup. Pure. */
export function trainOptionsOf(setup: StudySetup, variant: Variant, seed: number): TrainOptions {
  const b = setup.budget;
  return {
    preset: b.preset,
    ...(setup.dataroot === null ? { dataset_mode: 'synthetic' as const } : { dataroot: setup.dataroot }),
    direction: setup.direction,
    n_epochs: b.nEpochs,
    n_epochs_decay: b.nEpochsDecay,
    ...(b.maxDatasetSize === null ? {} : { max_dataset_size: b.maxDatasetSize }),
    ...(b.numTest === null ? {} : { num_test: b.numTest }),
    // A checkpoint every epoch: a study stopped hard loses at most one epoch of one variant.
    save_epoch_freq: 1,
    seed,
    name: runNameOf(variant.id, seed),
    runs_dir: setup.runsDir,
    ...variant.overrides,
    // The same depth as the preset's U-Net: unet_64 -> encoder_decoder_64.
    ...(variant.generator === 'encoder_decoder' ? { netG: PRESETS[b.preset].model.netG.replace(/^unet_/, 'encoder_decoder_') } : {}),
  };
}

/** Why a configuration cannot train (a discriminator with no patch left at this size), or `undefined`. Pure. */
function trainProblem(config: RunConfig): string | undefined {
  if (config.objective.ganMode === 'none') return undefined;
  const m = config.model;
  const s = config.data.cropSize;
  const d = networkCost(buildNets(m).discriminator, [1, s, s, discriminatorChannels(m.inputNc, m.outputNc, netDInputOf(m))]).output;
  const patches = E.isRight(d) ? (d.right[1] ?? 0) : 0;
  return patches >= 1 ? undefined : `its discriminator leaves no patch of a ${s}x${s} image (${E.isLeft(d) ? d.left : `${patches}x${patches} output`}); it needs a larger --crop_size than this budget's`;
}

/**
 * Plans a study: every variant of its tables at each seed of the budget (the baseline at `baselineSeeds`),
 * round by round: every variant at the first seed (baseline first, in {@link VARIANTS} order), then the repeats.
 * A study stopped early has whole comparisons, not half of each. Variants that cannot train at the budget's size
 * (or need an option this build lacks) are listed as skipped with the reason. Pure.
 *
 * @example
 * ```ts
 * import { planStudy, DEFAULT_BUDGET } from '@pix2pix-ts/cli';
 * const plan = planStudy({ study: 'loss', budget: DEFAULT_BUDGET, dataroot: 'data/facades', direction: 'BtoA', runsDir: 'runs/ablations-loss/runs' });
 * plan.runs.map((r) => r.runName); // ['l1_cgan-s0', 'l1-s0', 'cgan-s0', 'l1_gan-s0', 'l1_cgan-s1']
 * ```
 */
export function planStudy(setup: StudySetup): StudyPlan {
  const variants = variantsOf(setup.study);
  const skipped: SkippedVariant[] = [];
  const aliases: AliasVariant[] = [];
  const trainable: Array<{ readonly variant: Variant; readonly first: PlannedRun; readonly configOf: (seed: number) => E.Either<string, PlannedRun> }> = [];
  for (const variant of variants) {
    const configOf = (seed: number): E.Either<string, PlannedRun> => {
      const options = trainOptionsOf(setup, variant, seed);
      const built = buildRunConfig(options);
      if (E.isLeft(built)) return E.left(built.left.message);
      const problem = trainProblem(built.right);
      return problem === undefined ? E.right({ variant, seed, runName: runNameOf(variant.id, seed), options, config: built.right }) : E.left(problem);
    };
    const first = configOf(setup.budget.firstSeed);
    if (E.isLeft(first)) {
      skipped.push({ variant, reason: first.left });
      continue;
    }
    const twin = trainable.find((t) => sameExperiment(t.first.config, first.right.config));
    if (twin !== undefined) aliases.push({ variant, sameAs: twin.variant.id, sameAsLabel: twin.variant.label });
    else trainable.push({ variant, first: first.right, configOf });
  }
  const { seeds, baselineSeeds, firstSeed } = setup.budget;
  const rounds = Math.max(seeds, baselineSeeds);
  const runs: PlannedRun[] = [];
  for (let k = 0; k < rounds; k++) {
    for (const { variant, configOf } of trainable) {
      if (k >= (variant.id === BASELINE_ID ? rounds : seeds)) continue;
      const run = configOf(firstSeed + k);
      if (E.isRight(run)) runs.push(run.right);
    }
  }
  return { variants, runs, skipped, aliases };
}
