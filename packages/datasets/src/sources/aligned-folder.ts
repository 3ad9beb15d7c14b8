import { join, resolve } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { decodeInput } from '../config/decode-input';
import { AlignedOptions } from '../config/source-options';
import type { DatasetError } from '../errors/dataset-error';
import { listImages } from './list-images';
import type { PairSource } from './pair-source';

/**
 * The pix2pix "aligned" layout: every file holds A (left) and B (right) side by side, e.g. 512x256 for two
 * 256x256 images, in `root/phase/` (`train/`, `val/`, `test/`). Lists the folder (recursively, official order);
 * each file is checked when it is loaded (2:1 with even width, decodable). Options are decoded with io-ts.
 *
 * @example
 * ```ts
 * import { alignedFolder } from '@pix2pix-ts/datasets/node';
 * const source = await alignedFolder('/data/facades', { phase: 'train', direction: 'BtoA' })();
 * // Right({ name: 'aligned folder /data/facades/train', entries: [400 entries], ... })
 * ```
 */
export const alignedFolder = (root: string, options: AlignedOptions = {}): TE.TaskEither<DatasetError, PairSource> =>
  pipe(
    TE.fromEither(decodeInput(AlignedOptions, 'aligned folder options')(options)),
    TE.chain((o) => {
      const dir = resolve(o.phase === undefined ? root : join(root, o.phase));
      return pipe(
        listImages(dir, o.phase === undefined ? 'aligned images' : `the aligned ${o.phase} split`),
        TE.map(
          (files): PairSource => ({
            name: `aligned folder ${dir}`,
            direction: o.direction ?? 'AtoB',
            requireSquareHalves: o.requireSquareHalves ?? true,
            entries: files.map((f) => {
              const path = join(dir, f);
              return { kind: 'aligned' as const, id: path, path };
            }),
          }),
        ),
      );
    }),
  );
