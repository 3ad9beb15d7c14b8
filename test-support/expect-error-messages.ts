import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './doc-examples-extract';

/**
 * Checks the text of every `// @ts-expect-error <text>` in some test files against what the compiler says.
 *
 * `tsc` only checks that an error *exists* on the line after the directive; a line failing for another reason
 * (a typo, a wrong import) would pass. So the files are compiled once more, in memory, with every directive
 * turned into a plain comment, and each directive's text must be a substring of an error the compiler reports
 * on the directive's next line (the message chain flattened, as `tsc` prints it). TypeScript 5.9's compiler
 * API does this (7.x has no JS API); the package's own tsconfig gives the options, so the `source` condition
 * resolves the workspace packages as `npm run typecheck` does.
 */
export interface ExpectErrorReport {
  /** Directives checked. */
  readonly checked: number;
  /** Each directive whose text no error on its next line contains, with the errors there. */
  readonly mismatches: readonly ExpectErrorMismatch[];
}

/** A directive whose expected text the compiler did not print. */
export interface ExpectErrorMismatch {
  /** `file:line` of the directive (1-based). */
  readonly at: string;
  /** The directive's text. */
  readonly expected: string;
  /** The flattened messages of the errors on the next line (empty: no error there at all). */
  readonly actual: readonly string[];
}

const directive = /^\s*\/\/ @ts-expect-error(?:\s+(.*))?$/;

/**
 * Compiles `files` (absolute paths) with the options of `tsconfigPath`, the directives disabled, and compares.
 *
 * @example
 * ```ts
 * // not run: compiles test files of a package (seconds); its tests call it
 * import { checkExpectErrorMessages } from '../../../test-support/expect-error-messages';
 * const report = checkExpectErrorMessages('/repo/packages/layers/tsconfig.json', ['/repo/packages/layers/test/compile-errors.test.ts']);
 * console.log(report.checked, report.mismatches);
 * ```
 */
export function checkExpectErrorMessages(tsconfigPath: string, files: readonly string[]): ExpectErrorReport {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`${tsconfigPath}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  });
  if (parsed === undefined) throw new Error(`${tsconfigPath}: could not be read`);
  const options = { ...parsed.options, noEmit: true };
  // Each file's directives, and its text with them turned into plain comments (same lines, same columns).
  const targets = new Map<string, { readonly text: string; readonly directives: ReadonlyArray<{ readonly line: number; readonly expected: string }> }>();
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const directives: Array<{ line: number; expected: string }> = [];
    const text = lines
      .map((l, i) => {
        const m = directive.exec(l);
        if (m === null) return l;
        directives.push({ line: i, expected: (m[1] ?? '').trim() });
        return l.replace('// @ts-expect-error', '// expect-error:  ');
      })
      .join('\n');
    targets.set(ts.sys.resolvePath(file), { text, directives });
  }
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const target = targets.get(ts.sys.resolvePath(name));
    return target === undefined ? readSource(name, languageVersion, onError, shouldCreate) : ts.createSourceFile(name, target.text, languageVersion, true);
  };
  const program = ts.createProgram({ rootNames: [...targets.keys()], options, host });

  let checked = 0;
  const mismatches: ExpectErrorMismatch[] = [];
  for (const [file, { directives }] of targets) {
    const source = program.getSourceFile(file);
    if (source === undefined) throw new Error(`${file}: not in the program`);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    for (const { line, expected } of directives) {
      checked += 1;
      const actual = diagnostics
        .filter((d) => d.start !== undefined && source.getLineAndCharacterOfPosition(d.start).line === line + 1)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      if (expected === '' || !actual.some((m) => m.includes(expected))) mismatches.push({ at: `${file}:${line + 1}`, expected, actual });
    }
  }
  return { checked, mismatches };
}

/**
 * The `.ts` files under `dir` (recursively) with at least one `@ts-expect-error` directive: what
 * {@link checkExpectErrorMessages} should look at in a package's tests.
 *
 * @example
 * ```ts
 * // not run: reads a package's test folder
 * import { filesWithExpectErrors } from '../../../test-support/expect-error-messages';
 * console.log(filesWithExpectErrors('/repo/packages/layers/test'));
 * ```
 */
export function filesWithExpectErrors(dir: string): string[] {
  return sourceFiles(dir).filter((file) => readFileSync(file, 'utf8').split('\n').some((l) => directive.test(l)));
}

/**
 * Declares the vitest suite of a package: every directive in the `.ts` files under `dirs` (relative to the
 * package root) names an error the compiler reports on its next line. Fails when there is none to check, so a
 * moved folder cannot make it pass vacuously.
 *
 * @example
 * ```ts
 * // not run: declares a vitest suite, so it only runs inside a package's test/expect-error-messages.test.ts
 * import { describeExpectErrorMessages } from '../../../test-support/expect-error-messages';
 * describeExpectErrorMessages(new URL('..', import.meta.url), ['test', 'examples']);
 * ```
 */
export function describeExpectErrorMessages(packageRoot: URL, dirs: readonly string[]): void {
  const root = fileURLToPath(packageRoot);
  describe(`@ts-expect-error directives name the compiler's error (${dirs.join(', ')})`, () => {
    it('each directive\'s text is part of an error tsc reports on the next line', () => {
      const files = dirs.flatMap((d) => filesWithExpectErrors(join(root, d)));
      expect(files.length).toBeGreaterThan(0);
      const report = checkExpectErrorMessages(join(root, 'tsconfig.json'), files);
      expect(report.checked).toBeGreaterThan(0);
      expect(report.mismatches).toEqual([]);
    });
  });
}
