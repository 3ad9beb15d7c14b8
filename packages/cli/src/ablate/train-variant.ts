import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import { trainCommand } from '../commands/train';
import { readJson } from '../run/json-file';
import { RunInfo } from '../run/run-info';
import { runLayout } from '../run/run-layout';
import type { PlannedRun } from './plan-study';
import type { RunState } from './study-runs';

/** The runtime options every variant trains with (they do not change what is trained). */
export interface StudyRuntime {
  readonly backend: 'cpu' | 'wasm';
  readonly wasmKernels: 'native' | 'backends';
}

/** A trained variant: its run folder and record. */
export interface TrainedRun {
  readonly dir: string;
  readonly info: RunInfo;
}

/**
 * Trains one planned run through `pix2pix train` in this process: a new run folder, or, for a run that was
 * stopped, `--resume` of its folder (the train command's own resume: it continues from the newest checkpoint,
 * and ends with the weights of an uninterrupted run). A complete run is returned as it is.
 */
export function trainVariant(run: PlannedRun, state: RunState, runtime: StudyRuntime, env: CliEnv): TE.TaskEither<CliError, TrainedRun> {
  if (state.kind === 'complete') return TE.right({ dir: state.dir, info: state.info });
  const rt = { backend: runtime.backend, wasm_kernels: runtime.wasmKernels };
  const trained = state.kind === 'partial' ? trainCommand({ resume: state.dir, ...rt }, env) : trainCommand({ ...run.options, ...rt }, env);
  return pipe(
    trained,
    TE.chain((summary) => pipe(readJson(runLayout(summary.runDir).run, RunInfo), TE.map((info) => ({ dir: summary.runDir, info })))),
  );
}
