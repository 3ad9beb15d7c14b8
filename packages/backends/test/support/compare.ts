/**
 * The tolerance every cpu-vs-wasm comparison in this suite uses, numpy's `allclose` with a
 * scale-aware absolute floor:
 *
 *   a ≈ b  iff  |aᵢ − bᵢ| ≤ rtol · (|bᵢ| + max(1, ‖b‖∞))  for every i,   rtol = 1e-5.
 *
 * The relative part covers entries of ordinary size; the floor covers entries that are sums
 * cancelling to near zero, whose float32 rounding error scales with the size of the terms (≈ the
 * tensor's largest entry), not with the tiny result.
 */
export const RTOL = 1e-5;

/** The error {@link RTOL} bounds: maxᵢ |aᵢ − bᵢ| / (|bᵢ| + max(1, ‖b‖∞)). */
export function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i] ?? 0));
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? Number.NaN;
    const y = b[i] ?? Number.NaN;
    const e = Math.abs(x - y) / (Math.abs(y) + scale);
    worst = Number.isNaN(e) ? Number.POSITIVE_INFINITY : Math.max(worst, e);
  }
  return worst;
}

/** Deterministic values in [-1, 1) from a seed (mulberry32), so both backends see the same data. */
export function uniform(seed: number, n: number): number[] {
  let s = seed >>> 0;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

/** The product of a shape's dims. */
export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
