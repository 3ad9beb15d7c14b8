import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { progressReporter } from '@pix2pix-ts/datasets/node';
import type { CliEnv } from '../cli/cli-env';
import { usageError, type CliError } from '../cli/cli-error';
import { fetchPretrained } from '../pretrained/fetch-pretrained';

/**
 * The checkpoint folder a command reads: `--checkpoint DIR`, or `--run DIR` (its `checkpoints/latest`). Exactly
 * one must be given.
 *
 * @example
 * ```ts
 * import { checkpointDirOf } from '@pix2pix-ts/cli/node';
 * checkpointDirOf({ run: 'runs/x' }); // Right('runs/x/checkpoints/latest')
 * ```
 */
export function checkpointDirOf(o: { readonly checkpoint?: string; readonly run?: string }): E.Either<CliError, string> {
  if (o.checkpoint !== undefined && o.run !== undefined) return E.left(usageError('--checkpoint and --run: give one of them, not both'));
  if (o.checkpoint !== undefined) return E.right(o.checkpoint);
  if (o.run !== undefined) return E.right(join(o.run, 'checkpoints', 'latest'));
  return E.left(usageError('--checkpoint DIR (a checkpoint folder) or --run DIR (a run folder): required'));
}

/**
 * The checkpoint a command reads, `--pretrained NAME` included: that official pretrained model is fetched into
 * the cache (or found there), validated, and its `.pth` path used as the checkpoint; the log says where it is.
 * Otherwise {@link checkpointDirOf}.
 *
 * @example
 * ```ts
 * // not run: downloads from the network (the tests serve fixture archives on 127.0.0.1 instead)
 * import { checkpointSourceOf } from '@pix2pix-ts/cli/node';
 * // await checkpointSourceOf({ pretrained: 'facades_label2photo' }, env)(); // Right('~/.cache/pix2pix-ts/pretrained/facades_label2photo.pth')
 * ```
 */
export function checkpointSourceOf(
  o: { readonly checkpoint?: string; readonly run?: string; readonly pretrained?: string },
  env: CliEnv,
): TE.TaskEither<CliError, string> {
  if (o.pretrained === undefined) return TE.fromEither(checkpointDirOf(o));
  if (o.checkpoint !== undefined || o.run !== undefined) return TE.left(usageError('--pretrained and --checkpoint/--run: give one of them'));
  return pipe(
    fetchPretrained(o.pretrained, {
      onProgress: progressReporter('auto', { isTTY: env.stdout.isTTY, write: env.stderr }),
      onNote: (line) => env.stdout.write(`${line}\n`),
    }),
    TE.map((fetched) => fetched.path),
  );
}
