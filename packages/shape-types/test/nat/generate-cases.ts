/**
 * Generator of `generated-cases.test.ts`: for every type-level operation, random operand pairs
 * (fast-check, fixed seed, a mix tuned per operation) with the expected result computed by `bigint`
 * arithmetic.
 *
 * Regenerate after changing the mix: `npx tsx test/nat/generate-cases.ts` (from `packages/shape-types`).
 * `generated-cases-fresh.test.ts` fails when the committed file differs from {@link generateCases}.
 * @packageDocumentation
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

/** Seed of the fast-check sampler; change it only together with the committed file. */
export const SEED = 20_260_125;

/** The largest operand the generator produces. */
export const MAX_OPERAND = 10_000_000;

/** Where the generated file lives. */
export const GENERATED_FILE = fileURLToPath(new URL('./generated-cases.test.ts', import.meta.url));

const MAX = MAX_OPERAND;
const TWO16 = 65_536;

/** Operands: small values, values near 2^16, powers of two, powers of ten and their neighbours, zero, large. */
const operand: fc.Arbitrary<number> = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 1_000 }) },
  { weight: 3, arbitrary: fc.integer({ min: TWO16 - 300, max: TWO16 + 300 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 23 }).map((k) => 2 ** k) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: -1, max: 1 }))
      .map(([k, d]) => Math.min(MAX, 10 ** k + d)),
  },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: MAX }) },
);

type Pair = readonly [number, number];

/** Independent operands. */
const anyPair: fc.Arbitrary<Pair> = fc.tuple(operand, operand);
/** Equal operands. */
const equalPair: fc.Arbitrary<Pair> = operand.map((a) => [a, a] as const);
/** `B` a little above `A` (so `Sub` is `never`, comparisons are `-1`). */
const abovePair: fc.Arbitrary<Pair> = fc
  .tuple(fc.integer({ min: 0, max: MAX - 1 }), fc.integer({ min: 1, max: 1_000 }))
  .map(([a, d]) => [a, Math.min(MAX, a + d)] as const);
/** `B` a little below `A`, including differences that borrow across many digits. */
const belowPair: fc.Arbitrary<Pair> = fc
  .tuple(operand, fc.integer({ min: 0, max: 1_000 }))
  .map(([a, d]) => [a, Math.max(0, a - d)] as const);
/** Exact multiples `(q·b, b)`. */
const multiplePair: fc.Arbitrary<Pair> = fc
  .tuple(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 0, max: 2_000 }))
  .map(([b, q]) => [b * q, b] as const);
/** Small divisors `1..16`, the strides and kernels of real layers. */
const smallDivisorPair: fc.Arbitrary<Pair> = fc.tuple(operand, fc.integer({ min: 1, max: 16 }));
/** Zero divisor: `FloorDiv` and `Mod` are `never`. */
const zeroDivisorPair: fc.Arbitrary<Pair> = operand.map((a) => [a, 0] as const);

const w = (weight: number, arbitrary: fc.Arbitrary<Pair>) => ({ weight, arbitrary });

/** Per-operation mix of operand pairs. */
const forArithmetic = fc.oneof(w(6, anyPair), w(1, equalPair), w(1, belowPair), w(1, smallDivisorPair));
const forSub = fc.oneof(w(4, anyPair), w(1, equalPair), w(2, abovePair), w(2, belowPair));
const forDivision = fc.oneof(
  w(4, anyPair),
  w(1, equalPair),
  w(2, multiplePair),
  w(3, smallDivisorPair),
  w(1, zeroDivisorPair),
);
const forComparison = fc.oneof(w(4, anyPair), w(2, equalPair), w(2, abovePair), w(2, belowPair));

/** One operation: its type name, number of cases, operand-pair mix, and expected result (a type, `never` included) by `bigint` arithmetic. */
interface OpSpec {
  readonly op: string;
  readonly count: number;
  readonly pairs: fc.Arbitrary<Pair>;
  readonly expected: (a: bigint, b: bigint) => string;
}

const cmp = (a: bigint, b: bigint): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

/** The operations, in file order; the counts add up to {@link CASE_COUNT}. */
export const OPS: readonly OpSpec[] = [
  { op: 'Add', count: 50, pairs: forArithmetic, expected: (a, b) => `${a + b}` },
  { op: 'Sub', count: 50, pairs: forSub, expected: (a, b) => (a >= b ? `${a - b}` : 'never') },
  { op: 'Mul', count: 50, pairs: forArithmetic, expected: (a, b) => `${a * b}` },
  { op: 'FloorDiv', count: 50, pairs: forDivision, expected: (a, b) => (b === 0n ? 'never' : `${a / b}`) },
  { op: 'Mod', count: 50, pairs: forDivision, expected: (a, b) => (b === 0n ? 'never' : `${a % b}`) },
  { op: 'Compare', count: 30, pairs: forComparison, expected: (a, b) => `${cmp(a, b)}` },
  { op: 'IsLess', count: 15, pairs: forComparison, expected: (a, b) => `${a < b}` },
  { op: 'IsLessOrEqual', count: 15, pairs: forComparison, expected: (a, b) => `${a <= b}` },
  { op: 'IsGreater', count: 15, pairs: forComparison, expected: (a, b) => `${a > b}` },
  { op: 'IsGreaterOrEqual', count: 15, pairs: forComparison, expected: (a, b) => `${a >= b}` },
  { op: 'IsEqual', count: 20, pairs: forComparison, expected: (a, b) => `${a === b}` },
  { op: 'Max', count: 20, pairs: forComparison, expected: (a, b) => `${a >= b ? a : b}` },
  { op: 'Min', count: 20, pairs: forComparison, expected: (a, b) => `${a <= b ? a : b}` },
];

/** Total number of generated cases (one `expectTypeOf` line each). */
export const CASE_COUNT = OPS.reduce((n, o) => n + o.count, 0);

/** `count` distinct pairs from `arb`, deterministic for a given seed. */
function distinctPairs(arb: fc.Arbitrary<Pair>, count: number, seed: number): Pair[] {
  const seen = new Set<string>();
  const out: Pair[] = [];
  for (const p of fc.sample(arb, { seed, numRuns: count * 4 })) {
    const k = `${p[0]},${p[1]}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
    if (out.length === count) return out;
  }
  throw new Error(`only ${out.length} distinct pairs of ${count}; sample more`);
}

/**
 * The full text of `generated-cases.test.ts`: one `expectTypeOf` line per case, expected values by
 * `bigint` arithmetic. Deterministic for a given {@link SEED}.
 *
 * @example
 * ```ts
 * import { generateCases } from './generate-cases';
 * generateCases().includes('expectTypeOf<Add<'); // true
 * ```
 */
export function generateCases(): string {
  const body = OPS.flatMap((spec, i) => [
    '',
    `// ${spec.op}: ${spec.count} cases`,
    ...distinctPairs(spec.pairs, spec.count, SEED + i).map(
      ([a, b]) => `expectTypeOf<${spec.op}<${a}, ${b}>>().toEqualTypeOf<${spec.expected(BigInt(a), BigInt(b))}>();`,
    ),
  ]);
  return [
    `// GENERATED by test/nat/generate-cases.ts (fast-check seed ${SEED}) -- do not edit by hand.`,
    '// Regenerate: `npx tsx test/nat/generate-cases.ts` in packages/shape-types.',
    '// The expectTypeOf lines are checked by tsc (`npm run typecheck`); at run time they are no-ops.',
    "import { expect, expectTypeOf, it } from 'vitest';",
    'import type {',
    ...OPS.map((o) => `  ${o.op},`).sort(),
    "} from '../../src/nat/index';",
    '',
    `it('holds ${CASE_COUNT} generated type-level cases, checked by tsc', () => {`,
    `  expect(${CASE_COUNT}).toBe(${CASE_COUNT});`,
    '});',
    ...body,
    '',
  ].join('\n');
}

/** Run as a script: write the generated file. */
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(GENERATED_FILE, generateCases());
  console.log(`wrote ${GENERATED_FILE}`);
}
