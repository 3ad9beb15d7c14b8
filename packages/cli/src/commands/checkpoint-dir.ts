import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { usageError, type CliError } from '../cli/cli-error';

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
