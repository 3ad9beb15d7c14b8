import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { ioError, missingFolder, noImages, unsafeLink, type DatasetError, type LinkProblem } from '../errors/dataset-error';

const IMAGE = /\.(jpe?g|png)$/i;

const isFolder = async (path: string): Promise<boolean> => {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
};

/** Thrown inside the walk to end it with a refused link; turned back into its `DatasetError` at the edge. */
class RefusedLink extends Error {
  constructor(readonly error: DatasetError) {
    super(error.message);
  }
}

const isHidden = (name: string): boolean => name.startsWith('.'); // e.g. macOS "._1.jpg" resource forks

/** `path` relative to `root`, or undefined when it is not inside it (compared as resolved paths, not strings). */
const inside = (root: string, path: string): string | undefined => {
  const r = relative(root, path);
  return r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r) ? undefined : r;
};

interface Walk {
  readonly root: string;
  /** The real path of the listed folder: every link must resolve inside it. */
  readonly realRoot: string;
  readonly out: string[];
  /** Real folders already walked through a link (only hidden ones can be reached that way without repeating). */
  readonly linkedDirs: Set<string>;
}

const refuse = (w: Walk, link: string, target: string, reason: LinkProblem): never => {
  throw new RefusedLink(unsafeLink(link, target, reason, w.realRoot));
};

/**
 * Walks `rel` (whose real path is `realDir`; `ancestors` are the real paths from the root down to it). Real
 * folders are walked as they are. A link is resolved: one that leaves the root is refused; a link to a folder
 * is a loop when it points at one of its ancestors, and a repeat otherwise (every real folder inside the root is
 * walked anyway), except a hidden folder, which is walked once.
 */
const walk = async (w: Walk, rel: string, realDir: string, ancestors: ReadonlySet<string>): Promise<void> => {
  const entries = (await readdir(join(w.root, rel), { withFileTypes: true })).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  for (const e of entries) {
    if (isHidden(e.name)) continue;
    const child = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) {
      const real = join(realDir, e.name);
      await walk(w, child, real, new Set([...ancestors, real]));
      continue;
    }
    if (e.isFile()) {
      if (IMAGE.test(e.name)) w.out.push(child);
      continue;
    }
    if (!e.isSymbolicLink()) continue;
    const full = join(w.root, child);
    const target = await realpath(full).catch(() => undefined);
    if (target === undefined) continue; // dangling link
    const within = inside(w.realRoot, target);
    if (within === undefined) refuse(w, full, target, 'outside');
    const kind = await stat(target);
    if (kind.isFile()) {
      if (IMAGE.test(e.name)) w.out.push(child);
      continue;
    }
    if (!kind.isDirectory()) continue;
    if (ancestors.has(target) || inside(target, realDir) !== undefined) refuse(w, full, target, 'loop');
    const reachable = (within ?? '').split(sep).every((part) => !isHidden(part));
    if (reachable || w.linkedDirs.has(target)) refuse(w, full, target, 'duplicate');
    w.linkedDirs.add(target);
    await walk(w, child, target, new Set([...ancestors, target]));
  }
};

/**
 * The JPEG/PNG files under a folder, recursively, as `/`-separated paths relative to it, sorted like the official
 * `make_dataset` (plain string order: `1.jpg, 10.jpg, 100.jpg, 101.jpg, …`). Hidden files are ignored. A missing
 * folder or one without images is an error naming it and its `role`.
 *
 * Symbolic links are resolved and must stay inside the folder (compared by real path): a link out of it (e.g.
 * `train/usr -> /usr`), a link to a folder that contains it (`train/sub -> .`, a loop) and a second name for a
 * folder already listed (its images would count twice) are refused with an `UnsafeLink` error naming the link;
 * nothing is walked through them. The folder itself may be a link.
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
          const realRoot = await realpath(dir);
          const w: Walk = { root: dir, realRoot, out: [], linkedDirs: new Set() };
          await walk(w, '', realRoot, new Set([realRoot]));
          return w.out.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        },
        (cause) => (cause instanceof RefusedLink ? cause.error : ioError(dir, cause instanceof Error ? cause.message : String(cause))),
      ),
    ),
    TE.chain((files) => (files.length > 0 ? TE.right(files) : TE.left(noImages(folder)))),
  );
