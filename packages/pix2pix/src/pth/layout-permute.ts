/**
 * The axis permutation between PyTorch's and tfjs's filter layouts. A conv's `[out, in, kh, kw]` becomes
 * tfjs's `[kh, kw, in, out]` and a transposed conv's `[in, out, kh, kw]` becomes `[kh, kw, out, in]`: both
 * are the permutation `[2, 3, 1, 0]`, and the way back (`[3, 2, 0, 1]`) is its inverse. Done on plain
 * arrays (no tfjs kernel), so a 200 MB checkpoint converts in one pass on any backend.
 */
export function toTfjsFilter(values: Float32Array, shape: readonly number[]): { readonly values: Float32Array; readonly shape: readonly number[] } {
  const [a, b, c, d] = dims4(shape);
  const out = new Float32Array(values.length);
  // in[i, j, k, l] (i < a, j < b, k < c, l < d) -> out[k, l, j, i]
  let src = 0;
  for (let i = 0; i < a; i++) {
    for (let j = 0; j < b; j++) {
      for (let k = 0; k < c; k++) {
        for (let l = 0; l < d; l++) out[((k * d + l) * b + j) * a + i] = values[src++] as number;
      }
    }
  }
  return { values: out, shape: [c, d, b, a] };
}

/** The inverse of {@link toTfjsFilter}: tfjs `[kh, kw, x, y]` -> PyTorch `[y, x, kh, kw]`. */
export function fromTfjsFilter(values: Float32Array | Int32Array | Uint8Array, shape: readonly number[]): { readonly values: Float32Array; readonly shape: readonly number[] } {
  const [c, d, b, a] = dims4(shape);
  const out = new Float32Array(values.length);
  let src = 0;
  for (let k = 0; k < c; k++) {
    for (let l = 0; l < d; l++) {
      for (let j = 0; j < b; j++) {
        for (let i = 0; i < a; i++) out[((i * b + j) * c + k) * d + l] = values[src++] as number;
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
