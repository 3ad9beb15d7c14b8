import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The digit tables of src/nat/digits.ts are types; this test reads them as text and checks every entry
// against JS arithmetic, exhaustively (the type-level tests only reach the entries their cases use).
// It also checks that each table has exactly the keys the loops index with.

const source = readFileSync(fileURLToPath(new URL('../../src/nat/digits.ts', import.meta.url)), 'utf8');

/** The object literal type of `export type <name> = {...};`, parsed as JSON. */
function table(name: string): unknown {
  const m = new RegExp(`export type ${name} = (\\{[\\s\\S]*?\\n\\});\\n`).exec(source);
  if (m?.[1] === undefined) throw new Error(`table ${name} not found`);
  return JSON.parse(
    m[1]
      .replaceAll("'", '"')
      .replaceAll(';', ',')
      .replace(/,(\s*\})/g, '$1'),
  );
}

/** Look up a path of digit keys in nested objects. */
function at(t: unknown, ...path: number[]): unknown {
  return path.reduce<unknown>(
    (x, i) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[String(i)] : undefined),
    t,
  );
}

const digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const pad2 = (n: number): string => `${Math.floor(n / 10)}${n % 10}`;

describe('digit tables', () => {
  it('AddTable[c][a][b] = carry and digit of a + b + c', () => {
    const t = table('AddTable');
    for (const c of [0, 1]) for (const a of digits) for (const b of digits) expect(at(t, c, a, b)).toBe(pad2(a + b + c));
  });

  it('SubTable[c][a][b] = borrow and digit of a - b - c', () => {
    const t = table('SubTable');
    for (const c of [0, 1])
      for (const a of digits)
        for (const b of digits) {
          const d = a - b - c;
          expect(at(t, c, a, b)).toBe(`${d < 0 ? 1 : 0}${(d + 10) % 10}`);
        }
  });

  it('MulTable[d][c][a] = carry and digit of a·d + c', () => {
    const t = table('MulTable');
    for (const d of digits) for (let c = 0; c <= 8; c++) for (const a of digits) expect(at(t, d, c, a)).toBe(pad2(a * d + c));
  });

  it('ShortDivTable[d][r][a] = quotient and remainder of (10·r + a) / d for r < d', () => {
    const t = table('ShortDivTable');
    for (let d = 1; d <= 9; d++)
      for (let r = 0; r < d; r++)
        for (const a of digits) {
          const v = 10 * r + a;
          expect(at(t, d, r, a)).toBe(`${Math.floor(v / d)}${v % d}`);
        }
  });

  it('CmpTable[a][b] = sign of a - b', () => {
    const t = table('CmpTable');
    for (const a of digits) for (const b of digits) expect(at(t, a, b)).toBe(Math.sign(a - b));
  });

  it('has exactly the expected keys at every level', () => {
    const keys = (x: unknown): string[] => Object.keys(x as object);
    const d10 = digits.map(String);
    expect(keys(table('AddTable'))).toEqual(['0', '1']);
    expect(keys(at(table('AddTable'), 1, 9))).toEqual(d10);
    expect(keys(table('MulTable'))).toEqual(d10);
    expect(keys(at(table('MulTable'), 9))).toEqual(d10.slice(0, 9));
    expect(keys(table('ShortDivTable'))).toEqual(d10);
    expect(keys(at(table('ShortDivTable'), 9))).toEqual(d10.slice(0, 9));
    expect(keys(table('CmpTable'))).toEqual(d10);
  });
});
