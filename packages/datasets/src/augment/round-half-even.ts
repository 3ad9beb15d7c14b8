/**
 * Python 3's `round(v)`: to the nearest integer, ties to the even one (`round(2.5) == 2`, `round(1.5) == 2`).
 * Needed to size images exactly as the official `__make_power_2` does.
 *
 * @example
 * ```ts
 * import { roundHalfEven } from '@pix2pix-ts/datasets';
 * [roundHalfEven(2.5), roundHalfEven(3.5), roundHalfEven(2.25)]; // [2, 4, 2]
 * ```
 */
export const roundHalfEven = (v: number): number => {
  const f = Math.floor(v);
  const d = v - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
};
