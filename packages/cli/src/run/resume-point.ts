import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { initialisedNets, type Pix2PixNets } from '@pix2pix-ts/pix2pix';
import { cleanCheckpoints, MANIFEST_FILE, newestCompleteState, type CleanupReport } from '@pix2pix-ts/pix2pix/node';
import { inputError, messageOf, type CliError } from '../cli/cli-error';
import type { RunConfig } from '../config/run-config';
import { freshState, loadStateOf, type LoadedCheckpoint } from './checkpoint-io';
import type { RunLayout } from './run-layout';

/** Where a resumed run continues from, and what the cleanup before it did. */
export interface ResumePoint extends LoadedCheckpoint {
  /** The folder read (`checkpoints/state-NNNNNN`, a `latest` folder of the earlier format, `init`), or `undefined` for a fresh start. */
  readonly from: string | undefined;
  readonly cleanup: CleanupReport;
}

/**
 * The newest checkpoint of a run, after cleaning up what a crash left (in `checkpoints/`: unfinished saves,
 * temporary folders; in the run folder: temporary JSON files): the newest complete full state (`latest`), else `init` (a run that failed or was killed
 * before its first save point), else the untrained state rebuilt from the run's seed (a run killed before even
 * `init` was written: that state is exactly what `init` would hold). A checkpoint that exists but cannot be read
 * is an error naming it, never skipped. The state is read into `nets`, the networks of the run's configuration
 * (decoded once, from `config.json`): the manifest's copy of the configuration is not decoded again.
 */
export function loadResumePoint(layout: RunLayout, config: RunConfig, nets: Pix2PixNets): TE.TaskEither<CliError, ResumePoint> {
  return pipe(
    TE.tryCatch(
      async () => {
        let cleanup = await cleanCheckpoints(layout.checkpoints);
        // writeJson's temporary files (`run.json.tmp-PID`): a crash between their write and their rename.
        const jsonTmp = (await readdir(layout.dir)).filter((n) => /\.json\.tmp-\d+$/.test(n)).map((n) => join(layout.dir, n));
        for (const p of jsonTmp) await rm(p, { force: true });
        cleanup = { ...cleanup, removed: [...cleanup.removed, ...jsonTmp] };
        const newest = await newestCompleteState(layout.checkpoints);
        const from = newest ?? [layout.latest, layout.init].find((d) => existsSync(join(d, MANIFEST_FILE)));
        return { cleanup, from };
      },
      (e) => inputError(`${layout.checkpoints}: ${messageOf(e)}`),
    ),
    TE.chain(({ cleanup, from }): TE.TaskEither<CliError, ResumePoint> => {
      if (from === undefined) return TE.right({ config, nets, state: freshState(config, initialisedNets(config.model, nets)), from, cleanup });
      return pipe(
        loadStateOf(from, config, nets),
        TE.map((loaded) => ({ ...loaded, from, cleanup })),
      );
    }),
  );
}
