import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Whether `target` is `root` itself or lies below it, comparing the paths as given (call it with real
 * paths: a string comparison of unresolved paths is fooled by symlinks).
 */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The real path of the file that the URL-decoded `relPath` names inside `root`, or `undefined` when it
 * does not exist, is not a regular file, or escapes `root` by `..`, by an absolute path, by a NUL byte
 * or through a symlink (the file's real path must lie inside the real path of `root`). A folder yields
 * its `index.html`, under the same rule. Every server of this repository that serves files from disk
 * resolves requests with it.
 *
 * @example
 * ```ts
 * import { containedFile } from '@pix2pix-ts/browser/node';
 * await containedFile('/srv/site', 'css/a.css'); // '/srv/site/css/a.css' (real path), or undefined
 * await containedFile('/srv/site', '../etc/passwd'); // undefined
 * ```
 */
export async function containedFile(root: string, relPath: string): Promise<string | undefined> {
  if (relPath.includes('\0')) return undefined;
  const realRoot = await realpath(resolve(root)).catch(() => undefined);
  if (realRoot === undefined) return undefined;
  // First by name (no `..` out of the root), then by real path (no symlink out of it).
  const named = join(realRoot, relPath);
  if (!isInside(realRoot, named)) return undefined;
  const real = await realpath(named).catch(() => undefined);
  if (real === undefined || !isInside(realRoot, real)) return undefined;
  const info = await stat(real).catch(() => undefined);
  if (info === undefined) return undefined;
  if (info.isFile()) return real;
  if (!info.isDirectory()) return undefined;
  const index = await realpath(join(real, 'index.html')).catch(() => undefined);
  if (index === undefined || !isInside(realRoot, index)) return undefined;
  return (await stat(index).catch(() => undefined))?.isFile() === true ? index : undefined;
}
