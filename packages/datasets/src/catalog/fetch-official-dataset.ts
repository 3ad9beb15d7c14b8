import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { checksumError, invalidInput, ioError, missingFolder, type DatasetError } from '../errors/dataset-error';
import { digestRecordPath, readDigestRecord, writeDigestRecord, type DigestRecord } from '../download/digest-record';
import { installArchiveDetailed } from '../download/install-archive';
import type { ProgressSink } from '../download/progress-reporter';
import { treeDigest } from '../download/tree-digest';
import { defaultCacheDir } from '../sources/facades';
import { datasetArchiveUrl } from './datasets-url';
import type { OfficialDataset } from './official-dataset';
import { officialDataset } from './official-datasets';

/**
 * Options of {@link fetchOfficialDataset} and {@link verifyOfficialDataset}.
 *
 * @example
 * ```ts
 * import type { FetchDatasetOptions } from '@pix2pix-ts/datasets/node';
 * const o: FetchDatasetOptions = { cacheDir: '/tmp/cache', retries: 0 };
 * ```
 */
export interface FetchDatasetOptions {
  /** Default: `$XDG_CACHE_HOME/pix2pix-ts` or `~/.cache/pix2pix-ts` (shared with `facades()`). */
  readonly cacheDir?: string;
  /** Further attempts after a dropped connection, each resuming where the last stopped (default 3). */
  readonly retries?: number;
  readonly onProgress?: ProgressSink;
  /** One-line notes (a cached archive refused, a digest recorded). */
  readonly onNote?: (line: string) => void;
}

/**
 * An official dataset ready on disk.
 *
 * @example
 * ```ts
 * import type { FetchedDataset } from '@pix2pix-ts/datasets/node';
 * const trainDir = (f: FetchedDataset) => `${f.root}/train`;
 * ```
 */
export interface FetchedDataset {
  readonly dataset: OfficialDataset;
  /** The folder holding the split folders (`train/`, `val/`, `test/`). */
  readonly root: string;
  /** `download`: fetched by this call; `cache`: already in the cache; `PIX2PIX_DATA`: `$PIX2PIX_DATA/<name>`. */
  readonly origin: 'download' | 'cache' | 'PIX2PIX_DATA';
  /** The archive URL (where it was or would be fetched from). */
  readonly url: string;
  /** The digests recorded at the first download; undefined for a folder this code did not download. */
  readonly record: DigestRecord | undefined;
}

const isFolder = (p: string): Promise<boolean> => stat(p).then((s) => s.isDirectory(), () => false);

const short = (sha: string): string => `${sha.slice(0, 12)}…`;

/** The catalogue entry, or an input error listing the known names. */
const entryOf = (name: string): E.Either<DatasetError, OfficialDataset> =>
  E.mapLeft((why: string): DatasetError => ({ ...invalidInput('dataset name', [why]), message: why }))(officialDataset(name));

/**
 * A mismatch with the recorded reference, said as what it means: the server (or mirror) now serves other data
 * than the first download, and what to do if that is expected.
 */
const changedArchive = (d: OfficialDataset, url: string, recordPath: string, e: DatasetError): DatasetError =>
  e._tag !== 'Checksum'
    ? e
    : {
        ...e,
        message:
          `${d.name}: the archive at ${url} is not the one first downloaded (SHA-256 ${e.what.endsWith('(extracted content)') ? 'of its files ' : ''}` +
          `recorded in ${recordPath}: ${short(e.expected)}, now: ${short(e.actual)}); refused, nothing was kept. ` +
          `If the data was republished on purpose, delete ${recordPath} and run again.`,
      };

/**
 * An official pix2pix dataset by name (see {@link OFFICIAL_DATASETS}), on disk: `$PIX2PIX_DATA/<name>` when it
 * is there, else the cache folder `<cacheDir>/<name>` (a cache hit: nothing is fetched), else the archive is
 * downloaded from `$PIX2PIX_DATASETS_URL/<name>.tar.gz` (default the authors' server) through
 * {@link installArchiveDetailed}: progress, resume after a dropped connection, extraction all or nothing.
 *
 * Digests: the first download records the archive's SHA-256 and its files' {@link treeDigest} in
 * `<cacheDir>/<name>.digest.json`; every later download of that name is checked against it (the archive bytes
 * when it comes from the same URL, the files when from another, so that a faithful mirror passes) and a changed
 * archive is refused with a message saying so. Facades is also checked against its known content digest.
 *
 * @example
 * ```ts
 * import { fetchOfficialDataset, progressReporter } from '@pix2pix-ts/datasets/node';
 * const maps = await fetchOfficialDataset('maps', { onProgress: progressReporter('auto') })();
 * // Right({ root: '/root/.cache/pix2pix-ts/maps', origin: 'download', dataset: { direction: 'AtoB', … }, … })
 * ```
 */
export const fetchOfficialDataset = (
  name: string,
  options: FetchDatasetOptions = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): TE.TaskEither<DatasetError, FetchedDataset> => async () => {
  const entry = entryOf(name);
  if (E.isLeft(entry)) return entry;
  const d = entry.right;
  const url = datasetArchiveUrl(d.name, env);
  const data = env['PIX2PIX_DATA'];
  if (data !== undefined && data !== '' && (await isFolder(join(resolve(data), d.name)))) {
    return E.right({ dataset: d, root: join(resolve(data), d.name), origin: 'PIX2PIX_DATA', url, record: undefined });
  }
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir({ ...env }));
  const recorded = await readDigestRecord(cacheDir, d.name);
  if (E.isLeft(recorded)) return recorded;
  const record = recorded.right;
  const target = join(cacheDir, d.name);
  if (await isFolder(target)) return E.right({ dataset: d, root: target, origin: 'cache', url, record });
  const recordPath = digestRecordPath(cacheDir, d.name);
  const installed = await installArchiveDetailed({
    name: d.name,
    url,
    cacheDir,
    // The same URL must serve the same bytes; another (a mirror) may re-pack the same files.
    sha256: record !== undefined && record.url === url ? record.archiveSha256 : undefined,
    contentSha256: record?.contentSha256 ?? d.contentSha256,
    retries: options.retries ?? 3,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.onNote === undefined ? {} : { onNote: options.onNote }),
  })();
  if (E.isLeft(installed)) return E.left(record === undefined ? installed.left : changedArchive(d, url, recordPath, installed.left));
  const got = installed.right;
  if (!got.fresh) return E.right({ dataset: d, root: got.root, origin: 'cache', url, record });
  if (record !== undefined) return E.right({ dataset: d, root: got.root, origin: 'download', url, record });
  const fresh: DigestRecord = {
    format: 'pix2pix-ts/dataset-digest',
    version: 1,
    name: d.name,
    url,
    archiveSha256: got.archiveSha256,
    contentSha256: got.contentSha256,
    bytes: got.bytes,
  };
  const written = await writeDigestRecord(cacheDir, fresh);
  if (E.isLeft(written)) return written;
  options.onNote?.(`${d.name}: digest recorded in ${written.right} (archive ${short(fresh.archiveSha256)}, files ${short(fresh.contentSha256)}); later downloads are checked against it`);
  return E.right({ dataset: d, root: got.root, origin: 'download', url, record: fresh });
};

/**
 * What {@link verifyOfficialDataset} found.
 *
 * @example
 * ```ts
 * import type { VerifiedDataset } from '@pix2pix-ts/datasets/node';
 * const line = (v: VerifiedDataset) => `${v.root}: ${v.contentSha256} (${v.against})`;
 * ```
 */
export interface VerifiedDataset {
  readonly root: string;
  readonly contentSha256: string;
  /** What it was checked against: the digest recorded at the first download, or the known Facades one. */
  readonly against: 'record' | 'known';
}

/**
 * Re-reads every file of a cached official dataset and checks its {@link treeDigest} against the one recorded at
 * the first download (or the known Facades digest): a file changed, added or removed since is a `Checksum` error
 * naming the folder. A dataset not in the cache, or with nothing to check against, is an error saying so.
 *
 * @example
 * ```ts
 * import { verifyOfficialDataset } from '@pix2pix-ts/datasets/node';
 * await verifyOfficialDataset('maps')(); // Right({ root: '…/maps', contentSha256: '…', against: 'record' })
 * ```
 */
export const verifyOfficialDataset = (
  name: string,
  options: Pick<FetchDatasetOptions, 'cacheDir'> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): TE.TaskEither<DatasetError, VerifiedDataset> => async () => {
  const entry = entryOf(name);
  if (E.isLeft(entry)) return entry;
  const d = entry.right;
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir({ ...env }));
  const root = join(cacheDir, d.name);
  if (!(await isFolder(root))) return E.left(missingFolder(root, `${d.name} is not in the cache; download it first: pix2pix download ${d.name}`));
  const recorded = await readDigestRecord(cacheDir, d.name);
  if (E.isLeft(recorded)) return recorded;
  const expected = recorded.right?.contentSha256 ?? d.contentSha256;
  if (expected === undefined) {
    return E.left(ioError(digestRecordPath(cacheDir, d.name), `missing: no digest was recorded for ${root} (not downloaded by pix2pix-ts), nothing to check it against`));
  }
  const actual = await treeDigest(root);
  return actual === expected
    ? E.right({ root, contentSha256: actual, against: recorded.right === undefined ? 'known' : 'record' })
    : E.left(checksumError(`${root} (files)`, expected, actual, `the files changed since they were downloaded; delete ${root} to download them again`));
};
