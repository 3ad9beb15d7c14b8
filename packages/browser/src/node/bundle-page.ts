import { build } from 'esbuild';
import * as TE from 'fp-ts/TaskEither';

/** Options of {@link bundlePage}. */
export interface BundleOptions {
  /** Minify (default false: readable stack traces in test failures). */
  readonly minify?: boolean;
}

/**
 * Bundles a TypeScript entry point for the page: one ES module, browser platform, workspace
 * packages resolved to their sources (the `source` export condition, so no prior build), and
 * `node:` built-ins left external (the libraries only reach them behind run-time Node checks).
 *
 * @param entry absolute path of the entry `.ts`
 * @returns the bundle's JavaScript text
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import * as E from 'fp-ts/Either';
 * import { bundlePage } from '@pix2pix-ts/browser/node';
 * const entry = join(mkdtempSync(join(tmpdir(), 'page-')), 'page.ts');
 * writeFileSync(entry, 'const twice = (x: number): number => 2 * x;\nconsole.log(twice(21));\n'); // a real page imports the packages
 * const js = await bundlePage(entry)(); // Right('"use strict";(() => { … })();')
 * if (E.isLeft(js)) throw js.left;
 * ```
 */
export function bundlePage(entry: string, options: BundleOptions = {}): TE.TaskEither<Error, string> {
  return TE.tryCatch(
    async () => {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        target: 'es2022',
        conditions: ['source'],
        external: ['node:*'],
        write: false,
        minify: options.minify ?? false,
        logLevel: 'silent',
      });
      const out = result.outputFiles[0];
      if (out === undefined) throw new Error('esbuild produced no output');
      return out.text;
    },
    (e) => new Error(`cannot bundle ${entry}: ${e instanceof Error ? e.message : String(e)}`),
  );
}
