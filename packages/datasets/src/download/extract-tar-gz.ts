import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as TE from 'fp-ts/TaskEither';
import { archiveError, describeCause, type DatasetError } from '../errors/dataset-error';
import { readTar } from './tar-reader';

/**
 * What an extraction wrote.
 *
 * @example
 * ```ts
 * import type { ExtractSummary } from '@pix2pix-ts/datasets/node';
 * const n = (s: ExtractSummary) => s.files + s.directories;
 * ```
 */
export interface ExtractSummary {
  readonly files: number;
  readonly directories: number;
  /** Links, devices and other special members: never created. */
  readonly skipped: readonly string[];
}

class UnsafePath extends Error {}

/**
 * The path inside `dest` a member may be written to, or an error for absolute paths and `..` segments
 * (archives must not write outside the extraction folder).
 *
 * @example
 * ```ts
 * import { safeMemberPath } from '@pix2pix-ts/datasets/node';
 * safeMemberPath('/tmp/x', './facades/train/1.jpg'); // '/tmp/x/facades/train/1.jpg'
 * ```
 */
export const safeMemberPath = (dest: string, member: string): string => {
  const clean = member.replace(/\\/g, '/');
  const parts = clean.split('/').filter((p) => p !== '' && p !== '.');
  if (clean.startsWith('/') || /^[a-zA-Z]:/.test(clean) || parts.includes('..') || parts.length === 0) {
    throw new UnsafePath(`entry "${member}" would be written outside the extraction folder`);
  }
  const root = resolve(dest);
  const target = resolve(root, ...parts);
  if (!target.startsWith(root + sep)) throw new UnsafePath(`entry "${member}" would be written outside the extraction folder`);
  return target;
};

/**
 * Extracts a `.tar.gz` into `dest` (which should be a fresh, empty folder): regular files and folders only,
 * streaming (Node's zlib + {@link readTar}). Unsafe paths or a damaged archive are an `Archive` error naming the
 * archive.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import * as E from 'fp-ts/Either';
 * import { extractTarGz } from '@pix2pix-ts/datasets/node';
 * const summary = await extractTarGz(join(tmpdir(), 'facades.tar.gz'), join(tmpdir(), 'facades-extract'))();
 * if (E.isRight(summary)) console.log(`${summary.right.files} files`); // 606 files
 * else console.error(summary.left.message); // e.g. the archive is missing or damaged
 * ```
 */
export const extractTarGz = (archive: string, dest: string): TE.TaskEither<DatasetError, ExtractSummary> =>
  TE.tryCatch(
    async () => {
      let files = 0;
      let directories = 0;
      const skipped: string[] = [];
      await mkdir(dest, { recursive: true });
      // pipeline, not .pipe: a read error (a missing archive) must reach the gunzip stream we iterate, or the
      // loop waits for data forever.
      const gunzipped = pipeline(createReadStream(archive), createGunzip(), () => undefined);
      for await (const entry of readTar(gunzipped)) {
        if (entry.type === 'other') {
          skipped.push(entry.path);
          continue;
        }
        const target = safeMemberPath(dest, entry.path);
        if (entry.type === 'directory') {
          await mkdir(target, { recursive: true });
          directories++;
        } else {
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, entry.data ?? new Uint8Array(0), { mode: 0o644 });
          files++;
        }
      }
      return { files, directories, skipped };
    },
    (cause) => archiveError(archive, `cannot be extracted: ${describeCause(cause)}`),
  );

