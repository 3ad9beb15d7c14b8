import * as t from 'io-ts';

/**
 * An integer codec with inclusive bounds; its name reads well in error messages ("an integer >= 1").
 *
 * @example
 * ```ts
 * import { intCodec } from '@pix2pix-ts/datasets';
 * import { isRight } from 'fp-ts/Either';
 * isRight(intCodec(1).decode(256)); // true
 * isRight(intCodec(1).decode(0.5)); // false
 * ```
 */
export const intCodec = (min: number, max: number = Number.MAX_SAFE_INTEGER): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`,
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max,
    (u, c) =>
      typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max ? t.success(u) : t.failure(u, c),
    t.identity,
  );

/**
 * A non-empty string (paths, URLs).
 *
 * @example
 * ```ts
 * import { NonEmptyString } from '@pix2pix-ts/datasets';
 * NonEmptyString.is(''); // false
 * ```
 */
export const NonEmptyString = new t.Type<string, string, unknown>(
  'a non-empty string',
  (u): u is string => typeof u === 'string' && u.length > 0,
  (u, c) => (typeof u === 'string' && u.length > 0 ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/**
 * A lowercase or uppercase 64-hex-digit SHA-256, normalised to lowercase.
 *
 * @example
 * ```ts
 * import { Sha256Hex } from '@pix2pix-ts/datasets';
 * Sha256Hex.decode('AB'.repeat(32)); // Right('ab'.repeat(32))
 * ```
 */
export const Sha256Hex = new t.Type<string, string, unknown>(
  'a SHA-256 as 64 hex digits',
  (u): u is string => typeof u === 'string' && /^[0-9a-f]{64}$/.test(u),
  (u, c) => (typeof u === 'string' && /^[0-9a-fA-F]{64}$/.test(u) ? t.success(u.toLowerCase()) : t.failure(u, c)),
  t.identity,
);

/**
 * An object codec with `required` and `optional` fields that refuses keys it does not know, so a typo such as
 * `cropsize` is an error instead of a silently ignored option.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { closedStruct } from '@pix2pix-ts/datasets';
 * import { isLeft } from 'fp-ts/Either';
 * const C = closedStruct({ root: t.string }, { size: t.number }, 'options');
 * isLeft(C.decode({ root: '/data', sise: 3 })); // true: unknown key "sise"
 * ```
 */
export const closedStruct = <R extends t.Props, O extends t.Props>(
  required: R,
  optional: O,
  name: string,
): t.Type<
  { [K in keyof R]: t.TypeOf<R[K]> } & { [K in keyof O]?: t.TypeOf<O[K]> },
  { [K in keyof R]: t.OutputOf<R[K]> } & { [K in keyof O]?: t.OutputOf<O[K]> },
  unknown
> => {
  const req = t.type(required);
  const opt = t.partial(optional);
  const known = [...Object.keys(required), ...Object.keys(optional)];
  type A = { [K in keyof R]: t.TypeOf<R[K]> } & { [K in keyof O]?: t.TypeOf<O[K]> };
  type Out = { [K in keyof R]: t.OutputOf<R[K]> } & { [K in keyof O]?: t.OutputOf<O[K]> };
  return new t.Type<A, Out, unknown>(
    name,
    (u): u is A => req.is(u) && opt.is(u),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, `expected ${name} as an object`);
      const unknown = Object.keys(u).filter((k) => !known.includes(k));
      if (unknown.length > 0) {
        return t.failure(
          u,
          c,
          `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (known: ${known.join(', ')})`,
        );
      }
      // Validated side by side (not with t.intersection) so error paths read "cropSize", not "1.cropSize".
      const r = req.validate(u, c);
      const o = opt.validate(u, c);
      if (r._tag === 'Left' || o._tag === 'Left') return t.failures([...(r._tag === 'Left' ? r.left : []), ...(o._tag === 'Left' ? o.left : [])]);
      const merged: A = { ...o.right, ...r.right };
      return t.success(merged);
    },
    (a) => {
      const out: Out = { ...opt.encode(a), ...req.encode(a) };
      return out;
    },
  );
};

/**
 * {@link closedStruct} with optional fields only.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { closedPartial } from '@pix2pix-ts/datasets';
 * closedPartial({ size: t.number }, 'options').is({}); // true
 * ```
 */
export const closedPartial = <O extends t.Props>(optional: O, name: string) => closedStruct({}, optional, name);
