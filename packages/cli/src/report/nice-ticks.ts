/**
 * About `count` round tick values covering `[lo, hi]` (steps of 1, 2 or 5 × 10^k).
 *
 * @example
 * ```ts
 * import { niceTicks } from '@pix2pix-ts/cli';
 * niceTicks(0, 9.3, 5); // [0, 2, 4, 6, 8, 10]
 * ```
 */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  // A range too narrow for float steps (or empty) is widened: `start + i·step` must advance.
  if (hi - lo <= Math.max(Math.abs(lo), Math.abs(hi)) * 1e-9) hi = lo + (Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1);
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const start = Math.floor(lo / step) * step;
  const out: number[] = [];
  // By index, not by repeated addition, so rounding errors do not pile up; `count` bounds the loop.
  for (let i = 0; i <= Math.max(1, count) * 10 + 2; i++) {
    const v = start + i * step;
    if (v > hi + step * 0.5) break;
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

/**
 * A tick label: compact (`1.2k`, `0.05`, `1.5e-4`). Small values keep every significant digit of the tick
 * (up to 3), so neighbouring ticks such as 1e-4 and 1.5e-4 never print alike.
 *
 * @example
 * ```ts
 * import { tickLabel } from '@pix2pix-ts/cli';
 * tickLabel(1.5e-4); // '1.5e-4'
 * tickLabel(2500); // '2.5k'
 * ```
 */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000) return `${Number((v / 1000).toPrecision(3))}k`;
  // toExponential() without a digit count prints the shortest exact form of the 3-digit rounding.
  if (a < 0.01) return Number(v.toPrecision(3)).toExponential();
  return String(Number(v.toPrecision(3)));
}
