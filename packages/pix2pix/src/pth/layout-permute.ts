/** Rows of the permuted axis handled together, so reads and writes both stay within a few cache lines. */
const TILE = 16;

/**
 * The axis permutation between PyTorch's and tfjs's filter layouts. A conv's `[out, in, kh, kw]` becomes
 * tfjs's `[kh, kw, in, out]` and a transposed conv's `[in, out, kh, kw]` becomes `[kh, kw, out, in]`: both
 * are the permutation `[2, 3, 1, 0]`, and the way back (`[3, 2, 0, 1]`) is its inverse. Done on plain
 * arrays (no tfjs kernel), tiled like a matrix transpose, so a 200 MB checkpoint converts in one pass on any backend.
 */
export function toTfjsFilter(values: Float32Array, shape: readonly number[]): { readonly values: Float32Array; readonly shape: readonly number[] } {
  const [a, b, c, d] = dims4(shape);
  const kk = c * d;
  const out = new Float32Array(values.length);
  // in[i, j, k] (k = the kh·kw position) -> out[k, j, i]
  for (let j = 0; j < b; j++) {
    for (let i0 = 0; i0 < a; i0 += TILE) {
      const i1 = Math.min(a, i0 + TILE);
      for (let k = 0; k < kk; k++) {
        const to = (k * b + j) * a;
        for (let i = i0; i < i1; i++) out[to + i] = values[(i * b + j) * kk + k] as number;
      }
    }
  }
  return { values: out, shape: [c, d, b, a] };
}

/** The inverse of {@link toTfjsFilter}: tfjs `[kh, kw, x, y]` -> PyTorch `[y, x, kh, kw]`. */
export function fromTfjsFilter(values: Float32Array | Int32Array | Uint8Array, shape: readonly number[]): { readonly values: Float32Array; readonly shape: readonly number[] } {
  const [c, d, b, a] = dims4(shape);
  const kk = c * d;
  const out = new Float32Array(values.length);
  // in[k, j, i] -> out[i, j, k]
  for (let j = 0; j < b; j++) {
    for (let i0 = 0; i0 < a; i0 += TILE) {
      const i1 = Math.min(a, i0 + TILE);
      for (let k = 0; k < kk; k++) {
        const from = (k * b + j) * a;
        for (let i = i0; i < i1; i++) out[(i * b + j) * kk + k] = values[from + i] as number;
      }
    }
  }
  return { values: out, shape: [a, b, c, d] };
}

function dims4(shape: readonly number[]): readonly [number, number, number, number] {
  const [a, b, c, d] = shape;
  if (shape.length !== 4 || a === undefined || b === undefined || c === undefined || d === undefined) throw new RangeError(`expected a 4-D filter, got [${shape.join(', ')}]`);
  return [a, b, c, d];
}
