import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { checksumError, describeCause, ioError, type DatasetError } from '../errors/dataset-error';
import { downloadFile } from './download-file';
import { extractTarGz } from './extract-tar-gz';
import type { ProgressSink } from './progress-reporter';
import { sha256File } from './sha256-file';
import { treeDigest } from './tree-digest';

/**
 * Options of {@link installArchive}.
 *
 * @example
 * ```ts
 * import type { InstallOptions } from '@pix2pix-ts/datasets/node';
 * const o: InstallOptions = { name: 'facades', url: 'http://127.0.0.1:8080/facades.tar.gz', cacheDir: '/tmp/cache', retries: 3 };
 * ```
 */
export interface InstallOptions {
  /** Name of the folder to create in `cacheDir` (and of the archive's top-level folder, if it has one). */
  readonly name: string;
  readonly url: string;
  readonly cacheDir: string;
  /** SHA-256 of the archive file; unchecked when absent. */
  readonly sha256?: string | undefined;
  /** {@link treeDigest} of the extracted folder; unchecked when absent. */
  readonly contentSha256?: string | undefined;
  readonly retries: number;
  readonly onProgress?: ProgressSink;
  /** One-line notes on what was found in the cache (a cached archive refused and fetched again). */
  readonly onNote?: (line: string) => void;
}

const isFolder = async (p: string): Promise<boolean> => {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
};

const isFile = (p: string): Promise<boolean> => stat(p).then((s) => s.isFile(), () => false);

/** The SHA-256 recorded beside an archive when it was downloaded (`name.tar.gz.sha256`), if any. */
const recordOf = (archive: string): string => `${archive}.sha256`;
const readRecord = async (archive: string): Promise<string | undefined> => {
  try {
    const text = (await readFile(recordOf(archive), 'utf8')).trim().toLowerCase();
    return /^[0-9a-f]{64}$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
};
const forget = async (archive: string): Promise<void> => {
  await rm(archive, { force: true });
  await rm(recordOf(archive), { force: true });
};

/**
 * Why a cached archive (left by an earlier run that stopped before extracting, or put there by hand) must not be
 * installed, or undefined when it checks out: its SHA-256 must be the one expected (`sha256`), else the one
 * recorded when it was downloaded. One with neither is trusted only when the extracted content is checked.
 */
const cachedArchiveProblem = async (archive: string, o: InstallOptions): Promise<string | undefined> => {
  const expected = o.sha256?.toLowerCase() ?? (await readRecord(archive));
  if (expected === undefined) {
    return o.contentSha256 === undefined ? 'has no recorded or expected SHA-256 to check it against' : undefined;
  }
  const actual = await sha256File(archive);
  return actual === expected ? undefined : `SHA-256 mismatch: expected ${expected}, got ${actual}`;
};

/**
 * What {@link installArchiveDetailed} did: found the folder already there (`fresh: false`), or installed it,
 * with the digests of what it installed (to record them for later checks).
 *
 * @example
 * ```ts
 * import type { InstalledArchive } from '@pix2pix-ts/datasets/node';
 * const digestOf = (r: InstalledArchive) => (r.fresh ? r.contentSha256 : undefined);
 * ```
 */
export type InstalledArchive =
  | { readonly root: string; readonly fresh: false }
  | {
      readonly root: string;
      readonly fresh: true;
      /** SHA-256 of the archive file that was extracted. */
      readonly archiveSha256: string;
      /** Its size in bytes. */
      readonly bytes: number;
      /** {@link treeDigest} of the installed folder. */
      readonly contentSha256: string;
    };

/**
 * Makes `cacheDir/name` hold the content of a `.tar.gz` at `url`, all or nothing: download (resumable, SHA-256
 * checked) to `cacheDir/name.tar.gz`, extract into a fresh temporary folder beside it, check the content digest,
 * then one atomic `rename` into place. An archive already in the cache is used only when its SHA-256 is the
 * expected one (or, without `sha256`, the one recorded beside it at download); otherwise it is deleted and
 * downloaded again, with a note. Any failure removes the temporary folder, so a half-extracted
 * `cacheDir/name` never exists; a failed download keeps only its `.part` file (to resume), a checksum mismatch not
 * even that. Does nothing when `cacheDir/name` exists. Returns the folder, and for a fresh install the
 * archive's SHA-256 and size and the content's {@link treeDigest} (computed whether or not one was expected).
 *
 * @example
 * ```ts
 * import { installArchiveDetailed } from '@pix2pix-ts/datasets/node';
 * const r = await installArchiveDetailed({ name: 'maps', url: 'http://127.0.0.1:8080/maps.tar.gz', cacheDir: '/tmp/cache', retries: 3 })();
 * // Right({ root: '/tmp/cache/maps', fresh: true, archiveSha256: '…', bytes: 250_000_000, contentSha256: '…' })
 * ```
 */
export const installArchiveDetailed = (o: InstallOptions): TE.TaskEither<DatasetError, InstalledArchive> => async () => {
  const target = join(o.cacheDir, o.name);
  if (await isFolder(target)) return E.right({ root: target, fresh: false });
  try {
    await mkdir(o.cacheDir, { recursive: true });
  } catch (e) {
    return E.left(ioError(o.cacheDir, `cannot create the cache folder: ${describeCause(e)}`));
  }
  const archive = join(o.cacheDir, `${o.name}.tar.gz`);
  if (await isFile(archive)) {
    const problem = await cachedArchiveProblem(archive, o);
    if (problem !== undefined) {
      o.onNote?.(`${archive}: cached archive refused (${problem}); deleted, downloading it again`);
      await forget(archive);
    }
  }
  let archiveSha256: string;
  if (await isFile(archive)) {
    archiveSha256 = await sha256File(archive);
  } else {
    const got = await downloadFile({
      url: o.url,
      dest: archive,
      sha256: o.sha256,
      retries: o.retries,
      ...(o.onProgress === undefined ? {} : { onProgress: o.onProgress }),
    })();
    if (E.isLeft(got)) return got;
    archiveSha256 = got.right.sha256;
    // Recorded so that a later run can check the archive if this one stops before it is extracted.
    await writeFile(recordOf(archive), `${got.right.sha256}\n`);
  }
  const bytes = (await stat(archive)).size;
  const tmp = await mkdtemp(join(o.cacheDir, `.${o.name}-extract-`));
  const cleanup = (): Promise<void> => rm(tmp, { recursive: true, force: true });
  const extracted = await extractTarGz(archive, tmp)();
  if (E.isLeft(extracted)) {
    await cleanup();
    await forget(archive); // a damaged archive would fail again: fetch it anew next time
    return extracted;
  }
  const root = (await isFolder(join(tmp, o.name))) ? join(tmp, o.name) : tmp;
  const contentSha256 = await treeDigest(root);
  if (o.contentSha256 !== undefined && contentSha256 !== o.contentSha256) {
    await cleanup();
    await forget(archive);
    return E.left(checksumError(`${o.url} (extracted content)`, o.contentSha256, contentSha256, 'nothing was kept'));
  }
  try {
    await rename(root, target);
  } catch (e) {
    await cleanup();
    // Another process may have installed the same folder meanwhile: theirs is as good as ours.
    if (await isFolder(target)) return E.right({ root: target, fresh: false });
    return E.left(ioError(target, `cannot move the extracted folder into place: ${describeCause(e)}`));
  }
  await cleanup();
  await forget(archive);
  return E.right({ root: target, fresh: true, archiveSha256, bytes, contentSha256 });
};

/**
 * {@link installArchiveDetailed}, answering only the installed folder.
 *
 * @example
 * ```ts
 * import { installArchive } from '@pix2pix-ts/datasets/node';
 * const dir = await installArchive({ name: 'facades', url: 'http://127.0.0.1:8080/facades.tar.gz', cacheDir: '/tmp/cache', retries: 3 })();
 * // Right('/tmp/cache/facades')
 * ```
 */
export const installArchive = (o: InstallOptions): TE.TaskEither<DatasetError, string> =>
  TE.map((r: InstalledArchive) => r.root)(installArchiveDetailed(o));
