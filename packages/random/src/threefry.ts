/**
 * Threefry-2x32 (20 rounds), the counter-based block cipher jax uses for its PRNG
 * (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011).
 *
 * A counter-based generator is what makes keys *splittable*: a key is a cipher key, and every random
 * value is the encryption of a counter, so deriving independent streams needs no shared mutable state.
 */

const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;
const PARITY = 0x1bd11bda;

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;

/**
 * Encrypts the counter pair `(c0, c1)` under the key `(k0, k1)`; every argument and both results are
 * unsigned 32-bit integers.
 *
 * @example
 * ```ts
 * import { threefry2x32 } from '@pix2pix-ts/random';
 * const [a, b] = threefry2x32(0, 42, 0, 0);
 * ```
 */
export function threefry2x32(k0: number, k1: number, c0: number, c1: number): readonly [number, number] {
  const ks = [k0 >>> 0, k1 >>> 0, (PARITY ^ k0 ^ k1) >>> 0] as const;
  let x0 = (c0 + ks[0]) >>> 0;
  let x1 = (c1 + ks[1]) >>> 0;
  for (let block = 0; block < 5; block++) {
    for (let i = 0; i < 4; i++) {
      // Each block of 4 rounds uses one half of the rotation table.
      const r = ROTATIONS[(block % 2) * 4 + i] as number;
      x0 = (x0 + x1) >>> 0;
      x1 = rotl(x1, r) ^ x0;
    }
    const inject = block + 1;
    x0 = (x0 + ks[inject % 3]!) >>> 0; // index is mod 3 of a length-3 tuple: always defined
    x1 = (x1 + ks[(inject + 1) % 3]! + inject) >>> 0; // same
  }
  return [x0 >>> 0, x1 >>> 0];
}
