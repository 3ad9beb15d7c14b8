import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { alignedFolder, photoFolder, synthetic, type DatasetError, type PairSource } from '@pix2pix-ts/datasets/node';
import { inputError, type CliError } from '../cli/cli-error';
import type { DataConfig } from '../config/run-config';
import { photoModeOf } from './photo-mode';

/** A dataset error as a CLI input error (exit 1), its message kept. */
export const fromDatasetError = (e: DatasetError): CliError => inputError(e.message);

const SYNTHETIC_SEEDS = { train: 1, val: 2, test: 3 } as const;
const SYNTHETIC_COUNTS = { train: 64, val: 16, test: 16 } as const;

/**
 * The pairs of one split of a run's data: an aligned folder (`dataroot/phase`, direction applied), the
 * synthetic facades (a different seed per split, drawn at the load size), or for `colorization`, `edges` and
 * `inpaint` the photos of `dataroot/phase` (whole files or one half of AB files: `photoSide`), the mode's pairs
 * made from them as they load.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { buildRunConfig } from '@pix2pix-ts/cli';
 * import { openSource } from '@pix2pix-ts/cli/node';
 * const config = buildRunConfig({ dataset_mode: 'synthetic' }); // no data to read: procedural facades
 * if (E.isRight(config)) {
 *   const source = await openSource(config.right.data, 'test')(); // Right(PairSource), e.g. of 'facades/test' for an aligned folder
 * }
 * ```
 */
export function openSource(data: DataConfig, phase: DataConfig['phase']): TE.TaskEither<CliError, PairSource> {
  if (data.mode === 'synthetic') {
    return TE.fromEither(
      pipe(
        synthetic({ seed: SYNTHETIC_SEEDS[phase], count: SYNTHETIC_COUNTS[phase], size: Math.max(data.loadSize, data.cropSize), direction: data.direction }),
        E.mapLeft(fromDatasetError),
      ),
    );
  }
  if (data.dataroot === null) return TE.left(inputError('no --dataroot given'));
  const mode = photoModeOf(data);
  if (mode !== undefined) return pipe(photoFolder(data.dataroot, phase, mode), TE.mapLeft(fromDatasetError));
  return pipe(alignedFolder(data.dataroot, { phase, direction: data.direction }), TE.mapLeft(fromDatasetError));
}
