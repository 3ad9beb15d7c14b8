import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Runs every TSDoc `@example` of a package (issue 12 item 7): each ```ts block in a doc comment of src/ is
 * written to a module under `<package>/.scratch/doc-examples/` and imported, in file order, in one process.
 * Vitest resolves the package names to their sources (the `source` condition), so an example runs exactly as
 * a user's module importing the published package would.
 *
 * - Examples use the public API only: an import of a relative path (`./x`, `../src/x`) or into a package's
 *   files (`@pix2pix-ts/layers/src/…`) fails the example.
 * - A block whose first line is `// browser only` (it needs WebGL/WebGPU or a DOM) or `// not run: <reason>` is
 *   counted and reported as skipped with its reason, never silently dropped.
 * - Every block, skipped ones included, is also type-checked (TypeScript 7, the packages' strict settings less
 *   the unused-name checks): an example that would not compile in a user's project fails, e.g. one importing a
 *   name the package does not export.
 */
export interface DocExamplesOptions {
  /** The package's root folder, e.g. `new URL('..', import.meta.url)` from its test/ folder. */
  readonly root: URL;
  /** Also run the ```ts blocks of the package's README.md (default false). */
  readonly readme?: boolean;
  /** Run once before the examples, as an application does at start-up (e.g. pick a tfjs backend). */
  readonly setup?: () => Promise<void> | void;
  /** Also check that every `export function|const|type|interface` of a file has an `@example` (default false). */
  readonly examplePerExport?: boolean;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(repoRoot, 'node_modules', 'typescript-native', 'bin', 'tsc');

/** One extracted block: where it is, its code, and why it is not run (when it is not). */
export interface DocExample {
  readonly name: string;
  readonly code: string;
  readonly skip?: string;
}

const SKIP = /^\s*\/\/\s*(browser only\b.*|not run:\s*(.*?))\s*$/;

/** The `.ts` files under `dir`, sorted (stable order on every file system). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
    });
}

/** The ```ts blocks of a text with the 1-based line of their fence; `inComment` strips the doc comment's ` * `. */
export function tsBlocks(text: string, inComment: boolean): Array<{ readonly line: number; readonly code: string }> {
  const lines = text.split('\n').map((l) => (inComment ? l.replace(/^\s*\* ?/, '') : l));
  const blocks: Array<{ line: number; code: string }> = [];
  let current: { line: number; lines: string[] } | undefined;
  lines.forEach((line, i) => {
    if (current === undefined && line.trim() === '```ts') current = { line: i + 1, lines: [] };
    else if (current !== undefined && line.trim() === '```') {
      blocks.push({ line: current.line, code: current.lines.join('\n') });
      current = undefined;
    } else current?.lines.push(line);
  });
  return blocks;
}

/** Why a block is skipped (its first non-empty line's marker), or undefined when it runs. */
export function skipReason(code: string): string | undefined {
  const first = code.split('\n').find((l) => l.trim() !== '');
  const m = first === undefined ? null : SKIP.exec(first);
  if (m === null) return undefined;
  return m[2] ?? m[1];
}

/** The module specifiers an example imports that are not public API (relative paths, files inside a package). */
export function privateImports(code: string): string[] {
  const specifiers = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
  return specifiers.filter((s) => s.startsWith('.') || s.startsWith('/') || /^@pix2pix-ts\/[^/]+\/(src|dist|test)\//.test(s));
}

/** Every example of a package: its src/ doc comments, then (optionally) its README. */
export function collectExamples(root: string, readme: boolean): DocExample[] {
  const fromSources = sourceFiles(join(root, 'src')).flatMap((file) =>
    tsBlocks(readFileSync(file, 'utf8'), true).map(({ line, code }) => ({ name: `${relative(root, file)}:${line}`, code })),
  );
  const fromReadme = readme
    ? tsBlocks(readFileSync(join(root, 'README.md'), 'utf8'), false).map(({ line, code }) => ({ name: `README.md:${line}`, code }))
    : [];
  return [...fromSources, ...fromReadme].map((e) => {
    const skip = skipReason(e.code);
    return skip === undefined ? e : { ...e, skip };
  });
}

const fileOf = (i: number): string => `example-${i}.ts`;

/**
 * Declares the vitest suite that runs a package's examples: one test per block, skipped ones named with their
 * reason, and a title with the counts (`42 examples: 40 run, 2 skipped`).
 *
 * @example
 * ```ts
 * // not run: declares a vitest suite, so it only runs inside a package's test/doc-examples.test.ts
 * import { describeDocExamples } from '../../../test-support/doc-examples';
 * describeDocExamples({ root: new URL('..', import.meta.url) });
 * ```
 */
export function describeDocExamples(options: DocExamplesOptions): void {
  const root = fileURLToPath(options.root);
  const outDir = join(root, '.scratch', 'doc-examples');
  const examples = collectExamples(root, options.readme ?? false);
  const skipped = examples.filter((e) => e.skip !== undefined).length;

  describe(`documentation examples run (${examples.length} examples: ${examples.length - skipped} run, ${skipped} skipped)`, () => {
    beforeAll(async () => {
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(outDir, { recursive: true });
      examples.forEach(({ name, code }, i) => writeFileSync(join(outDir, fileOf(i)), `// ${name}\n${code}\nexport {};\n`));
      await options.setup?.();
    });

    it('every example type-checks', () => {
      const config = {
        extends: relative(outDir, join(repoRoot, 'tsconfig.base.json')),
        compilerOptions: { noUnusedLocals: false, noUnusedParameters: false },
        include: ['*.ts'],
      };
      writeFileSync(join(outDir, 'tsconfig.json'), JSON.stringify(config, null, 2));
      let output = '';
      try {
        execFileSync(process.execPath, [tsc, '-p', outDir, '--pretty', 'false'], { encoding: 'utf8', stdio: 'pipe' });
      } catch (e) {
        output = e instanceof Error && 'stdout' in e ? String(e.stdout) : String(e);
      }
      // Name each error by its example (`src/x.ts:12`) instead of the scratch file.
      const errors = output
        .split('\n')
        .filter((l) => l.includes('error TS'))
        .map((l) => l.replace(/^.*example-(\d+)\.ts\((\d+),(\d+)\)/, (_, i: string, line: string, col: string) => `${examples[Number(i)]?.name ?? '?'} (+${Number(line) - 1},${col})`));
      expect(errors).toEqual([]);
    });

    if (options.examplePerExport === true) {
      it('every exported declaration in src/ has an example', () => {
        for (const file of sourceFiles(join(root, 'src'))) {
          const text = readFileSync(file, 'utf8');
          const exported = [...text.matchAll(/^export (?:async )?(?:function|const|type|interface) (\w+)/gm)].length;
          const documented = (text.match(/@example/g) ?? []).length;
          expect(documented, relative(root, file)).toBeGreaterThanOrEqual(exported);
        }
      });
    }

    examples.forEach(({ name, code, skip }, i) => {
      if (skip !== undefined) {
        it.skip(`${name} (skipped: ${skip})`, () => undefined);
        return;
      }
      it(name, async () => {
        expect(privateImports(code), `${name} imports private paths; examples use the public API (package names)`).toEqual([]);
        await import(/* @vite-ignore */ pathToFileURL(join(outDir, fileOf(i))).href);
      });
    });
  });
}
