import type * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { invalidInput, type DatasetError } from '../errors/dataset-error';
import { reportErrors } from './report';

/**
 * Decodes an external input with an io-ts codec, turning failures into an `InvalidInput` {@link DatasetError}
 * named after `what`.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { decodeInput } from '@pix2pix-ts/datasets';
 * decodeInput(t.string, 'PIX2PIX_DATA')(42);
 * // Left({ _tag: 'InvalidInput', message: 'invalid PIX2PIX_DATA: expected string, got 42', ... })
 * ```
 */
export const decodeInput =
  <A, O>(codec: t.Type<A, O, unknown>, what: string) =>
  (input: unknown): E.Either<DatasetError, A> =>
    pipe(
      codec.decode(input),
      E.mapLeft((errors) => invalidInput(what, reportErrors(errors))),
    );
