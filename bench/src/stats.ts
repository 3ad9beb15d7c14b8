/**
 * Summary statistics of timings.
 * @packageDocumentation
 */

/** Median, min and max of a sample, with the sample itself (milliseconds). */
export interface Timing {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
  readonly samples: readonly number[];
}

/**
 * Summarises samples; the median of an even count is the mean of the middle two.
 *
 * @example
 * ```ts
 * summarize([3, 1, 2]); // { median: 2, min: 1, max: 3, runs: 3, samples: [3, 1, 2] }
 * ```
 */
export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((x, y) => x - y);
  const n = sorted.length;
  const at = (i: number): number => sorted[i] ?? Number.NaN;
  const median = n === 0 ? Number.NaN : n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return { median, min: at(0), max: at(n - 1), runs: n, samples: [...samples] };
}

/** GFLOP/s of `flops` done in `ms` milliseconds. */
export const gflops = (flops: number, ms: number): number => flops / ms / 1e6;
