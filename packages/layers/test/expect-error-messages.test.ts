import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkExpectErrorMessages, describeExpectErrorMessages } from '../../../test-support/expect-error-messages';

// tsc checks that each `@ts-expect-error` sees *an* error; this checks it is the one its text names.
describeExpectErrorMessages(new URL('..', import.meta.url), ['test', 'examples']);

describe('the directive check itself', () => {
  it('reports a directive whose text is not the error, and one with no error after it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'expect-error-'));
    const file = join(dir, 'directives.ts');
    writeFileSync(
      file,
      [
        '// @ts-expect-error is not assignable to type \'number\'',
        'export const a: number = \'x\';',
        '// @ts-expect-error channels 3 ≠ 4',
        'export const b: number = \'y\';',
        '// @ts-expect-error anything',
        'export const c: number = 1;',
      ].join('\n'),
    );
    try {
      const report = checkExpectErrorMessages(fileURLToPath(new URL('../tsconfig.json', import.meta.url)), [file]);
      expect(report.checked).toBe(3);
      expect(report.mismatches.map((m) => [m.at.slice(file.length), m.expected, m.actual])).toEqual([
        [':3', 'channels 3 ≠ 4', ["Type 'string' is not assignable to type 'number'."]],
        [':5', 'anything', []],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
