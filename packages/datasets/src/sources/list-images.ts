import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { ioError, missingFolder, noImages, type DatasetError } from '../errors/dataset-error';

const IMAGE = /\.(jpe?g|png)$/i;

const isFolder = async (path: string): Promise<boolean> => {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
};

const walk = async (root: string, rel: string, out: string[]): Promise<void> => {
  const entries = await readdir(join(root, rel), { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.')) continue; // hidden files, e.g. macOS "._1.jpg" resource forks
    const child = rel === '' ? e.name : `${rel}/${e.name}`;
    const full = join(root, child);
    const kind = e.isSymbolicLink() ? await stat(full).catch(() => undefined) : e;
    if (kind === undefined) continue; // dangling link
    if (kind.isDirectory()) await walk(root, child, out);
    else if (kind.isFile() && IMAGE.test(e.name)) out.push(child);
  }
};

/**
 * The JPEG/PNG files under a folder, recursively, as `/`-separated paths relative to it, sorted like the official
 * `make_dataset` (plain string order: `1.jpg, 10.jpg, 100.jpg, 101.jpg, …`). Hidden files are ignored. A missing
 * folder or one without images is an error naming it and its `role`.
 *
 * @example
 * ```ts
 * import { listImages } from '@pix2pix-ts/datasets/node';
 * const files = await listImages('/data/facades/train', 'aligned train split')(); // Right(['1.jpg', '10.jpg', ...])
 * ```
 */
export const listImages = (folder: string, role: string): TE.TaskEither<DatasetError, readonly string[]> =>
  pipe(
    TE.fromTask(() => isFolder(folder)),
    TE.chain((exists) => (exists ? TE.right(folder) : TE.left(missingFolder(folder, role)))),
    TE.chain((dir) =>
      TE.tryCatch(
        async () => {
          const out: string[] = [];
          await walk(dir, '', out);
          return out.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        },
        (cause) => ioError(dir, cause instanceof Error ? cause.message : String(cause)),
      ),
    ),
    TE.chain((files) => (files.length > 0 ? TE.right(files) : TE.left(noImages(folder)))),
  );
