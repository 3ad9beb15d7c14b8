import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every TSDoc `@example` in src/ and the README's examples are run, in one process, in file order:
 * each is written to a module under .scratch/ and imported. Blocks whose first line is
 * `// browser only` are checked to exist but not run.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, '.scratch', 'doc-examples');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function tsBlocks(text: string, inComment: boolean): string[] {
  const lines = text.split('\n').map((l) => (inComment ? l.replace(/^\s*\* ?/, '') : l));
  const blocks: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (current === undefined && line.trim() === '```ts') current = [];
    else if (current !== undefined && line.trim() === '```') {
      blocks.push(current.join('\n'));
      current = undefined;
    } else current?.push(line);
  }
  return blocks;
}

const examples = [
  ...sources(join(root, 'src')).flatMap((file) =>
    tsBlocks(readFileSync(file, 'utf8'), true).map((code, i) => ({ name: `${relative(root, file)} #${i + 1}`, code })),
  ),
  ...tsBlocks(readFileSync(join(root, 'README.md'), 'utf8'), false).map((code, i) => ({ name: `README.md #${i + 1}`, code })),
];

describe('documentation examples run', () => {
  it('every exported declaration in src/ has an example', () => {
    for (const file of sources(join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      const exported = [...text.matchAll(/^export (?:async )?(?:function|const|type|interface) (\w+)/gm)].length;
      const documented = (text.match(/@example/g) ?? []).length;
      expect(documented, basename(file)).toBeGreaterThanOrEqual(exported);
    }
  });

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  examples.forEach(({ name, code }, i) => {
    const browserOnly = code.trimStart().startsWith('// browser only');
    it.skipIf(browserOnly)(name, async () => {
      const file = join(outDir, `example-${i}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      await import(/* @vite-ignore */ pathToFileURL(file).href);
    });
  });
});
