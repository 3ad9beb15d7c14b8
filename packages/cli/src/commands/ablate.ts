import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { locateSharedFacades } from '@pix2pix-ts/datasets/node';
import { usageError, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import type { AblateOptions } from '../ablate/ablate-options';
import { runStudy, type StudyRequest, type StudySummary } from '../ablate/run-study';
import { DEFAULT_BUDGET, SMOKE_BUDGET, type StudyBudget } from '../ablate/study-budget';
import { DEFAULT_SEGMENTER } from '../eval/segmenter';

/** The FCN-score segmenter's steps under the smoke preset: enough to run the code, not to segment well. */
const SMOKE_FCN_STEPS = 50;

/** The budget the options ask for: the preset's, with each given option over it. Pure. */
export function budgetOf(o: AblateOptions): StudyBudget {
  const p = o.preset === 'smoke' ? SMOKE_BUDGET : DEFAULT_BUDGET;
  const seeds = o.seeds ?? p.seeds;
  return {
    preset: p.preset,
    nEpochs: o.n_epochs ?? p.nEpochs,
    nEpochsDecay: o.n_epochs_decay ?? p.nEpochsDecay,
    seeds,
    baselineSeeds: Math.max(seeds, o.baseline_seeds ?? p.baselineSeeds),
    firstSeed: o.seed ?? p.firstSeed,
    maxDatasetSize: o.max_dataset_size ?? p.maxDatasetSize,
    numTest: o.num_test ?? p.numTest,
  };
}

/** Where the data is: `--dataroot`, else (aligned) the project's shared CMP Facades found from the working folder. */
function datarootOf(o: AblateOptions): TE.TaskEither<CliError, string | null> {
  if (o.dataset_mode === 'synthetic') return TE.right(null);
  if (o.dataroot !== undefined) return TE.right(o.dataroot);
  return pipe(
    TE.fromTask(() => locateSharedFacades(process.cwd())),
    TE.chain((found) => (found === undefined ? TE.left(usageError('--dataroot: required (no shared CMP Facades found at ../shared/data/facades or $PIX2PIX_SHARED)')) : TE.right(found))),
  );
}

/**
 * `pix2pix ablate`: runs one of the paper's ablation studies (or all of them) on a dataset, one seed and one
 * budget per variant, and writes one report (see `runStudy`). The same command again resumes a half-done study.
 */
export function ablateCommand(o: AblateOptions, env: CliEnv): TE.TaskEither<CliError, StudySummary> {
  if (o.dataset_mode === 'synthetic' && o.dataroot !== undefined) return TE.left(usageError('--dataroot: not used with --dataset_mode synthetic'));
  const study = o.study ?? 'all';
  return pipe(
    datarootOf(o),
    TE.map(
      (dataroot): StudyRequest => ({
        setup: { study, budget: budgetOf(o), dataroot, direction: o.direction ?? 'BtoA' },
        // A smoke study gets its own folder: the default one holds the default budget's runs, which it must not mix with.
        out: o.out ?? `runs/ablations-${study}${o.preset === 'smoke' ? '-smoke' : ''}`,
        runtime: { backend: o.backend ?? 'wasm', wasmKernels: o.wasm_kernels ?? 'backends' },
        samples: o.num_samples ?? 6,
        fcn: o.no_fcn === true ? null : { steps: o.fcn_steps ?? (o.preset === 'smoke' ? SMOKE_FCN_STEPS : DEFAULT_SEGMENTER.steps) },
        dryRun: o.dry_run === true,
        reportOnly: o.report_only === true,
      }),
    ),
    TE.chain((req) => runStudy(req, env)),
  );
}
