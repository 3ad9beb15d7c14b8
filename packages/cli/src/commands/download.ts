import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  datasetArchiveUrl,
  defaultCacheDir,
  fetchOfficialDataset,
  OFFICIAL_DATASET_NAMES,
  OFFICIAL_DATASETS,
  officialDataset,
  verifyOfficialDataset,
  type FetchedDataset,
  type OfficialDataset,
} from '@pix2pix-ts/datasets/node';
import { usageError, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import type { DOWNLOAD_OPTIONS } from '../options/command-options';
import type { OptionsOf } from '../options/option-spec';
import { datasetCliError, datasetProgress } from './named-dataroot';

/**
 * The decoded options of `pix2pix download`.
 *
 * @example
 * ```ts
 * import type { DownloadCommandOptions } from '@pix2pix-ts/cli/node';
 * const o: DownloadCommandOptions = { dataset: 'facades', retries: 5 };
 * ```
 */
export type DownloadCommandOptions = OptionsOf<typeof DOWNLOAD_OPTIONS>;

const splitsOf = (d: OfficialDataset): string =>
  Object.entries(d.splits)
    .map(([split, n]) => `${split} ${n}`)
    .join(', ');

const sizeOf = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`);

/**
 * The catalogue as `pix2pix download --list` prints it: one line per dataset (name, task and direction,
 * splits, image size, archive size), then where archives come from. Pure.
 *
 * @example
 * ```ts
 * import { renderDatasetList } from '@pix2pix-ts/cli/node';
 * renderDatasetList({}).split('\n')[1]; // 'facades         labels → photo (BtoA)       train 400, val 100, test 106  256x256  ~30 MB'
 * ```
 */
export function renderDatasetList(env: Readonly<Record<string, string | undefined>>): string {
  const rows = OFFICIAL_DATASET_NAMES.map((n) => {
    const d = OFFICIAL_DATASETS[n];
    return `${n.padEnd(16)}${`${d.task} (${d.direction})`.padEnd(28)}${splitsOf(d).padEnd(31)} ${`${d.imageSize}x${d.imageSize}`.padEnd(9)}~${sizeOf(d.approxBytes)}`;
  });
  return ['The official pix2pix datasets (pix2pix download NAME, or pix2pix train --dataroot NAME):', ...rows, `from ${datasetArchiveUrl('NAME', env)} (PIX2PIX_DATASETS_URL: another server)`].join('\n');
}

const describeFetched = (f: FetchedDataset): string[] => [
  `${f.dataset.name}: ${f.root} (${f.origin === 'download' ? `downloaded from ${f.url}` : f.origin === 'cache' ? 'cached' : 'from $PIX2PIX_DATA'})`,
  `  ${f.dataset.task}, --direction ${f.dataset.direction}; ${splitsOf(f.dataset)} pairs of ${f.dataset.imageSize}x${f.dataset.imageSize} halves; evaluated on ${f.dataset.evalPhase}`,
  ...(f.record === undefined ? [] : [`  digest: archive ${f.record.archiveSha256}, files ${f.record.contentSha256}`]),
  `  train: pix2pix train --dataroot ${f.dataset.name}`,
];

/**
 * `pix2pix download NAME`: an official pix2pix dataset into the cache (`$XDG_CACHE_HOME/pix2pix-ts/NAME` or
 * `~/.cache/pix2pix-ts/NAME`, or `--cache_dir`), with progress on stderr, resume after a dropped connection
 * (run it again), the digest recorded on the first download and checked on every later one; a second call is a
 * cache hit. `--verify` re-reads the cached files against the recorded digest; `--list` prints the catalogue.
 * Prints the folder and the dataset's presets. `processEnv` supplies `PIX2PIX_DATASETS_URL`, `XDG_CACHE_HOME`
 * and `PIX2PIX_DATA`.
 *
 * @example
 * ```ts
 * // not run: downloads from the network (the tests serve fixture archives on 127.0.0.1 instead)
 * import { downloadCommand, processEnv } from '@pix2pix-ts/cli/node';
 * // await downloadCommand({ dataset: 'maps', verify: true }, processEnv(new AbortController().signal))(); // Right('~/.cache/pix2pix-ts/maps')
 * ```
 */
export function downloadCommand(o: DownloadCommandOptions, env: CliEnv, processEnv: Readonly<Record<string, string | undefined>> = process.env): TE.TaskEither<CliError, string> {
  const say = (s: string): void => env.stdout.write(`${s}\n`);
  if (o.list === true) {
    say(renderDatasetList(processEnv));
    return TE.right('');
  }
  const name = o.dataset;
  if (name === undefined) return TE.left(usageError(`download: which dataset? pix2pix download NAME, NAME one of ${OFFICIAL_DATASET_NAMES.join(', ')} (--list describes them)`));
  const known = officialDataset(name);
  if (E.isLeft(known)) return TE.left(usageError(`download: ${known.left}`));
  const cacheDir = o.cache_dir ?? defaultCacheDir({ ...processEnv });
  return pipe(
    fetchOfficialDataset(name, { cacheDir, retries: o.retries ?? 3, onProgress: datasetProgress(env, o.progress ?? 'auto'), onNote: say }, processEnv),
    TE.mapLeft(datasetCliError(`download ${name}`)),
    TE.tap((f) => TE.fromIO(() => describeFetched(f).forEach(say))),
    TE.chain((f) =>
      o.verify !== true || f.origin === 'PIX2PIX_DATA'
        ? TE.right(f.root)
        : pipe(
            verifyOfficialDataset(name, { cacheDir }, processEnv),
            TE.mapLeft(datasetCliError(`download ${name} --verify`)),
            TE.map((v) => {
              say(`  verified: every file matches the ${v.against === 'record' ? 'digest recorded at the first download' : 'known Facades digest'} (${v.contentSha256})`);
              return v.root;
            }),
          ),
    ),
  );
}
