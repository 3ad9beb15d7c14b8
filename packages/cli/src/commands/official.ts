import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { officialCheckpointFile } from '@pix2pix-ts/pix2pix/node';
import { inputError, messageOf, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import type { TrainOptions } from '../config/build-config';
import { RunConfig } from '../config/run-config';
import { continueOptions, newestRunFolder, officialTest, officialTrain, type RunByName, type TestCommandOptions } from '../options/official-options';
import { readJson } from '../run/json-file';
import { RESUME_OPTIONS } from '../run/prepare-run';
import { runLayout } from '../run/run-layout';

/**
 * The run folder a `--name` means: `<runs_dir>/<name>` when it is a run, else the newest
 * `<runs_dir>/<name>-<timestamp>` (where `pix2pix train --name` puts runs).
 */
export function findRunByName(r: RunByName, option: string): TE.TaskEither<CliError, string> {
  const hint = `${option} --name ${r.name}: no run named ${r.name} in ${r.runsDir} (looked for ${join(r.runsDir, `${r.name}-YYYYMMDD-HHMMSS`)}, made by pix2pix train --name ${r.name}; --checkpoints_dir DIR looks elsewhere)`;
  return pipe(
    TE.tryCatch(
      () => readdir(r.runsDir),
      (e) => inputError(`${hint}: ${messageOf(e)}`),
    ),
    TE.chain((entries) => {
      const found = newestRunFolder(entries, r.name, (e) => existsSync(runLayout(join(r.runsDir, e)).config));
      return found === undefined ? TE.left(inputError(hint)) : TE.right(join(r.runsDir, found));
    }),
  );
}

/** A run folder (its `checkpoints/latest`) or a checkpoint, as `--run` / `--checkpoint` give them. */
type CheckpointSource = { readonly run: string } | { readonly checkpoint: string };

/**
 * What `test --name` reads: the official implementation's checkpoint `<checkpoints_dir>/<name>/<epoch>_net_G.pth`
 * when it is there (the official layout, loaded like any `.pth`), else the newest run of that name (`latest`, or
 * the generator saved at epoch N).
 */
function checkpointByName(byName: RunByName): TE.TaskEither<CliError, CheckpointSource> {
  const official = join(byName.runsDir, byName.name, officialCheckpointFile('G', byName.epoch));
  return pipe(
    TE.fromTask(() => stat(official).then((s) => s.isFile(), () => false)),
    TE.chain((isOfficial): TE.TaskEither<CliError, CheckpointSource> =>
      isOfficial
        ? TE.right({ checkpoint: official })
        : pipe(
            findRunByName(byName, 'pix2pix test'),
            TE.map((dir) => (byName.epoch === 'latest' ? { run: dir } : { checkpoint: runLayout(dir).epochCheckpoint(byName.epoch) })),
          ),
    ),
  );
}

const tell = (env: CliEnv, lines: readonly string[]): TE.TaskEither<CliError, void> => TE.fromIO(() => lines.forEach((l) => env.stdout.write(`${l}\n`)));

/**
 * `pix2pix train` options with the official ones read ({@link officialTrain}): the notes said once, and
 * `--continue_train` turned into `--resume` of the newest run of `--name`, after checking that the options given
 * agree with its configuration.
 */
export function officialTrainOptions(o: TrainOptions, env: CliEnv): TE.TaskEither<CliError, TrainOptions> {
  return pipe(
    TE.fromEither(officialTrain(o)),
    TE.tap(({ notes }) => tell(env, notes)),
    TE.chain(({ options, continueRun }) =>
      continueRun === undefined
        ? TE.right(options)
        : pipe(
            findRunByName(continueRun, '--continue_train'),
            TE.bindTo('dir'),
            TE.bind('stored', ({ dir }) => readJson(runLayout(dir).config, RunConfig)),
            TE.chainEitherK(({ dir, stored }) => continueOptions(options, stored, dir, RESUME_OPTIONS)),
            TE.tap((resumed) => tell(env, [`--continue_train --name ${continueRun.name}: continuing ${resumed.resume ?? ''} (the same as --resume ${resumed.resume ?? ''})`])),
          ),
    ),
  );
}

/**
 * `pix2pix test` options with the official ones read ({@link officialTest}): with `--name`, the official
 * checkpoint `<checkpoints_dir>/<name>/<epoch>_net_G.pth` when there, else the newest run of that name, its
 * checkpoint `--epoch` (`latest`, or the generator saved at epoch N), the data from
 * `<dataroot>/<phase>` (aligned) and the results in `<results_dir>/<name>/<phase>_<epoch>/images`.
 */
export function officialTestOptions(o: TestCommandOptions, env: CliEnv): TE.TaskEither<CliError, TestCommandOptions> {
  return pipe(
    TE.fromEither(officialTest(o)),
    TE.tap(({ notes }) => tell(env, notes)),
    TE.chain(({ options, byName }) => {
      if (byName === undefined) return TE.right(options);
      const mode = options.dataset_mode ?? (o.model === 'test' ? 'single' : 'aligned');
      return pipe(
        checkpointByName(byName),
        TE.map((source): TestCommandOptions => ({
          ...options,
          ...source,
          results_dir: byName.resultsDir,
          dataset_mode: mode,
          ...(options.dataroot === undefined ? {} : { dataroot: mode === 'aligned' ? join(options.dataroot, byName.phase) : options.dataroot }),
        })),
        TE.tap((t) => tell(env, [`--name ${byName.name}: ${t.run === undefined ? `checkpoint ${t.checkpoint ?? ''}` : `run ${t.run} (latest)`}, results in ${byName.resultsDir}`])),
      );
    }),
  );
}
