import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const isFolder = async (p: string): Promise<boolean> => {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The project's shared copy of Facades (for this repository's tests, examples and benchmarks): `$PIX2PIX_SHARED/
 * data/facades` if set (or `$PIX2PIX_SHARED/facades`), else the first `shared/data/facades` found beside a folder
 * on the way up from `start` (default: this package). `undefined` when there is none.
 *
 * @example
 * ```ts
 * import { locateSharedFacades } from '@pix2pix-ts/datasets/node';
 * const dir = await locateSharedFacades(); // '/work/shared/data/facades' or undefined
 * ```
 */
export const locateSharedFacades = async (
  start: string = dirname(fileURLToPath(import.meta.url)),
  env: Record<string, string | undefined> = process.env,
): Promise<string | undefined> => {
  const shared = env['PIX2PIX_SHARED'];
  if (shared !== undefined && shared !== '') {
    for (const candidate of [join(shared, 'data', 'facades'), join(shared, 'facades')]) {
      if (await isFolder(join(candidate, 'train'))) return resolve(candidate);
    }
  }
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'shared', 'data', 'facades');
    if (await isFolder(join(candidate, 'train'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
};
