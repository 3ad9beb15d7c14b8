import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * Finding a package's documentation examples (no vitest here, so scripts can count them too):
 * see doc-examples.ts for the suite that runs them.
 */

/** One extracted block: where it is, its code, and why it is not run (when it is not). */
export interface DocExample {
  readonly name: string;
  readonly code: string;
  readonly skip?: string;
  /** Only imports and comments (the call itself commented out): it runs, but shows nothing working. */
  readonly importsOnly: boolean;
}

/** True when every line of the code is blank, a comment or an import. */
export const isImportsOnly = (code: string): boolean =>
  code.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('//') || /^\s*import\b/.test(l));

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

/**
 * The ```ts blocks of a text with the 1-based line of their fence. In doc comments (`inComment`) only the blocks of
 * an `@example` section count (it runs to the next block tag or the comment's end), and the ` * ` is stripped; a
 * fence elsewhere in a comment is an illustration, not an example.
 */
export function tsBlocks(text: string, inComment: boolean): Array<{ readonly line: number; readonly code: string }> {
  const blocks: Array<{ line: number; code: string }> = [];
  let current: { line: number; lines: string[] } | undefined;
  let inExample = !inComment;
  text.split('\n').forEach((raw, i) => {
    const line = inComment ? raw.replace(/^\s*\* ?/, '') : raw;
    if (current !== undefined) {
      if (line.trim() === '```') {
        blocks.push({ line: current.line, code: current.lines.join('\n') });
        current = undefined;
      } else current.lines.push(line);
      return;
    }
    if (inComment) {
      if (/^\s*\/\*\*/.test(raw) || raw.includes('*/')) inExample = false;
      const tag = /^\s*@(\w+)/.exec(line);
      if (tag !== null) inExample = tag[1] === 'example';
    }
    if (inExample && line.trim() === '```ts') current = { line: i + 1, lines: [] };
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
    const example = { ...e, importsOnly: isImportsOnly(e.code) };
    return skip === undefined ? example : { ...example, skip };
  });
}

