import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASE_COUNT, GENERATED_FILE, generateCases } from './generate-cases';

describe('generated-cases.test.ts', () => {
  it('equals a fresh run of generate-cases.ts (regenerate with `npx tsx test/nat/generate-cases.ts`)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generateCases());
  });

  it('has one expectTypeOf line per case', () => {
    const lines = generateCases()
      .split('\n')
      .filter((l) => l.startsWith('expectTypeOf<'));
    expect(lines).toHaveLength(CASE_COUNT);
    expect(new Set(lines).size).toBe(CASE_COUNT);
  });
});
