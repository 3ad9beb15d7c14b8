import type * as t from 'io-ts';

const show = (value: unknown): string => {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(value);
  }
};

/**
 * Turns io-ts validation errors into one readable line each: `path: expected TYPE, got VALUE` (or the codec's own
 * message), deduplicated.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { reportErrors } from '@pix2pix-ts/datasets';
 * const r = t.type({ cropSize: t.number }).decode({ cropSize: 'big' });
 * if (r._tag === 'Left') reportErrors(r.left); // ['cropSize: expected number, got "big"']
 * ```
 */
export const reportErrors = (errors: t.Errors): string[] => {
  const lines = errors.map((e) => {
    const path = e.context
      .map((c) => c.key)
      .filter((k) => k !== '')
      .join('.');
    const last = e.context[e.context.length - 1];
    const what = e.message ?? `expected ${last === undefined ? 'a valid value' : last.type.name}, got ${show(e.value)}`;
    return path === '' ? what : `${path}: ${what}`;
  });
  return [...new Set(lines)];
};
