import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared folder beside the project root (`../shared`), found by walking up from this file, or
 * `PIX2PIX_SHARED`. Undefined when absent: tests that need it skip with a printed reason.
 */
export function sharedDir(): string | undefined {
  const fromEnv = process.env['PIX2PIX_SHARED'];
  if (fromEnv !== undefined && existsSync(fromEnv)) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'shared');
    if (existsSync(join(candidate, 'fixtures'))) return candidate;
    const parent = resolve(dir, '..');
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
