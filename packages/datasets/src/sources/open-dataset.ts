import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { decodeDatasetConfig } from '../config/dataset-config';
import type { DatasetError } from '../errors/dataset-error';
import { alignedFolder } from './aligned-folder';
import { facades } from './facades';
import type { PairSource } from './pair-source';
import { pairedFolders } from './paired-folders';
import { synthetic } from './synthetic';

/**
 * Opens a dataset described as data (a JSON file, CLI flags): decodes the config with io-ts, then lists folders,
 * finds/downloads Facades or generates the synthetic set.
 *
 * @example
 * ```ts
 * import { openDataset } from '@pix2pix-ts/datasets/node';
 * const source = await openDataset(JSON.parse('{"kind":"aligned","root":"/data/maps","phase":"train"}'))();
 * ```
 */
export const openDataset = (config: unknown): TE.TaskEither<DatasetError, PairSource> =>
  pipe(
    TE.fromEither(decodeDatasetConfig(config)),
    TE.chain((c) => {
      switch (c.kind) {
        case 'aligned': {
          const { kind: _k, root, ...rest } = c;
          return alignedFolder(root, rest);
        }
        case 'paired': {
          const { kind: _k, a, b, ...rest } = c;
          return pairedFolders(a, b, rest);
        }
        case 'facades': {
          const { kind: _k, ...rest } = c;
          return facades(rest);
        }
        case 'synthetic': {
          const { kind: _k, ...rest } = c;
          return TE.fromEither(synthetic(rest));
        }
      }
    }),
  );
