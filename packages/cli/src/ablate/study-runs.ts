import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { inputError, messageOf, type CliError } from '../cli/cli-error';
import { RunConfig } from '../config/run-config';
import { readJson } from '../run/json-file';
import { RunInfo } from '../run/run-info';
import { runLayout } from '../run/run-layout';
import type { PlannedRun } from './plan-study';
import { sameExperiment } from './same-experiment';

/** Where a planned run stands on disk. */
export type RunState =
  | { readonly kind: 'new' }
  /** Started and stopped (Ctrl-C, a kill, a failure): `pix2pix train --resume dir` continues it. */
  | { readonly kind: 'partial'; readonly dir: string; readonly step: number; readonly totalSteps: number }
  | { readonly kind: 'complete'; readonly dir: string; readonly info: RunInfo };

/** A run folder read back: its configuration and its record. */
export interface RunOnDisk {
  readonly dir: string;
  readonly config: RunConfig;
  readonly info: RunInfo;
}

/**
 * Where each planned run stands (pure, given the folders read): the furthest of its folders (complete first,
 * then the most steps). A folder with a planned run's name but another configuration is an error: the study
 * folder holds another experiment, and mixing them would make the table wrong.
 */
export function runStates(plan: readonly PlannedRun[], found: readonly RunOnDisk[]): { readonly states: ReadonlyMap<string, RunState> } | { readonly error: string } {
  const states = new Map<string, RunState>();
  for (const run of plan) {
    const mine = found.filter((f) => f.config.run.name === run.runName);
    const other = mine.find((f) => !sameExperiment(f.config, run.config));
    if (other !== undefined) return { error: `${other.dir}: trained ${run.runName} with another configuration than this study plans; use a new --out folder` };
    const complete = mine.find((f) => f.info.status === 'complete' && f.info.metrics !== null);
    if (complete !== undefined) {
      states.set(run.runName, { kind: 'complete', dir: complete.dir, info: complete.info });
      continue;
    }
    const furthest = [...mine].sort((x, y) => y.info.step - x.info.step)[0];
    states.set(run.runName, furthest === undefined ? { kind: 'new' } : { kind: 'partial', dir: furthest.dir, step: furthest.info.step, totalSteps: furthest.info.totalSteps });
  }
  return { states };
}

/**
 * The run folders under a study's `runs/` that have a configuration and a record (a folder killed before it
 * wrote `run.json` holds nothing to resume and is passed over).
 */
export function readRunFolders(runsDir: string): TE.TaskEither<CliError, readonly RunOnDisk[]> {
  return TE.tryCatch(
    async () => {
      if (!existsSync(runsDir)) return [];
      const out: RunOnDisk[] = [];
      for (const entry of (await readdir(runsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
        const layout = runLayout(join(runsDir, entry));
        if (!existsSync(layout.config) || !existsSync(layout.run)) continue;
        const config = await readJson(layout.config, RunConfig)();
        const info = await readJson(layout.run, RunInfo)();
        if (config._tag === 'Left') throw new Error(config.left.message);
        if (info._tag === 'Left') throw new Error(info.left.message);
        out.push({ dir: layout.dir, config: config.right, info: info.right });
      }
      return out;
    },
    (e) => inputError(`${runsDir}: ${messageOf(e)}`),
  );
}
