import * as t from 'io-ts';

/**
 * io-ts codecs that decode a command-line value (always a string, or `true` for a bare flag) into a typed
 * value. Each codec's `name` reads as the noun of an error message: `--ngf: expected a positive integer, got
 * "abc"`.
 */

/** What the tokenizer gives for one option: the text after it, or `true` for a bare flag. */
export type RawValue = string | true;

const fail = (u: unknown, c: t.Context): t.Validation<never> => t.failure(u, c);

/**
 * An integer within `[min, max]`, written in decimal.
 *
 * @example
 * ```ts
 * import { intFromString } from '@pix2pix-ts/cli';
 * intFromString(1).decode('64'); // Right(64)
 * intFromString(1).decode('abc'); // Left: expected a positive integer
 * ```
 */
export const intFromString = (min: number, max: number = Number.MAX_SAFE_INTEGER, name?: string): t.Type<number, string, unknown> =>
  new t.Type<number, string, unknown>(
    name ?? (min === 1 && max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`),
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max,
    (u, c) => {
      if (typeof u !== 'string' || !/^[+-]?\d+$/.test(u.trim())) return fail(u, c);
      const n = Number(u.trim());
      return Number.isSafeInteger(n) && n >= min && n <= max ? t.success(n) : fail(u, c);
    },
    String,
  );

/** A positive integer (`--ngf 64`). */
export const PositiveInt = intFromString(1);
/** A non-negative integer (`--seed 0`, `--n_epochs_decay 0`). */
export const NonNegativeInt = intFromString(0, Number.MAX_SAFE_INTEGER, 'a non-negative integer');

/**
 * A finite number within `(min, max]` or `[min, max]` (`--lr 2e-4`).
 *
 * @example
 * ```ts
 * import { numberFromString } from '@pix2pix-ts/cli';
 * numberFromString('a positive number', (x) => x > 0).decode('2e-4'); // Right(0.0002)
 * ```
 */
export const numberFromString = (name: string, ok: (x: number) => boolean): t.Type<number, string, unknown> =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isFinite(u) && ok(u),
    (u, c) => {
      if (typeof u !== 'string' || u.trim() === '') return fail(u, c);
      const x = Number(u.trim());
      return Number.isFinite(x) && ok(x) ? t.success(x) : fail(u, c);
    },
    String,
  );

/** A number > 0 (`--lr`, `--time_limit`). */
export const PositiveNumber = numberFromString('a positive number', (x) => x > 0);
/** A number >= 0 (`--lambda_L1`). */
export const NonNegativeNumber = numberFromString('a non-negative number', (x) => x >= 0);
/** A number in [0, 1) (`--beta1`). */
export const UnitInterval = numberFromString('a number in [0, 1)', (x) => x >= 0 && x < 1);

/**
 * One of a fixed set of words (`--norm batch|instance|none`).
 *
 * @example
 * ```ts
 * import { oneOf } from '@pix2pix-ts/cli';
 * oneOf(['batch', 'instance', 'none'] as const).decode('batch'); // Right('batch')
 * ```
 */
export const oneOf = <const W extends readonly string[]>(words: W): t.Type<W[number], string, unknown> =>
  new t.Type<W[number], string, unknown>(
    `one of ${words.join('|')}`,
    (u): u is W[number] => typeof u === 'string' && words.includes(u),
    // `includes` does not narrow; u is one of `words` here.
    (u, c) => (typeof u === 'string' && words.includes(u) ? t.success(u as W[number]) : fail(u, c)),
    String,
  );

/** A non-empty value (a path, a name). */
export const NonEmpty = new t.Type<string, string, unknown>(
  'a non-empty value',
  (u): u is string => typeof u === 'string' && u.length > 0,
  (u, c) => (typeof u === 'string' && u.trim().length > 0 ? t.success(u) : fail(u, c)),
  String,
);

/** A run or file name: letters, digits, `._-` only (it becomes part of a folder name). */
export const SafeName = new t.Type<string, string, unknown>(
  'a name of letters, digits, . _ -',
  (u): u is string => typeof u === 'string' && /^[A-Za-z0-9._-]+$/.test(u),
  (u, c) => (typeof u === 'string' && /^[A-Za-z0-9._-]+$/.test(u) && u !== '.' && u !== '..' ? t.success(u) : fail(u, c)),
  String,
);

/**
 * A boolean flag: bare (`--no_flip`) is true; `--no_flip=true|false|1|0|yes|no` is explicit.
 *
 * @example
 * ```ts
 * import { Flag } from '@pix2pix-ts/cli';
 * Flag.decode(true); // Right(true)
 * Flag.decode('false'); // Right(false)
 * ```
 */
export const Flag = new t.Type<boolean, string, unknown>(
  'a flag (no value, or true/false)',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => {
    if (u === true) return t.success(true);
    if (typeof u !== 'string') return fail(u, c);
    const s = u.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(s)) return t.success(true);
    if (['false', '0', 'no', 'off'].includes(s)) return t.success(false);
    return fail(u, c);
  },
  String,
);
