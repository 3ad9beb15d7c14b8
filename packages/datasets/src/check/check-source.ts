import * as E from 'fp-ts/Either';
import * as T from 'fp-ts/Task';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { checkImageBytes } from '../decode/check-bytes';
import type { ImageHeader } from '../decode/image-header';
import { DEFAULT_MAX_PIXELS } from '../decode/pixel-limit';
import type { DatasetError } from '../errors/dataset-error';
import type { PairEntry } from '../sources/pair-entry';
import type { PairSource } from '../sources/pair-source';
import { checkAlignedHeader, checkSeparateHeaders } from './pair-header-check';
import { readHeaderBytes } from './read-header-bytes';

/**
 * Options of {@link checkSource}.
 *
 * @example
 * ```ts
 * import type { SourceCheckOptions } from '@pix2pix-ts/datasets/node';
 * const o: SourceCheckOptions = { maxPixels: 4096 * 4096, onProgress: (done, total) => console.log(`${done}/${total}`) };
 * ```
 */
export interface SourceCheckOptions {
  /** The pixel limit of the loader that will read the files. Default `DEFAULT_MAX_PIXELS`. */
  readonly maxPixels?: number;
  /** Called after each file with the files checked so far and the number to check. */
  readonly onProgress?: (checked: number, total: number) => void;
  /** Files read at once. Default 8. */
  readonly concurrency?: number;
}

/**
 * What {@link checkSource} found: the source with only the pairs that passed, how many files were checked, and
 * each refused pair with why.
 *
 * @example
 * ```ts
 * import type { SourceCheck } from '@pix2pix-ts/datasets/node';
 * const line = (c: SourceCheck) => `${c.files} files checked, ${c.refused.length} pairs refused`;
 * ```
 */
export interface SourceCheck {
  readonly source: PairSource;
  readonly files: number;
  readonly refused: readonly { readonly id: string; readonly error: DatasetError }[];
}

const filesOf = (entry: PairEntry): number => (entry.kind === 'aligned' || entry.kind === 'photo' ? 1 : entry.kind === 'separate' ? 2 : 0);

/**
 * Reads the header of every file of a source, without decoding pixels (64 KiB a file), and refuses the pairs
 * whose files are unreadable, empty, not a JPEG/PNG, truncated before their header, larger than the pixel limit,
 * not 2:1 (aligned) or of two different sizes (separate files): the mistakes that would otherwise stop, or be
 * skipped in, every epoch of a long training run. Damaged image data after a valid header is found only when
 * decoding (the loader's `skipBad`). Never fails as a whole: every problem is a refused pair.
 *
 * @example
 * ```ts
 * import { alignedFolder, checkSource } from '@pix2pix-ts/datasets/node';
 * const source = await alignedFolder('/data/facades', { phase: 'train' })();
 * if (source._tag === 'Right') {
 *   const check = await checkSource(source.right)();
 *   console.log(check.files, check.refused.map((r) => r.error.message)); // 400 []
 * }
 * ```
 */
export const checkSource = (source: PairSource, options: SourceCheckOptions = {}): T.Task<SourceCheck> => async () => {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const total = source.entries.reduce((n, e) => n + filesOf(e), 0);
  let checked = 0;
  const header = (path: string): TE.TaskEither<DatasetError, ImageHeader> =>
    pipe(
      readHeaderBytes(path),
      TE.chainEitherK((bytes) => checkImageBytes(bytes, path, maxPixels)),
    );
  const checkEntry = (entry: PairEntry): TE.TaskEither<DatasetError, void> => {
    switch (entry.kind) {
      case 'aligned':
        return pipe(
          header(entry.path),
          TE.chainEitherK((h) => checkAlignedHeader(h, entry.path, source.requireSquareHalves)),
          TE.map(() => undefined),
        );
      case 'separate':
        return pipe(
          header(entry.pathA),
          TE.chain((a) =>
            pipe(
              header(entry.pathB),
              TE.chainEitherK((b) => checkSeparateHeaders(a, b, entry.pathA, entry.pathB)),
            ),
          ),
        );
      case 'photo':
        return pipe(header(entry.path), TE.map(() => undefined));
      case 'synthetic':
        return TE.right(undefined);
    }
  };
  const results: E.Either<DatasetError, void>[] = new Array<E.Either<DatasetError, void>>(source.entries.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < source.entries.length; i = next++) {
      const entry = source.entries[i];
      if (entry === undefined) continue;
      results[i] = await checkEntry(entry)();
      checked += filesOf(entry); // a pair whose first file fails is done: its second counts as checked
      options.onProgress?.(checked, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  const kept: PairEntry[] = [];
  const refused: { id: string; error: DatasetError }[] = [];
  source.entries.forEach((entry, i) => {
    const r = results[i];
    if (r === undefined || E.isRight(r)) kept.push(entry);
    else refused.push({ id: entry.id, error: r.left });
  });
  return { source: { ...source, entries: kept }, files: checked, refused };
};
