import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  Add,
  Compare,
  FloorDiv,
  IsEqual,
  IsGreater,
  IsGreaterOrEqual,
  IsLess,
  IsLessOrEqual,
  IsNat,
  Max,
  Min,
  Mod,
  Mul,
  Sub,
} from '../../src/nat/index';

// Every expectTypeOf line and every `@ts-expect-error` below is checked by tsc (`npm run typecheck`), and each
// directive's text is the compiler's message, checked by test/expect-error-messages.test.ts;
// at run time expectTypeOf is a no-op, so each block ends with a trivial run-time expectation.

/** The ten digits as number literals, for the single-digit grids. */
type Digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
type AddRow<A extends number, T extends readonly number[]> = { [I in keyof T]: Add<A, T[I]> };
type AddGrid<T extends readonly number[]> = { [I in keyof T]: AddRow<T[I], T> };
type MulRow<A extends number, T extends readonly number[]> = { [I in keyof T]: Mul<A, T[I]> };
type MulGrid<T extends readonly number[]> = { [I in keyof T]: MulRow<T[I], T> };

describe('Add', () => {
  it('adds every pair of digits', () => {
    expectTypeOf<AddGrid<Digits>>().toEqualTypeOf<
    [
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      [3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      [4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
      [5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
      [6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      [7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
      [8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
      [9, 10, 11, 12, 13, 14, 15, 16, 17, 18],
    ]
    >();
    expect(true).toBe(true);
  });

  it('carries across digits and lengths', () => {
    expectTypeOf<Add<0, 0>>().toEqualTypeOf<0>();
    expectTypeOf<Add<0, 7>>().toEqualTypeOf<7>();
    expectTypeOf<Add<999, 1>>().toEqualTypeOf<1000>();
    expectTypeOf<Add<1, 999>>().toEqualTypeOf<1000>();
    expectTypeOf<Add<65535, 1>>().toEqualTypeOf<65536>();
    expectTypeOf<Add<9999999, 1>>().toEqualTypeOf<10000000>();
    expectTypeOf<Add<9999999, 9999999>>().toEqualTypeOf<19999998>();
    expectTypeOf<Add<512, 512>>().toEqualTypeOf<1024>();
    expectTypeOf<Add<999999999999999, 1>>().toEqualTypeOf<1000000000000000>();
    expectTypeOf<Add<4503599627370495, 4503599627370496>>().toEqualTypeOf<9007199254740991>();
    expect(true).toBe(true);
  });

  it('gives number for a sum that a number literal cannot hold exactly', () => {
    expectTypeOf<Add<9007199254740991, 2>>().toEqualTypeOf<number>();
    expect(true).toBe(true);
  });
});

describe('Sub', () => {
  it('borrows across digits and strips leading zeros', () => {
    expectTypeOf<Sub<0, 0>>().toEqualTypeOf<0>();
    expectTypeOf<Sub<7, 0>>().toEqualTypeOf<7>();
    expectTypeOf<Sub<1000, 1>>().toEqualTypeOf<999>();
    expectTypeOf<Sub<1000, 999>>().toEqualTypeOf<1>();
    expectTypeOf<Sub<65536, 1>>().toEqualTypeOf<65535>();
    expectTypeOf<Sub<65536, 65535>>().toEqualTypeOf<1>();
    expectTypeOf<Sub<65536, 65536>>().toEqualTypeOf<0>();
    expectTypeOf<Sub<10000000, 1>>().toEqualTypeOf<9999999>();
    expectTypeOf<Sub<10000000, 9999999>>().toEqualTypeOf<1>();
    expectTypeOf<Sub<9007199254740991, 9007199254740990>>().toEqualTypeOf<1>();
    expect(true).toBe(true);
  });

  it('is never when B > A', () => {
    expectTypeOf<Sub<0, 1>>().toEqualTypeOf<never>();
    expectTypeOf<Sub<5, 6>>().toEqualTypeOf<never>();
    expectTypeOf<Sub<65535, 65536>>().toEqualTypeOf<never>();
    expectTypeOf<Sub<99, 100>>().toEqualTypeOf<never>();
    expectTypeOf<Sub<9999999, 10000000>>().toEqualTypeOf<never>();
    expect(true).toBe(true);
  });
});

describe('Mul', () => {
  it('multiplies every pair of digits', () => {
    expectTypeOf<MulGrid<Digits>>().toEqualTypeOf<
    [
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [0, 2, 4, 6, 8, 10, 12, 14, 16, 18],
      [0, 3, 6, 9, 12, 15, 18, 21, 24, 27],
      [0, 4, 8, 12, 16, 20, 24, 28, 32, 36],
      [0, 5, 10, 15, 20, 25, 30, 35, 40, 45],
      [0, 6, 12, 18, 24, 30, 36, 42, 48, 54],
      [0, 7, 14, 21, 28, 35, 42, 49, 56, 63],
      [0, 8, 16, 24, 32, 40, 48, 56, 64, 72],
      [0, 9, 18, 27, 36, 45, 54, 63, 72, 81],
    ]
    >();
    expect(true).toBe(true);
  });

  it('handles zero, one, long operands and large products', () => {
    expectTypeOf<Mul<0, 9999999>>().toEqualTypeOf<0>();
    expectTypeOf<Mul<9999999, 0>>().toEqualTypeOf<0>();
    expectTypeOf<Mul<1, 65536>>().toEqualTypeOf<65536>();
    expectTypeOf<Mul<2, 128>>().toEqualTypeOf<256>();
    expectTypeOf<Mul<256, 256>>().toEqualTypeOf<65536>();
    expectTypeOf<Mul<65536, 65536>>().toEqualTypeOf<4294967296>();
    expectTypeOf<Mul<10, 1000000>>().toEqualTypeOf<10000000>();
    expectTypeOf<Mul<9999999, 9999999>>().toEqualTypeOf<99999980000001>();
    expectTypeOf<Mul<94906265, 94906265>>().toEqualTypeOf<9007199136250225>();
    expect(true).toBe(true);
  });

  it('gives number for a product that a number literal cannot hold exactly', () => {
    expectTypeOf<Mul<4294967296, 4294967297>>().toEqualTypeOf<number>();
    expect(true).toBe(true);
  });
});

describe('FloorDiv and Mod', () => {
  it('divides by one digit (the strides of real layers)', () => {
    expectTypeOf<FloorDiv<255, 2>>().toEqualTypeOf<127>();
    expectTypeOf<FloorDiv<256, 2>>().toEqualTypeOf<128>();
    expectTypeOf<FloorDiv<1, 2>>().toEqualTypeOf<0>();
    expectTypeOf<FloorDiv<10, 9>>().toEqualTypeOf<1>();
    expectTypeOf<FloorDiv<0, 7>>().toEqualTypeOf<0>();
    expectTypeOf<FloorDiv<65536, 1>>().toEqualTypeOf<65536>();
    expectTypeOf<FloorDiv<10000000, 3>>().toEqualTypeOf<3333333>();
    expectTypeOf<FloorDiv<1000000000000000, 7>>().toEqualTypeOf<142857142857142>();
    expectTypeOf<Mod<255, 2>>().toEqualTypeOf<1>();
    expectTypeOf<Mod<0, 7>>().toEqualTypeOf<0>();
    expectTypeOf<Mod<1000000000000000, 7>>().toEqualTypeOf<6>();
    expect(true).toBe(true);
  });

  it('divides by long divisors', () => {
    expectTypeOf<FloorDiv<65536, 256>>().toEqualTypeOf<256>();
    expectTypeOf<Mod<65537, 256>>().toEqualTypeOf<1>();
    expectTypeOf<FloorDiv<65535, 65536>>().toEqualTypeOf<0>();
    expectTypeOf<Mod<65535, 65536>>().toEqualTypeOf<65535>();
    expectTypeOf<FloorDiv<9999999, 9999999>>().toEqualTypeOf<1>();
    expectTypeOf<Mod<9999999, 9999999>>().toEqualTypeOf<0>();
    expectTypeOf<FloorDiv<10000000, 99>>().toEqualTypeOf<101010>();
    expectTypeOf<Mod<10000000, 99>>().toEqualTypeOf<10>();
    expectTypeOf<FloorDiv<0, 12345>>().toEqualTypeOf<0>();
    expectTypeOf<FloorDiv<123456789012345, 1234567>>().toEqualTypeOf<100000072>();
    expectTypeOf<Mod<123456789012345, 1234567>>().toEqualTypeOf<123521>();
    expect(true).toBe(true);
  });

  it('is never for a zero divisor', () => {
    expectTypeOf<FloorDiv<7, 0>>().toEqualTypeOf<never>();
    expectTypeOf<Mod<7, 0>>().toEqualTypeOf<never>();
    expectTypeOf<FloorDiv<0, 0>>().toEqualTypeOf<never>();
    expect(true).toBe(true);
  });
});

describe('comparisons', () => {
  it('compares by length first, then digit by digit', () => {
    expectTypeOf<Compare<0, 0>>().toEqualTypeOf<0>();
    expectTypeOf<Compare<65535, 65536>>().toEqualTypeOf<-1>();
    expectTypeOf<Compare<65536, 65535>>().toEqualTypeOf<1>();
    expectTypeOf<Compare<99, 100>>().toEqualTypeOf<-1>();
    expectTypeOf<Compare<100, 99>>().toEqualTypeOf<1>();
    expectTypeOf<Compare<9000001, 9000002>>().toEqualTypeOf<-1>();
    expectTypeOf<Compare<2000000, 1999999>>().toEqualTypeOf<1>();
    expectTypeOf<Compare<10000000, 10000000>>().toEqualTypeOf<0>();
    expect(true).toBe(true);
  });

  it('answers the predicates and Max / Min', () => {
    expectTypeOf<IsLess<3, 10>>().toEqualTypeOf<true>();
    expectTypeOf<IsLess<10, 10>>().toEqualTypeOf<false>();
    expectTypeOf<IsLessOrEqual<10, 10>>().toEqualTypeOf<true>();
    expectTypeOf<IsLessOrEqual<11, 10>>().toEqualTypeOf<false>();
    expectTypeOf<IsGreater<10, 3>>().toEqualTypeOf<true>();
    expectTypeOf<IsGreater<3, 3>>().toEqualTypeOf<false>();
    expectTypeOf<IsGreaterOrEqual<3, 3>>().toEqualTypeOf<true>();
    expectTypeOf<IsGreaterOrEqual<2, 3>>().toEqualTypeOf<false>();
    expectTypeOf<IsEqual<256, 256>>().toEqualTypeOf<true>();
    expectTypeOf<IsEqual<256, 265>>().toEqualTypeOf<false>();
    expectTypeOf<Max<70, 142>>().toEqualTypeOf<142>();
    expectTypeOf<Max<142, 70>>().toEqualTypeOf<142>();
    expectTypeOf<Min<70, 142>>().toEqualTypeOf<70>();
    expectTypeOf<Min<7, 7>>().toEqualTypeOf<7>();
    expect(true).toBe(true);
  });
});

describe('IsNat', () => {
  it('recognises non-negative integer literals', () => {
    expectTypeOf<IsNat<0>>().toEqualTypeOf<true>();
    expectTypeOf<IsNat<65536>>().toEqualTypeOf<true>();
    expectTypeOf<IsNat<9007199254740991>>().toEqualTypeOf<true>();
    expectTypeOf<IsNat<-1>>().toEqualTypeOf<false>();
    expectTypeOf<IsNat<0.5>>().toEqualTypeOf<false>();
    expectTypeOf<IsNat<1e21>>().toEqualTypeOf<false>();
    expectTypeOf<IsNat<'3'>>().toEqualTypeOf<false>();
    expectTypeOf<IsNat<number>>().toEqualTypeOf<boolean>();
    expect(true).toBe(true);
  });
});

describe('wide number operands degrade to run-time checks', () => {
  it('gives number for every operation and boolean for every predicate', () => {
    expectTypeOf<Add<number, 1>>().toEqualTypeOf<number>();
    expectTypeOf<Add<1, number>>().toEqualTypeOf<number>();
    expectTypeOf<Sub<number, 1>>().toEqualTypeOf<number>();
    expectTypeOf<Sub<1, number>>().toEqualTypeOf<number>();
    expectTypeOf<Mul<number, 0>>().toEqualTypeOf<number>();
    expectTypeOf<Mul<2, number>>().toEqualTypeOf<number>();
    expectTypeOf<FloorDiv<number, 2>>().toEqualTypeOf<number>();
    expectTypeOf<FloorDiv<256, number>>().toEqualTypeOf<number>();
    expectTypeOf<Mod<number, 2>>().toEqualTypeOf<number>();
    expectTypeOf<Mod<256, number>>().toEqualTypeOf<number>();
    expectTypeOf<Max<number, 2>>().toEqualTypeOf<number>();
    expectTypeOf<Min<2, number>>().toEqualTypeOf<number>();
    expectTypeOf<Compare<number, 2>>().toEqualTypeOf<-1 | 0 | 1>();
    expectTypeOf<Compare<2, number>>().toEqualTypeOf<-1 | 0 | 1>();
    expectTypeOf<IsLess<number, 2>>().toEqualTypeOf<boolean>();
    expectTypeOf<IsLessOrEqual<2, number>>().toEqualTypeOf<boolean>();
    expectTypeOf<IsGreater<number, number>>().toEqualTypeOf<boolean>();
    expectTypeOf<IsGreaterOrEqual<number, 2>>().toEqualTypeOf<boolean>();
    expectTypeOf<IsEqual<2, number>>().toEqualTypeOf<boolean>();
    expect(true).toBe(true);
  });

  it('keeps number through composed operations', () => {
    expectTypeOf<Add<FloorDiv<Sub<number, 4>, 2>, 1>>().toEqualTypeOf<number>();
    expect(true).toBe(true);
  });
});

describe('other inputs', () => {
  it('gives never for negative or fractional literals', () => {
    expectTypeOf<Add<-1, 2>>().toEqualTypeOf<never>();
    expectTypeOf<Add<1.5, 1>>().toEqualTypeOf<never>();
    expectTypeOf<Sub<2, -1>>().toEqualTypeOf<never>();
    expectTypeOf<Mul<-2, 0>>().toEqualTypeOf<never>();
    expectTypeOf<Mul<0, 0.5>>().toEqualTypeOf<never>();
    expectTypeOf<FloorDiv<-4, 2>>().toEqualTypeOf<never>();
    expectTypeOf<FloorDiv<4, -2>>().toEqualTypeOf<never>();
    expectTypeOf<Mod<4, 2.5>>().toEqualTypeOf<never>();
    expectTypeOf<Compare<-1, 1>>().toEqualTypeOf<never>();
    expectTypeOf<IsLess<-1, 1>>().toEqualTypeOf<never>();
    expect(true).toBe(true);
  });

  it('distributes over unions of literals', () => {
    expectTypeOf<Add<1 | 2, 10>>().toEqualTypeOf<11 | 12>();
    expectTypeOf<Mul<2, 3 | 4>>().toEqualTypeOf<6 | 8>();
    expect(true).toBe(true);
  });

  it('composes: the output size of a 4x4, stride 2, pad 1 convolution', () => {
    type Conv<H extends number> = Add<FloorDiv<Sub<Add<H, Mul<2, 1>>, 4>, 2>, 1>;
    expectTypeOf<Conv<256>>().toEqualTypeOf<128>();
    expectTypeOf<Conv<2>>().toEqualTypeOf<1>();
    expectTypeOf<Conv<65536>>().toEqualTypeOf<32768>();
    expect(true).toBe(true);
  });
});

describe('wrong results do not type-check', () => {
  it('rejects wrong literals', () => {
    // 2 + 2 is 4:
    // @ts-expect-error Type '5' is not assignable to type '4'.
    const sum: Add<2, 2> = 5;
    // 1000 - 1 is 999:
    // @ts-expect-error Type '1000' is not assignable to type '999'.
    const diff: Sub<1000, 1> = 1000;
    // Sub<1, 2> is never: nothing is assignable to it:
    // @ts-expect-error Type '0' is not assignable to type 'never'.
    const negative: Sub<1, 2> = 0;
    // 256 · 256 is 65536:
    // @ts-expect-error Type '65535' is not assignable to type '65536'.
    const product: Mul<256, 256> = 65535;
    // 255 / 2 rounds down to 127:
    // @ts-expect-error Type '128' is not assignable to type '127'.
    const quotient: FloorDiv<255, 2> = 128;
    // 65537 mod 256 is 1:
    // @ts-expect-error Type '0' is not assignable to type '1'.
    const remainder: Mod<65537, 256> = 0;
    // 99 < 100:
    // @ts-expect-error Type '1' is not assignable to type '-1'.
    const order: Compare<99, 100> = 1;
    // 3 < 10:
    // @ts-expect-error Type 'false' is not assignable to type 'true'.
    const less: IsLess<3, 10> = false;
    // -1 is not a natural number:
    // @ts-expect-error Type 'true' is not assignable to type 'false'.
    const nat: IsNat<-1> = true;
    expect([sum, diff, negative, product, quotient, remainder, order, less, nat]).toHaveLength(9);
  });

  it('rejects wrong expectations', () => {
    // 123 + 4567 is 4690:
    // @ts-expect-error Expected: literal number: 4691, Actual: literal number: 4690
    expectTypeOf<Add<123, 4567>>().toEqualTypeOf<4691>();
    // 65535 + 1 is 65536:
    // @ts-expect-error Expected: number, Actual: never
    expectTypeOf<Add<65535, 1>>().toEqualTypeOf<number>();
    // Sub<0, 1> is never, not 0:
    // @ts-expect-error Expected: literal number: 0, Actual: never
    expectTypeOf<Sub<0, 1>>().toEqualTypeOf<0>();
    // 9999999 · 9999999 is 99999980000001:
    // @ts-expect-error Expected: literal number: 99999980000000, Actual: literal number: 99999980000001
    expectTypeOf<Mul<9999999, 9999999>>().toEqualTypeOf<99999980000000>();
    // FloorDiv<1, 0> is never:
    // @ts-expect-error Expected: literal number: 0, Actual: never
    expectTypeOf<FloorDiv<1, 0>>().toEqualTypeOf<0>();
    // a wide operand gives number, not a literal:
    // @ts-expect-error Expected: literal number: 1, Actual: number
    expectTypeOf<Add<number, 1>>().toEqualTypeOf<1>();
    expect(true).toBe(true);
  });
});
