import { join, resolve } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { DatasetError } from '../errors/dataset-error';
import { alignedFolder } from '../sources/aligned-folder';
import { listImages } from '../sources/list-images';
import type { PairSource } from '../sources/pair-source';
import type { DatasetMode } from './dataset-mode';

/**
 * The photos of `root/phase` (as the official `colorization_dataset.py` reads `dataroot/phase`; of `root` itself
 * when `phase` is undefined) as a source for a dataset mode: with `photoSide: 'whole'` every image file is one
 * photo (`photo` entries; any size); with `A` or `B` the files are side-by-side AB images (checked 2:1 as aligned
 * files are) and the photo is their left or right half (Facades photos: `A`). The mode travels with the source, so
 * every loader of it prepares the mode's pairs.
 *
 * @example
 * ```ts
 * import { photoFolder } from '@pix2pix-ts/datasets/node';
 * const source = await photoFolder('../shared/data/facades', 'train', { name: 'colorization', photoSide: 'A' })();
 * // Right({ name: 'colorization from the photos (A half) of aligned folder …/train', mode: { name: 'colorization', photoSide: 'A' }, entries: [400] })
 * ```
 */
export const photoFolder = (root: string, phase: string | undefined, mode: DatasetMode): TE.TaskEither<DatasetError, PairSource> => {
  if (mode.photoSide !== 'whole') {
    return pipe(
      alignedFolder(root, phase === undefined ? { direction: 'AtoB' } : { phase, direction: 'AtoB' }),
      TE.map((s) => ({ ...s, name: `${mode.name} from the photos (${mode.photoSide} half) of ${s.name}`, mode })),
    );
  }
  const dir = resolve(phase === undefined ? root : join(root, phase));
  return pipe(
    listImages(dir, phase === undefined ? 'photos' : `the ${phase} photos`),
    TE.map(
      (files): PairSource => ({
        name: `${mode.name} from the photo folder ${dir}`,
        direction: 'AtoB',
        requireSquareHalves: false,
        mode,
        entries: files.map((f) => {
          const path = join(dir, f);
          return { kind: 'photo' as const, id: path, path };
        }),
      }),
    ),
  );
};
