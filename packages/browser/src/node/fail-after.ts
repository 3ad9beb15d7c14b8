import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';

/**
 * Runs a clean-up task, then fails with `error` whatever the clean-up did: how a pipeline undoes
 * what it started when a later stage fails, without the clean-up's own error hiding the cause.
 *
 * @example
 * ```ts
 * import * as TE from 'fp-ts/TaskEither';
 * import { failAfter } from '@pix2pix-ts/browser/node';
 * const t = failAfter(TE.right(undefined), new Error('launch failed')); // Left(Error('launch failed'))
 * ```
 */
export function failAfter<A>(cleanup: TE.TaskEither<Error, void>, error: Error): TE.TaskEither<Error, A> {
  return pipe(
    cleanup,
    TE.fold(
      () => TE.left<Error, A>(error),
      () => TE.left<Error, A>(error),
    ),
  );
}
