// Loads every package's built entry points with plain Node (no `source` condition, no tsx), as a user of the
// published packages would: catches imports that only bundlers can resolve. Run after `npm run build`.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
let failed = 0;
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const file = typeof target === 'string' ? target : (target.import ?? target.default);
    if (typeof file !== 'string' || !file.endsWith('.js')) continue;
    const url = pathToFileURL(join(root, 'packages', dir, file)).href;
    try {
      const mod = await import(url);
      console.log(`ok   ${pkg.name}${subpath.slice(1)}  (${Object.keys(mod).length} exports)`);
    } catch (e) {
      failed += 1;
      console.log(`FAIL ${pkg.name}${subpath.slice(1)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
if (failed > 0) process.exit(1);
