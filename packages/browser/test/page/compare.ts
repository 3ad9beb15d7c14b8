// Error measures for webgl-vs-cpu and webgl-vs-official comparisons, computed in the page.

/** One comparison: the worst error over a set of tensors, and which tensor it was. */
export interface Agreement {
  /** max |a − b| over all entries. */
  readonly maxAbs: number;
  /** maxᵢ |aᵢ − bᵢ| / (|bᵢ| + max(1, ‖b‖∞)): numpy's allclose with a scale-aware floor (as in @pix2pix-ts/backends). */
  readonly scaled: number;
  /** max |a − b| / ‖b‖∞: error relative to the tensor's own scale (for gradients). */
  readonly relToMax: number;
  /** The tensor with the worst `scaled` error. */
  readonly worst: string;
  readonly tensors: number;
}

/** Errors of one tensor against its reference. */
export function compareArrays(a: ArrayLike<number>, b: ArrayLike<number>): { maxAbs: number; scaled: number; relToMax: number } {
  if (a.length !== b.length) return { maxAbs: Infinity, scaled: Infinity, relToMax: Infinity };
  let bMax = 0;
  for (let i = 0; i < b.length; i++) bMax = Math.max(bMax, Math.abs(b[i] ?? 0));
  const floor = Math.max(1, bMax);
  let maxAbs = 0;
  let scaled = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? Number.NaN;
    const y = b[i] ?? Number.NaN;
    const d = Math.abs(x - y);
    if (Number.isNaN(d)) return { maxAbs: Infinity, scaled: Infinity, relToMax: Infinity };
    maxAbs = Math.max(maxAbs, d);
    scaled = Math.max(scaled, d / (Math.abs(y) + floor));
  }
  return { maxAbs, scaled, relToMax: maxAbs / Math.max(bMax, 1e-30) };
}

/** The worst errors of named tensors against references of the same names. */
export function agreement(got: ReadonlyArray<readonly [string, ArrayLike<number>]>, want: ReadonlyArray<readonly [string, ArrayLike<number>]>): Agreement {
  let maxAbs = 0;
  let scaled = 0;
  let relToMax = 0;
  let worst = '';
  want.forEach(([name, b], i) => {
    const a = got[i]?.[1] ?? [];
    const e = compareArrays(a, b);
    maxAbs = Math.max(maxAbs, e.maxAbs);
    relToMax = Math.max(relToMax, e.relToMax);
    if (e.scaled >= scaled) {
      scaled = e.scaled;
      worst = name;
    }
  });
  return { maxAbs, scaled, relToMax, worst, tensors: want.length };
}

/**
 * Parameters after one Adam step, compared knowing the gradient. Adam's first step moves every
 * weight by ≈ lr·g/(|g| + ε) = ±lr whatever |g| is, so a weight whose gradient is within float32
 * noise of zero (a sum that cancels) moves by ±lr in a direction decided by that noise; two
 * correct implementations then differ by up to 2·lr there. So: weights whose reference gradient is
 * at least `threshold`·max|g| of their tensor ("determined") are compared strictly; the rest are
 * only counted and bounded.
 */
export interface AdamAgreement {
  /** Max |Δ| over the determined weights. */
  readonly determined: number;
  /** Max |Δ| over all weights. */
  readonly all: number;
  /** How many weights had a gradient below the threshold, of how many. */
  readonly undetermined: number;
  readonly total: number;
}

/** See {@link AdamAgreement}. */
export function adamAgreement(
  got: ReadonlyArray<readonly [string, ArrayLike<number>]>,
  want: ReadonlyArray<readonly [string, ArrayLike<number>]>,
  grads: ReadonlyArray<readonly [string, ArrayLike<number>]>,
  threshold = 1e-3,
): AdamAgreement {
  let determined = 0;
  let all = 0;
  let undetermined = 0;
  let total = 0;
  want.forEach(([, b], i) => {
    const a = got[i]?.[1] ?? [];
    const g = grads[i]?.[1] ?? [];
    let gMax = 0;
    for (let j = 0; j < g.length; j++) gMax = Math.max(gMax, Math.abs(g[j] ?? 0));
    for (let j = 0; j < b.length; j++) {
      const d = Math.abs((a[j] ?? Number.NaN) - (b[j] ?? Number.NaN));
      const e = Number.isNaN(d) ? Infinity : d;
      all = Math.max(all, e);
      total++;
      if (Math.abs(g[j] ?? 0) >= threshold * gMax) determined = Math.max(determined, e);
      else undetermined++;
    }
  });
  return { determined, all, undetermined, total };
}
