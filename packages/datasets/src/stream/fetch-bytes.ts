import * as TE from 'fp-ts/TaskEither';
import { downloadError, describeCause } from '../errors/dataset-error';
import type { ReadBytes } from './read-bytes';

/**
 * The browser's {@link ReadBytes}: `fetch(url)` (relative URLs resolve against the page), any non-2xx status an
 * error naming the URL.
 *
 * @example
 * ```ts
 * import { fetchBytes } from '@pix2pix-ts/datasets';
 * const bytes = await fetchBytes('facades/train/1.jpg')(); // Right(Uint8Array)
 * ```
 */
export const fetchBytes: ReadBytes = (url) =>
  TE.tryCatch(
    async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    (cause) => downloadError(url, describeCause(cause)),
  );
