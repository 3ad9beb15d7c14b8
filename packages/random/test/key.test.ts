import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { foldIn, key, keyFromWords, permutation, randomInt, seedOf, split, uniform, type Key } from '@pix2pix-ts/random';

const seed = fc.integer({ min: 0, max: 2 ** 40 });

describe('keys', () => {
  it('are pure: the same seed gives the same keys and values', () => {
    fc.assert(
      fc.property(seed, (s) => {
        expect(split(key(s), 3)).toEqual(split(key(s), 3));
        expect(uniform(foldIn(key(s), 9))).toBe(uniform(foldIn(key(s), 9)));
      }),
    );
  });

  it('split and foldIn give distinct keys', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const ks = [...split(key(s), 4), foldIn(key(s), 0), foldIn(key(s), 1), key(s)];
        expect(new Set(ks.map((k) => `${k[0]}:${k[1]}`)).size).toBe(ks.length);
      }),
    );
  });

  it('split gives a tuple for a literal count, so destructuring needs no check', () => {
    expectTypeOf(split(key(0))).toEqualTypeOf<[Key, Key]>();
    expectTypeOf(split(key(0), 3)).toEqualTypeOf<[Key, Key, Key]>();
    expectTypeOf(split(key(0), 0)).toEqualTypeOf<[]>();
    const n: number = 5;
    expectTypeOf(split(key(0), n)).toEqualTypeOf<Key[]>();
    expectTypeOf(split(key(0), 100)).toEqualTypeOf<Key[]>();
    expectTypeOf(split(key(0), 1.5)).toEqualTypeOf<Key[]>();
    expect(split(key(0), 3)).toHaveLength(3);
    expect(split(key(0), n)).toHaveLength(5);
  });

  it('keep both 32-bit halves of a seed', () => {
    expect(key(2 ** 32 + 5)).toEqual([1, 5]);
    expect(key(2 ** 32 + 5)).not.toEqual(key(5));
  });

  it('round-trip through their stored words (keyFromWords), high word included', () => {
    fc.assert(fc.property(seed, fc.nat(9), (s, i) => {
      const k = foldIn(key(s), i);
      expect(keyFromWords(k[0], k[1])).toEqual(k);
    }));
    expect(() => keyFromWords(-1, 0)).toThrow(/unsigned 32-bit integers, got \[-1, 0\]/);
    expect(() => keyFromWords(0, 2 ** 32)).toThrow(/unsigned 32-bit/);
    expect(() => keyFromWords(0.5, 0)).toThrow(/unsigned 32-bit/);
  });

  it('refuse a seed that is not a safe integer', () => {
    expect(() => key(0.5)).toThrow(/safe integer, got 0.5/);
    expect(() => key(Number.NaN)).toThrow(/safe integer/);
  });

  // Runs and checkpoints of earlier versions were seeded with these streams: they must never change.
  it('keep the values earlier runs were seeded with', () => {
    expect(split(key(0))).toEqual([
      [1797259609, 2579123966],
      [928981903, 3453687069],
    ]);
    expect(permutation(key(0), 8)).toEqual([4, 1, 3, 0, 2, 7, 6, 5]);
    expect(seedOf(key(0))).toBe(1688610540);
    expect(randomInt(key(42), 0, 1000)).toBe(391);
  });
});

describe('draws', () => {
  it('uniform lies in [0, 1) and randomInt in [lo, hi]', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (s, lo, width) => {
        const u = uniform(key(s));
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThan(1);
        const r = randomInt(key(s), lo, lo + width);
        expect(r).toBeGreaterThanOrEqual(lo);
        expect(r).toBeLessThanOrEqual(lo + width);
        expect(Number.isInteger(r)).toBe(true);
      }),
    );
  });

  it('randomInt refuses an empty or fractional range', () => {
    expect(() => randomInt(key(0), 3, 2)).toThrow(/lo <= hi, got \[3, 2\]/);
    expect(() => randomInt(key(0), 0, 1.5)).toThrow(/integers/);
  });

  it('permutation is a permutation of 0 … n-1', () => {
    fc.assert(
      fc.property(seed, fc.nat(200), (s, n) => {
        const p = permutation(key(s), n);
        expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });
});
