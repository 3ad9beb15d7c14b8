import { stat } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  fetchOfficialDataset,
  isOfficialDatasetName,
  OFFICIAL_DATASETS,
  progressReporter,
  type FetchedDataset,
  type OfficialDataset,
} from '@pix2pix-ts/datasets/node';
import { inputError, usageError, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import { buildRunConfig, type TrainOptions } from '../config/build-config';
import { officialTrain } from '../options/official-options';

/**
 * The options an official dataset presets, with the ones given kept (explicit options win): `--direction` (the
 * paper's task: facades and cityscapes labels → photo BtoA, maps aerial → map AtoB, edges2* and night2day AtoB)
 * and `--eval_phase` (`test` where the archive has one, else `val`); with `--preset paper` also the paper's
 * recipe for that dataset: `--load_size 286 --crop_size 256`, `--batch_size` (4 for the large sets) and the
 * epochs. Pure. `applied` lists what was set, as options, for the run's log.
 *
 * @example
 * ```ts
 * import { OFFICIAL_DATASETS } from '@pix2pix-ts/datasets';
 * import { namedDatasetPreset } from '@pix2pix-ts/cli/node';
 * namedDatasetPreset(OFFICIAL_DATASETS.maps, { direction: 'BtoA' }).applied; // ['--eval_phase val']
 * ```
 */
export function namedDatasetPreset(d: OfficialDataset, o: TrainOptions): { readonly options: TrainOptions; readonly applied: readonly string[] } {
  const paper = o.smoke !== true && o.preset === 'paper';
  const preset: Partial<Record<keyof TrainOptions, string | number>> = {
    direction: d.direction,
    eval_phase: d.evalPhase,
    ...(paper
      ? {
          // a --crop_size given alone scales the load size with it (buildRunConfig): the preset must not fix it
          ...(o.crop_size === undefined ? { load_size: d.paper.loadSize, crop_size: d.paper.cropSize } : {}),
          batch_size: d.paper.batchSize,
          n_epochs: d.paper.nEpochs,
          n_epochs_decay: d.paper.nEpochsDecay,
        }
      : {}),
  };
  const applied: string[] = [];
  const out: Record<string, unknown> = { ...o };
  for (const [key, value] of Object.entries(preset)) {
    if (out[key] !== undefined) continue;
    out[key] = value;
    applied.push(`--${key} ${value}`);
  }
  // Only keys of TrainOptions were set, each to a value of its option's decoded type (the catalogue's codecs match).
  return { options: out as TrainOptions, applied };
}

const isFolder = (p: string): Promise<boolean> => stat(p).then((s) => s.isDirectory(), () => false);

/**
 * Progress of a dataset download on stderr: a bar on a terminal, a line per 10% otherwise (logs, CI).
 *
 * @example
 * ```ts
 * // not run: downloads from the network (the tests serve fixture archives on 127.0.0.1 instead)
 * import { datasetProgress } from '@pix2pix-ts/cli/node';
 * // fetchOfficialDataset('maps', { onProgress: datasetProgress(env) })
 * ```
 */
export const datasetProgress = (env: CliEnv, mode: 'auto' | 'bar' | 'lines' | 'none' = 'auto') =>
  progressReporter(mode, { isTTY: env.stdout.isTTY, write: (s: string) => env.stderr(s) });

/** A dataset error as the CLI says it: an unknown name is a usage error (exit 2), the rest input errors (exit 1). */
export const datasetCliError = (option: string) => (e: { readonly _tag: string; readonly message: string }): CliError =>
  e._tag === 'InvalidInput' ? usageError(`${option}: ${e.message}`) : inputError(`${option}: ${e.message}`);

/**
 * The official dataset a `--dataroot` value names, fetched (see `fetchOfficialDataset`: progress on stderr,
 * resume, digest), or undefined when the value is not a name of one, or is a folder in the working directory
 * (a folder named like a dataset stays a folder).
 *
 * @example
 * ```ts
 * // not run: downloads from the network (the tests serve fixture archives on 127.0.0.1 instead)
 * import { fetchNamedDataroot } from '@pix2pix-ts/cli/node';
 * // await fetchNamedDataroot('maps', env)(); // Right({ root: '~/.cache/pix2pix-ts/maps', origin: 'cache', … })
 * ```
 */
export function fetchNamedDataroot(dataroot: string, env: CliEnv): TE.TaskEither<CliError, FetchedDataset | undefined> {
  if (!isOfficialDatasetName(dataroot)) return TE.right(undefined);
  return pipe(
    TE.fromTask(() => isFolder(dataroot)),
    TE.chain((local) =>
      local
        ? TE.right(undefined)
        : pipe(
            fetchOfficialDataset(dataroot, { onProgress: datasetProgress(env), onNote: (s) => env.stdout.write(`${s}\n`) }),
            TE.mapLeft(datasetCliError(`--dataroot ${dataroot}`)),
          ),
    ),
  );
}

const origin = (f: FetchedDataset): string => `the official ${f.dataset.name} dataset (${f.dataset.task}), ${f.origin === 'download' ? 'downloaded to' : 'from'} ${f.root}`;

/**
 * `--dataroot NAME` of `pix2pix train`: a name of an official dataset (`facades`, `cityscapes`, `maps`,
 * `edges2shoes`, `edges2handbags`, `night2day`) that is not a folder here is fetched once into the cache
 * ({@link fetchNamedDataroot}) and replaced by its folder, and the dataset's presets are applied where not given
 * ({@link namedDatasetPreset}). The other options are checked first, so a typo is said before a download. A
 * `--resume` run keeps its own data.
 *
 * @example
 * ```ts
 * // not run: downloads from the network (the tests serve fixture archives on 127.0.0.1 instead)
 * import { namedDataroot } from '@pix2pix-ts/cli/node';
 * // await namedDataroot({ dataroot: 'maps', smoke: true }, env)(); // Right({ dataroot: '~/.cache/pix2pix-ts/maps', direction: 'AtoB', … })
 * ```
 */
export function namedDataroot(o: TrainOptions, env: CliEnv): TE.TaskEither<CliError, TrainOptions> {
  const name = o.dataroot;
  if (name === undefined || o.resume !== undefined || !isOfficialDatasetName(name)) return TE.right(o);
  // A usage error (a typo in another option) is said before a download of up to gigabytes, not after it.
  const usable = pipe(
    officialTrain(namedDatasetPreset(OFFICIAL_DATASETS[name], o).options),
    E.chain(({ options }) => buildRunConfig(options)),
  );
  if (E.isLeft(usable)) return TE.left(usable.left);
  return pipe(
    fetchNamedDataroot(name, env),
    TE.map((f) => {
      if (f === undefined) return o;
      const { options, applied } = namedDatasetPreset(f.dataset, { ...o, dataroot: f.root });
      env.stdout.write(`--dataroot ${name}: ${origin(f)}${applied.length === 0 ? '' : `; presets: ${applied.join(' ')}`}\n`);
      return options;
    }),
  );
}

/**
 * `--dataroot NAME` of `pix2pix eval`: the official dataset fetched as for `train`, and `--phase` preset to its
 * evaluation split (`val` where the archive has no `test/`) when not given. The direction stays the
 * checkpoint's (or `--direction`): a model may translate either way.
 *
 * @example
 * ```ts
 * // not run: downloads from the network (the tests serve fixture archives on 127.0.0.1 instead)
 * import { namedEvalDataroot } from '@pix2pix-ts/cli/node';
 * // await namedEvalDataroot({ pretrained: 'sat2map', dataroot: 'maps' }, env)(); // Right({ …, dataroot: '~/.cache/pix2pix-ts/maps', phase: 'val' })
 * ```
 */
export function namedEvalDataroot<O extends { readonly dataroot?: string; readonly phase?: 'train' | 'val' | 'test' }>(o: O, env: CliEnv): TE.TaskEither<CliError, O> {
  const name = o.dataroot;
  if (name === undefined) return TE.right(o);
  return pipe(
    fetchNamedDataroot(name, env),
    TE.map((f) => {
      if (f === undefined) return o;
      env.stdout.write(`--dataroot ${name}: ${origin(f)}${o.phase === undefined ? `; presets: --phase ${f.dataset.evalPhase}` : ''}\n`);
      return { ...o, dataroot: f.root, phase: o.phase ?? f.dataset.evalPhase };
    }),
  );
}
