import { readFile } from 'node:fs/promises';
import * as TE from 'fp-ts/TaskEither';
import { ioError } from '../errors/dataset-error';
import type { ReadBytes } from './read-bytes';

const explain = (cause: unknown): string => {
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return cause instanceof Error ? cause.message : String(cause);
};

/**
 * Node's {@link ReadBytes}: the whole file, read-only (nothing is ever written into a data folder).
 *
 * @example
 * ```ts
 * import { readFileBytes } from '@pix2pix-ts/datasets/node';
 * const bytes = await readFileBytes('facades/train/1.jpg')(); // Right(Uint8Array)
 * ```
 */
export const readFileBytes: ReadBytes = (path) =>
  TE.tryCatch(
    async () => {
      const buf = await readFile(path);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
    (cause) => ioError(path, explain(cause)),
  );
