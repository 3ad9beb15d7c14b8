import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';

/**
 * Decodes an external value with an io-ts codec; a failure is an `Error` whose message says what was
 * being decoded and every path that did not fit.
 *
 * @param what a name for the value in error messages, e.g. `'trainer config'`
 * @returns `Right` of the decoded value, or `Left` of an `Error`
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { decodeWith } from '@pix2pix-ts/browser';
 *
 * decodeWith(t.number, 'a step count')('3'); // Left(Error('a step count: Invalid value "3" supplied to : number'))
 * ```
 */
export const decodeWith =
  <A, O>(codec: t.Type<A, O, unknown>, what: string) =>
  (value: unknown): E.Either<Error, A> =>
    pipe(
      codec.decode(value),
      E.mapLeft((errors) => new Error(`${what}: ${PathReporter.report(E.left(errors)).join('; ')}`)),
    );
