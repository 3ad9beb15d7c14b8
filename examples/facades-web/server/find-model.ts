import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file whose package.json declares workspaces. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && /"workspaces"/.test(readFileText(pkg))) return dir;
    const parent = resolve(dir, '..');
    if (parent === dir) break;
    dir = parent;
  }
  return process.cwd();
}

function readFileText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The folder holding a model: `dir` itself when it has a `model.json`, else its
 * `checkpoints/latest` (a run folder), else `undefined`.
 */
export function modelFolder(dir: string): string | undefined {
  if (existsSync(join(dir, 'model.json'))) return dir;
  const latest = join(dir, 'checkpoints', 'latest');
  if (existsSync(join(latest, 'model.json'))) return latest;
  return undefined;
}

/**
 * The newest `runs/*\/checkpoints/latest` (by its model.json's modification time) under any of
 * `roots`, or `undefined` when there is none.
 */
export function newestCheckpoint(roots: readonly string[]): string | undefined {
  let best: { dir: string; mtime: number } | undefined;
  for (const root of new Set(roots.map((r) => resolve(r)))) {
    const runs = join(root, 'runs');
    if (!existsSync(runs)) continue;
    for (const run of readdirSync(runs)) {
      const dir = join(runs, run, 'checkpoints', 'latest');
      const manifest = join(dir, 'model.json');
      if (!existsSync(manifest)) continue;
      const mtime = statSync(manifest).mtimeMs;
      if (best === undefined || mtime > best.mtime) best = { dir, mtime };
    }
  }
  return best?.dir;
}
