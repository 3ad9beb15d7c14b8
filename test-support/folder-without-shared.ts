import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, parse, resolve } from 'node:path';

/**
 * A folder with no `shared/` beside it or beside any folder above it: where a walk up for the project's shared
 * files must find nothing. The temporary folder is not always one: a checkout cloned into `/tmp/x` has its
 * shared files in `/tmp/shared` (as CI's does), so the walk from `/tmp` finds them. The filesystem root is
 * tried next; `undefined` only when `/shared` itself exists, and the caller then has no such folder to test.
 *
 * @example
 * ```ts
 * // not run: test support, imported by path
 * import { folderWithoutSharedAbove } from '../../../test-support/folder-without-shared';
 * folderWithoutSharedAbove(); // '/tmp', or '/' when /tmp/shared exists
 * ```
 */
export function folderWithoutSharedAbove(): string | undefined {
  const clear = (start: string): boolean => {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (existsSync(resolve(dir, 'shared'))) return false;
      if (dirname(dir) === dir) return true;
    }
  };
  return [tmpdir(), parse(resolve(tmpdir())).root].find(clear);
}
