import * as t from 'io-ts';

// Object.fromEntries loses the key types; the entries are exactly `words`, so the record type is right.
/** An io-ts codec of one of `words`, named `name` in errors. */
export const keys = <const W extends readonly string[]>(words: W, name: string): t.KeyofC<{ [K in W[number]]: null }> =>
  t.keyof(Object.fromEntries(words.map((w) => [w, null])) as { [K in W[number]]: null }, name);

/** A safe integer >= 1. */
export const PositiveInt = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1, 'PositiveInt');
/** A safe integer >= 0. */
export const NonNegativeInt = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'NonNegativeInt');
/** A finite number. */
export const Finite = t.refinement(t.number, (n) => Number.isFinite(n), 'Finite');
