import * as t from 'io-ts';

const NON_FINITE: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/**
 * A number that survives JSON whatever its value: finite numbers as themselves, NaN and ±Infinity (a diverged
 * step's losses) as the strings `"NaN"`, `"Infinity"`, `"-Infinity"` (JSON has no such numbers and
 * `JSON.stringify` would write `null`). Decodes both forms; encode before writing.
 *
 * @example
 * ```ts
 * import { LossNumber } from '@pix2pix-ts/cli';
 * LossNumber.encode(Number.NaN); // 'NaN'
 * LossNumber.decode('Infinity'); // Right(Infinity)
 * ```
 */
export const LossNumber = new t.Type<number, number | string, unknown>(
  'LossNumber',
  (u): u is number => typeof u === 'number',
  (u, c) => {
    if (typeof u === 'number') return t.success(u);
    if (typeof u === 'string') {
      const v = NON_FINITE[u];
      if (v !== undefined) return t.success(v);
    }
    return t.failure(u, c, 'a number, or "NaN", "Infinity", "-Infinity"');
  },
  (n) => (Number.isFinite(n) ? n : String(n)),
);
