import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { NonEmptyString, Sha256Hex } from '../config/codecs';
import { decodeInput } from '../config/decode-input';
import { describeCause, ioError, type DatasetError } from '../errors/dataset-error';

/**
 * What was downloaded the first time a dataset was installed into a cache: the reference that every later
 * download of it (and `verify`) is checked against, so a changed archive on the server, or a mirror serving
 * other data, is refused instead of silently mixed in.
 *
 * @example
 * ```ts
 * import { DigestRecord } from '@pix2pix-ts/datasets/node';
 * DigestRecord.is({ format: 'pix2pix-ts/dataset-digest', version: 1, name: 'maps', url: 'http://h/maps.tar.gz', archiveSha256: 'a'.repeat(64), contentSha256: 'b'.repeat(64), bytes: 1 }); // true
 * ```
 */
export const DigestRecord = t.type({
  format: t.literal('pix2pix-ts/dataset-digest'),
  version: t.literal(1),
  name: NonEmptyString,
  /** Where it was downloaded from the first time. */
  url: NonEmptyString,
  /** SHA-256 of the archive file. */
  archiveSha256: Sha256Hex,
  /** {@link treeDigest} of the extracted folder. */
  contentSha256: Sha256Hex,
  /** Size of the archive in bytes. */
  bytes: t.number,
});
/**
 * See {@link DigestRecord}.
 *
 * @example
 * ```ts
 * import type { DigestRecord } from '@pix2pix-ts/datasets/node';
 * const same = (a: DigestRecord, b: DigestRecord) => a.contentSha256 === b.contentSha256;
 * ```
 */
export type DigestRecord = t.TypeOf<typeof DigestRecord>;

/**
 * Where the record of `name` lives: `cacheDir/<name>.digest.json`, beside the folder (it outlives the archive,
 * which is deleted once extracted).
 *
 * @example
 * ```ts
 * import { digestRecordPath } from '@pix2pix-ts/datasets/node';
 * digestRecordPath('/root/.cache/pix2pix-ts', 'maps'); // '/root/.cache/pix2pix-ts/maps.digest.json'
 * ```
 */
export const digestRecordPath = (cacheDir: string, name: string): string => join(cacheDir, `${name}.digest.json`);

/**
 * Reads the record of `name` in `cacheDir`: `Right(undefined)` when there is none yet, a `Left` naming the
 * file when it exists but is not a record (edited by hand, cut short): a reference that cannot be read is not
 * silently replaced.
 *
 * @example
 * ```ts
 * import { readDigestRecord } from '@pix2pix-ts/datasets/node';
 * const r = await readDigestRecord('/root/.cache/pix2pix-ts', 'maps'); // Right(undefined) before the first download
 * ```
 */
export const readDigestRecord = async (cacheDir: string, name: string): Promise<E.Either<DatasetError, DigestRecord | undefined>> => {
  const path = digestRecordPath(cacheDir, name);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return e instanceof Error && 'code' in e && e.code === 'ENOENT' ? E.right(undefined) : E.left(ioError(path, describeCause(e)));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return E.left(ioError(path, `not JSON (${describeCause(e)}); delete it to record the next download afresh`));
  }
  return decodeInput(DigestRecord, `digest record ${path} (delete it to record the next download afresh)`)(json);
};

/**
 * Writes the record of a dataset (atomically: a temporary file renamed into place).
 *
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import * as E from 'fp-ts/Either';
 * import { DigestRecord, writeDigestRecord } from '@pix2pix-ts/datasets/node';
 * const record = DigestRecord.decode({
 *   format: 'pix2pix-ts/dataset-digest', version: 1, name: 'maps', url: 'http://efrosgans.eecs.berkeley.edu/pix2pix/datasets/maps.tar.gz',
 *   archiveSha256: 'a'.repeat(64), contentSha256: 'b'.repeat(64), bytes: 250_000_000,
 * });
 * if (E.isRight(record)) await writeDigestRecord(mkdtempSync(join(tmpdir(), 'cache-')), record.right); // Right('/tmp/cache-…/maps.digest.json')
 * ```
 */
export const writeDigestRecord = async (cacheDir: string, record: DigestRecord): Promise<E.Either<DatasetError, string>> => {
  const path = digestRecordPath(cacheDir, record.name);
  try {
    await writeFile(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
    await rename(`${path}.tmp`, path);
    return E.right(path);
  } catch (e) {
    return E.left(ioError(path, `cannot record the dataset's digest: ${describeCause(e)}`));
  }
};
