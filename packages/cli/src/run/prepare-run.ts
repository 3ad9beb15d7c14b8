import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { inputError, usageError, type CliError } from '../cli/cli-error';
import { buildRunConfig, type TrainOptions } from '../config/build-config';
import { RunConfig } from '../config/run-config';
import { emptyHistory, LossHistory } from '../train/loss-history';
import { readJson } from './json-file';
import { RunInfo } from './run-info';
import { runFolderName, runLayout, type RunLayout } from './run-layout';

/** A run about to train: new (nothing on disk yet) or resumed (its files read back). */
export interface PreparedRun {
  readonly config: RunConfig;
  readonly layout: RunLayout;
  /** A resumed run's records as on disk (`config` before any `--lr` override). */
  readonly resumed: { readonly info: RunInfo; readonly history: LossHistory; readonly config: RunConfig } | undefined;
}

/**
 * Options that may be given with `--resume`: runtime options, and `--lr` (a run that diverged continues from its
 * last good checkpoint with a lower learning rate; the new rate is written to `config.json` and recorded per step
 * in the history).
 */
export const RESUME_OPTIONS: readonly (keyof TrainOptions)[] = ['resume', 'backend', 'wasm_kernels', 'threads', 'chromium', 'print_freq', 'display_freq', 'time_limit', 'lr', 'strict_data', 'help'];

/**
 * Works out the run from the `train` options: a new run (configuration built from the preset and options, a
 * fresh folder `<runs_dir>/<name>-<timestamp>`) or, with `--resume DIR`, the run in DIR (its `config.json`,
 * `run.json` and `history.json` decoded with io-ts, once: a version 1 `config.json` is migrated; runtime options may override the print frequencies, the
 * time limit and the learning rate). Interrupted and failed runs resume; a complete one is refused.
 */
export function prepareRun(options: TrainOptions, now: Date): TE.TaskEither<CliError, PreparedRun> {
  if (options.resume === undefined) {
    return TE.fromEither(
      pipe(
        buildRunConfig(options),
        E.chain((config) => {
          let dir = join(config.run.runsDir, runFolderName(config.run.name, now));
          for (let i = 2; existsSync(dir); i++) dir = join(config.run.runsDir, `${runFolderName(config.run.name, now)}-${i}`);
          return E.right({ config, layout: runLayout(dir), resumed: undefined });
        }),
      ),
    );
  }
  const extra = (Object.keys(options) as (keyof TrainOptions)[]).filter((k) => !RESUME_OPTIONS.includes(k));
  if (extra.length > 0) {
    return TE.left(usageError(`--${extra[0] ?? ''}: cannot be changed when resuming (--resume keeps the run's configuration; allowed: ${RESUME_OPTIONS.filter((k) => k !== 'resume' && k !== 'help').map((k) => `--${k}`).join(', ')})`));
  }
  const dir = options.resume;
  const layout = runLayout(dir);
  if (!existsSync(layout.config)) return TE.left(inputError(`--resume ${dir}: no run there (missing ${layout.config})`));
  return pipe(
    TE.Do,
    TE.bind('config', () => readJson(layout.config, RunConfig)),
    TE.bind('info', () => readJson(layout.run, RunInfo)),
    TE.bind('history', () => (existsSync(layout.history) ? readJson(layout.history, LossHistory) : TE.right(emptyHistory()))),
    TE.chain(({ config, info, history }) =>
      info.status === 'complete'
        ? TE.left(inputError(`--resume ${dir}: this run is complete (step ${info.step} of ${info.totalSteps}); start a new one`))
        : TE.right({
            config: {
              ...config,
              // --strict_data is a choice of this invocation, as for a new run.
              data: { ...config.data, skipBad: options.strict_data !== true },
              objective: { ...config.objective, lr: options.lr ?? config.objective.lr },
              run: {
                ...config.run,
                printFreq: options.print_freq ?? config.run.printFreq,
                displayFreq: options.display_freq ?? config.run.displayFreq,
                timeLimitMinutes: options.time_limit ?? config.run.timeLimitMinutes,
              },
            },
            layout,
            resumed: { info, history, config },
          }),
    ),
  );
}
