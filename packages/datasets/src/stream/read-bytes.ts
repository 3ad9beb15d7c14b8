import type { TaskEither } from 'fp-ts/TaskEither';
import type { DatasetError } from '../errors/dataset-error';

/**
 * Fetches the bytes behind a path: the file system in Node (`readFileBytes` from `@pix2pix-ts/datasets/node`),
 * `fetch` in browsers ({@link fetchBytes}).
 *
 * @example
 * ```ts
 * import * as TE from 'fp-ts/TaskEither';
 * import type { ReadBytes } from '@pix2pix-ts/datasets';
 * const fromMemory = (files: Map<string, Uint8Array>): ReadBytes => (path) =>
 *   TE.fromNullable({ _tag: 'Io' as const, path, message: `${path}: not found` })(files.get(path));
 * ```
 */
export type ReadBytes = (path: string) => TaskEither<DatasetError, Uint8Array>;
