import type * as TE from 'fp-ts/TaskEither';
import type { CliError } from './cli-error';

/**
 * A command's failure carried through `await` code: {@link must} throws it, and the command's outer
 * `TE.tryCatch` turns it back into its {@link CliError}. Lets a long command read top to bottom while every
 * effect stays a `TaskEither`.
 */
export class Stop {
  constructor(readonly error: CliError) {}
}

/**
 * Runs a TaskEither: its value, or a thrown {@link Stop} with its error.
 *
 * @example
 * ```ts
 * import * as TE from 'fp-ts/TaskEither';
 * import { must } from '@pix2pix-ts/cli/node';
 * const n = await must(TE.right(3)); // 3
 * ```
 */
export const must = async <A>(te: TE.TaskEither<CliError, A>): Promise<A> => {
  const r = await te();
  if (r._tag === 'Left') throw new Stop(r.left);
  return r.right;
};
