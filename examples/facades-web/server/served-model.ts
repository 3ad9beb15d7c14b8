// `--model` of the demo server: a folder of ours, or an official PyTorch checkpoint converted once at start.
//
// Why the server converts (and the page does not read the .pth with importPth): the conversion is exactly
// `pix2pix convert` / `pix2pix export` (the CLI's `exportCommand`, tested against PyTorch), so there is one
// mapping and one loader; the page, its `?model=` and its dropped files stay as they are (a tfjs
// model.json + weights.bin); and a file that is not a checkpoint is refused in the terminal, with one line,
// before anything is served. The cost is one conversion per start (the import and a write of the weights).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportCommand, isOfficialCheckpoint, type CliEnv } from '@pix2pix-ts/cli/node';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { modelFolder } from './find-model';

/** The folder the demo serves at `/model/`, and how to clean up after it. */
export interface ServedModel {
  /** A folder with `model.json` + `weights.bin`. */
  readonly dir: string;
  /** The official checkpoint it was converted from, when it was one (`dir` is then a temporary folder). */
  readonly convertedFrom?: string;
  /** Removes the temporary folder of a converted checkpoint; nothing otherwise. */
  readonly dispose: () => Promise<void>;
}

/** What `--model` accepts, for the one-line refusal. */
export const MODEL_KINDS =
  'a checkpoint or export folder (model.json + weights.bin), a run folder (checkpoints/latest), an official PyTorch .pth file, or an official checkpoint folder (<checkpoints_dir>/<name>/latest_net_G.pth)';

const firstLine = (text: string): string => text.split('\n')[0] ?? text;

/** The CLI's output streams, as lines to `log` (the conversion says what it wrote). */
function envLogging(log: (line: string) => void): CliEnv {
  const lines = (text: string): void => text.split('\n').filter((l) => l !== '').forEach(log);
  return {
    stdout: { isTTY: false, columns: () => 100, write: lines },
    stderr: lines,
    now: () => performance.now(),
    date: () => new Date(),
    signal: new AbortController().signal,
  };
}

/** Converts an official checkpoint into a temporary tfjs generator folder, with `pix2pix export`'s code. */
function convertOfficial(path: string, log: (line: string) => void): TE.TaskEither<Error, ServedModel> {
  return pipe(
    TE.tryCatch(
      () => mkdtemp(join(tmpdir(), 'pix2pix-demo-model-')),
      (e) => new Error(`--model ${path}: cannot make a temporary folder: ${e instanceof Error ? e.message : String(e)}`),
    ),
    TE.chain((dir) => {
      const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true });
      return pipe(
        // cpu: the conversion only copies tensors (no arithmetic), so the reference backend is enough.
        exportCommand({ checkpoint: path, output: dir, format: 'tfjs', backend: 'cpu' }, envLogging(log)),
        TE.orElse((e): TE.TaskEither<Error, string> =>
          pipe(
            TE.fromTask(dispose),
            TE.chain(() => TE.left(new Error(`--model ${path}: not a loadable official checkpoint: ${firstLine(e.message)}`))),
          ),
        ),
        TE.map((): ServedModel => ({ dir, convertedFrom: path, dispose })),
      );
    }),
  );
}

/**
 * The model folder to serve for `--model PATH`: the folder itself (or its `checkpoints/latest`), or, for an
 * official `.pth` file or `<checkpoints_dir>/<name>` folder, a tfjs generator folder converted from it into a
 * temporary folder (said through `log`). Anything else is a one-line error naming what is accepted.
 */
export function servedModelOf(path: string, log: (line: string) => void): TE.TaskEither<Error, ServedModel> {
  return pipe(
    TE.fromTask(() => stat(path).then(() => true, () => false)),
    TE.chain((exists) => (exists ? TE.fromTask(() => isOfficialCheckpoint(path)) : TE.left(new Error(`--model ${path}: no such file or folder`)))),
    TE.chain((official) => {
      if (official) return convertOfficial(path, log);
      const dir = modelFolder(path);
      return dir === undefined ? TE.left(new Error(`--model ${path}: not a model; expected ${MODEL_KINDS}`)) : TE.right({ dir, dispose: () => Promise.resolve() });
    }),
  );
}
