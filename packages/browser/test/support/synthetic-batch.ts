/** Deterministic values in [-1, 1) from a seed (mulberry32): the same data for every backend. */
export function uniform(seed: number, n: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

/**
 * Batch `i` of a learnable synthetic pair, NHWC `[1, size, size, 3]`: A uniform, B = tanh(1.5·A
 * mirrored left-right), as plain arrays (what Node sends to the page).
 */
export function syntheticBatch(i: number, size = 32): { readonly a: Float32Array; readonly b: Float32Array; readonly shape: readonly [1, number, number, 3] } {
  const a = uniform(1000 + i, size * size * 3);
  const b = new Float32Array(a.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) b[(y * size + x) * 3 + c] = Math.tanh(1.5 * (a[(y * size + (size - 1 - x)) * 3 + c] ?? 0));
    }
  }
  return { a, b, shape: [1, size, size, 3] };
}
