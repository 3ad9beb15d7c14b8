import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The absolute path of one of this package's page entry points (`src/page/<name>.ts`), whether this
 * module runs from `src/node/` (sources, tests, tsx) or from `dist/` (the built package ships `src`).
 *
 * @throws Error when the file is in neither place
 *
 * @example
 * ```ts
 * import { pageEntry } from '@pix2pix-ts/browser/node';
 * pageEntry('trainer-entry'); // '/…/packages/browser/src/page/trainer-entry.ts'
 * ```
 */
export function pageEntry(name: string): string {
  const candidates = [`../page/${name}.ts`, `../src/page/${name}.ts`].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) throw new Error(`page entry '${name}' not found (looked at ${candidates.join(', ')})`);
  return found;
}
