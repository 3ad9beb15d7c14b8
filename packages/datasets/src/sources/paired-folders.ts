import { join, resolve } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { sequenceT } from 'fp-ts/Apply';
import { pipe } from 'fp-ts/function';
import { decodeInput } from '../config/decode-input';
import { PairedOptions } from '../config/source-options';
import type { DatasetError } from '../errors/dataset-error';
import { listImages } from './list-images';
import { matchPairs } from './match-pairs';
import type { PairSource } from './pair-source';

/**
 * Two folders of matching file names, A and B, for pairs kept as separate files (`photos/12.jpg` ↔
 * `labels/12.png`). Both folders are listed up front and must pair up one to one; each pair's two files must have
 * the same size (checked when loaded).
 *
 * @example
 * ```ts
 * import { pairedFolders } from '@pix2pix-ts/datasets/node';
 * const source = await pairedFolders('/data/maps/A/train', '/data/maps/B/train', { direction: 'AtoB' })();
 * ```
 */
export const pairedFolders = (
  folderA: string,
  folderB: string,
  options: PairedOptions = {},
): TE.TaskEither<DatasetError, PairSource> =>
  pipe(
    TE.fromEither(decodeInput(PairedOptions, 'paired folders options')(options)),
    TE.chain((o) => {
      const dirA = resolve(folderA);
      const dirB = resolve(folderB);
      return pipe(
        sequenceT(TE.ApplyPar)(listImages(dirA, 'the A folder'), listImages(dirB, 'the B folder')),
        TE.chainEitherK(([fa, fb]) => matchPairs(fa, fb, dirA, dirB)),
        TE.map(
          (pairs): PairSource => ({
            name: `paired folders ${dirA} + ${dirB}`,
            direction: o.direction ?? 'AtoB',
            requireSquareHalves: true,
            entries: pairs.map(([a, b]) => ({ kind: 'separate' as const, id: join(dirA, a), pathA: join(dirA, a), pathB: join(dirB, b) })),
          }),
        ),
      );
    }),
  );
