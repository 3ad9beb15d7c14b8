import { threefry2x32 } from './threefry';

declare const keyBrand: unique symbol;

/**
 * A splittable random key: two unsigned 32-bit words, immutable. Every random decision in the project
 * (weight init, dropout masks, data order, crops, flips) is a pure function of a key, so a seed fixes
 * a whole run and independent uses never share a stream.
 *
 * @example
 * ```ts
 * import { foldIn, key, type Key } from '@pix2pix-ts/random';
 * const epochKey = (seed: number, epoch: number): Key => foldIn(key(seed), epoch);
 * ```
 */
export type Key = readonly [number, number] & { readonly [keyBrand]: true };

// The brand exists only in the type: a key is a plain pair at run time.
const asKey = (a: number, b: number): Key => [a >>> 0, b >>> 0] as const as Key;

/**
 * Makes a key from an integer seed (any safe integer; the high and low 32 bits both count).
 *
 * @example
 * ```ts
 * import { key, split } from '@pix2pix-ts/random';
 * const [initKey, dataKey] = split(key(0));
 * ```
 */
export function key(seed: number): Key {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`key: seed must be a safe integer, got ${seed}`);
  const hi = Math.floor(seed / 2 ** 32);
  return asKey(hi, seed >>> 0);
}

/**
 * A key from its two stored 32-bit words (`[k[0], k[1]]`, as a checkpoint writes it): the inverse of reading
 * them, for keys whose high word makes them no safe-integer seed.
 *
 * @throws RangeError when a word is not an integer in [0, 2^32)
 *
 * @example
 * ```ts
 * import { key, keyFromWords } from '@pix2pix-ts/random';
 * const k = key(7);
 * keyFromWords(k[0], k[1]); // the same key: [0, 7]
 * ```
 */
export function keyFromWords(hi: number, lo: number): Key {
  const isWord = (w: number): boolean => Number.isInteger(w) && w >= 0 && w < 2 ** 32;
  if (!isWord(hi) || !isWord(lo)) throw new RangeError(`keyFromWords: need two unsigned 32-bit integers, got [${hi}, ${lo}]`);
  return asKey(hi, lo);
}

type KeyTuple<N extends number, Acc extends Key[]> = Acc['length'] extends N
  ? Acc
  : Acc['length'] extends 64
    ? Key[]
    : KeyTuple<N, [...Acc, Key]>;

/**
 * What `split(k, n)` returns: a tuple of `n` keys when `n` is a literal below 64 (so `const [a, b] = split(k)`
 * needs no check under `noUncheckedIndexedAccess`), else `Key[]`.
 *
 * @example
 * ```ts
 * import type { Key, Keys } from '@pix2pix-ts/random';
 * const three: Keys<3> extends readonly [Key, Key, Key] ? true : false = true;
 * ```
 */
export type Keys<N extends number> = number extends N ? Key[] : `${N}` extends `-${string}` | `${string}.${string}` ? Key[] : KeyTuple<N, []>;

/**
 * Derives `n` independent keys from `k` (default 2). Same input, same output.
 *
 * @example
 * ```ts
 * import { key, split } from '@pix2pix-ts/random';
 * const [a, b, c] = split(key(7), 3); // [Key, Key, Key]
 * ```
 */
export function split<const N extends number = 2>(k: Key, n?: N): Keys<N> {
  const count = n ?? 2;
  const out: Key[] = [];
  for (let i = 0; i < count; i++) {
    const [a, b] = threefry2x32(k[0], k[1], 0, i);
    out.push(asKey(a, b));
  }
  // `out` has exactly `count` keys: the length the tuple type states.
  return out as Keys<N>;
}

/**
 * Derives a key from `k` and an integer tag, e.g. a step or a layer index.
 *
 * @example
 * ```ts
 * import { foldIn, key } from '@pix2pix-ts/random';
 * const stepKey = foldIn(key(0), 1200); // the key of step 1200
 * ```
 */
export function foldIn(k: Key, data: number): Key {
  const [a, b] = threefry2x32(k[0], k[1], 1, data >>> 0);
  return asKey(a, b);
}

/**
 * One unsigned 32-bit value, a pure function of the key.
 *
 * @example
 * ```ts
 * import { key, randomUint32 } from '@pix2pix-ts/random';
 * const u = randomUint32(key(0)); // 0 ≤ u < 2^32, the same on every run
 * ```
 */
export function randomUint32(k: Key): number {
  return threefry2x32(k[0], k[1], 2, 0)[0];
}

/**
 * A 31-bit non-negative integer seed for tfjs's seeded ops (`tf.randomNormal(…, seed)`).
 *
 * @example
 * ```ts
 * import { key, seedOf } from '@pix2pix-ts/random';
 * const seed = seedOf(key(3)); // 0 ≤ seed < 2^31
 * ```
 */
export function seedOf(k: Key): number {
  return randomUint32(k) & 0x7fffffff;
}

/**
 * A float uniform in [0, 1) with 32 bits of resolution.
 *
 * @example
 * ```ts
 * import { foldIn, key, uniform } from '@pix2pix-ts/random';
 * const flip = uniform(foldIn(key(0), 5)) < 0.5;
 * ```
 */
export function uniform(k: Key): number {
  return randomUint32(k) / 2 ** 32;
}

/**
 * An integer uniform in [lo, hi] (both inclusive). Uses 53 random bits so the bias is negligible.
 *
 * @example
 * ```ts
 * import { key, randomInt } from '@pix2pix-ts/random';
 * const offset = randomInt(key(1), 0, 30); // a crop offset in 0 … 30
 * ```
 */
export function randomInt(k: Key, lo: number, hi: number): number {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
    throw new RangeError(`randomInt: need integers lo <= hi, got [${lo}, ${hi}]`);
  }
  const [a, b] = threefry2x32(k[0], k[1], 3, 0);
  const u = ((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992; // 53-bit uniform in [0, 1)
  return lo + Math.floor(u * (hi - lo + 1));
}

/**
 * A uniformly random permutation of `0 … n-1` (Fisher–Yates driven by per-position keys).
 *
 * @example
 * ```ts
 * import { key, permutation } from '@pix2pix-ts/random';
 * const order = permutation(key(0), 400); // the shuffled sample order of one epoch
 * ```
 */
export function permutation(k: Key, n: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(foldIn(k, i), 0, i);
    const t = out[i] as number;
    out[i] = out[j] as number;
    out[j] = t;
  }
  return out;
}
