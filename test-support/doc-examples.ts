import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectExamples, privateImports, sourceFiles } from './doc-examples-extract';

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

const fileOf = (i: number): string => `example-${i}.ts`;

/**
 * Declares the vitest suite that runs a package's examples: one test per block, skipped ones named with their
 * reason, and a title with the counts (`42 examples: 40 run, 2 skipped`; examples whose call is only a comment
 * are counted apart: they run but show nothing working).
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
  const importsOnly = examples.filter((e) => e.skip === undefined && e.importsOnly).length;
  const runs = `${examples.length - skipped} run${importsOnly > 0 ? ` (${importsOnly} of them only import: the call is a comment)` : ''}`;

  describe(`documentation examples run (${examples.length} examples: ${runs}, ${skipped} skipped)`, () => {
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

    examples.forEach(({ name, code, skip, importsOnly: onlyImports }, i) => {
      if (skip !== undefined) {
        it.skip(`${name} (skipped: ${skip})`, () => undefined);
        return;
      }
      it(onlyImports ? `${name} (imports only)` : name, async () => {
        expect(privateImports(code), `${name} imports private paths; examples use the public API (package names)`).toEqual([]);
        await import(/* @vite-ignore */ pathToFileURL(join(outDir, fileOf(i))).href);
      });
    });
  });
}
