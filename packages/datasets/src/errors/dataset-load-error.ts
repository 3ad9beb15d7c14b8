import type { DatasetError } from './dataset-error';

/**
 * The exception an async iterator throws when a {@link DatasetError} ends the stream (iterators cannot return an
 * `Either`). The structured error stays available on `.error`; `.message` is its message.
 *
 * @example
 * ```ts
 * import { DatasetLoadError, badImage } from '@pix2pix-ts/datasets';
 * const e = new DatasetLoadError(badImage('x.jpg', 'empty', 'is empty (0 bytes)'));
 * e.message;      // 'x.jpg: is empty (0 bytes)'
 * e.error._tag;   // 'BadImage'
 * ```
 */
export class DatasetLoadError extends Error {
  override readonly name = 'DatasetLoadError';
  constructor(readonly error: DatasetError) {
    super(error.message);
  }
}
