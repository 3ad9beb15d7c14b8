import { threefry2x32 } from './threefry';

declare const keyBrand: unique symbol;

/**
 * A splittable random key: two unsigned 32-bit words, immutable. Every random decision in the project
 * (weight init, dropout masks, data order, crops, flips) is a pure function of a key, so a seed fixes
 * a whole run and independent uses never share a stream.
 */
export type Key = readonly [number, number] & { readonly [keyBrand]: true };

const asKey = (a: number, b: number): Key => [a >>> 0, b >>> 0] as unknown as Key;

/**
 * Makes a key from an integer seed (any safe integer; the high and low 32 bits both count).
 *
 * @example
 * ```ts
 * import { key, split } from '@pix2pix-ts/layers';
 * const [initKey, dataKey] = split(key(0));
 * ```
 */
export function key(seed: number): Key {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`key: seed must be a safe integer, got ${seed}`);
  const hi = Math.floor(seed / 2 ** 32);
  return asKey(hi, seed >>> 0);
}

/** Derives `n` independent keys from `k` (default 2). Same input, same output. */
export function split(k: Key, n = 2): Key[] {
  const out: Key[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = threefry2x32(k[0], k[1], 0, i);
    out.push(asKey(a, b));
  }
  return out;
}

/** Derives a key from `k` and an integer tag, e.g. a step or a layer index. */
export function foldIn(k: Key, data: number): Key {
  const [a, b] = threefry2x32(k[0], k[1], 1, data >>> 0);
  return asKey(a, b);
}

/** One unsigned 32-bit value, a pure function of the key. */
export function randomUint32(k: Key): number {
  return threefry2x32(k[0], k[1], 2, 0)[0];
}

/** A 31-bit non-negative integer seed for tfjs's seeded ops (`tf.randomNormal(…, seed)`). */
export function seedOf(k: Key): number {
  return randomUint32(k) & 0x7fffffff;
}

/** A float uniform in [0, 1) with 32 bits of resolution. */
export function uniform(k: Key): number {
  return randomUint32(k) / 2 ** 32;
}

/** An integer uniform in [lo, hi] (both inclusive). Uses 53 random bits so the bias is negligible. */
export function randomInt(k: Key, lo: number, hi: number): number {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
    throw new RangeError(`randomInt: need integers lo <= hi, got [${lo}, ${hi}]`);
  }
  const [a, b] = threefry2x32(k[0], k[1], 3, 0);
  const u = ((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992; // 53-bit uniform in [0, 1)
  return lo + Math.floor(u * (hi - lo + 1));
}

/** A uniformly random permutation of `0 … n-1` (Fisher–Yates driven by per-position keys). */
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
