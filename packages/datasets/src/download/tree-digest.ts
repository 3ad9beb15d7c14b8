import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from './sha256-file';

/**
 * A digest of a folder's content: the SHA-256 of its manifest, i.e. the lines `<sha256 of file>  <path>\n` of
 * every regular file (paths relative, `/`-separated, sorted), as `sha256sum` prints them. It pins the data, not
 * the archive's packaging (compression level, timestamps), so a re-packed archive of the same files passes.
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { treeDigest } from '@pix2pix-ts/datasets/node';
 * const folder = mkdtempSync(join(tmpdir(), 'digest-'));
 * writeFileSync(join(folder, 'a.txt'), 'hello\n');
 * const digest = await treeDigest(folder); // of the official Facades folder: FACADES_CONTENT_SHA256
 * ```
 */
export const treeDigest = async (folder: string): Promise<string> => {
  const files: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(join(folder, rel), { withFileTypes: true })) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) files.push(child);
    }
  };
  await walk('');
  files.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const manifest = createHash('sha256');
  for (const f of files) manifest.update(`${await sha256File(join(folder, f))}  ${f}\n`);
  return manifest.digest('hex');
};
