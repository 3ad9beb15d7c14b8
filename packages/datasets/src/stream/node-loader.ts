import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { decodeLoaderOptions, type LoaderOptionsInput } from '../config/loader-options';
import { sharpDecoder } from '../decode/sharp-decoder';
import type { DatasetError } from '../errors/dataset-error';
import type { PairSource } from '../sources/pair-source';
import { createLoader, type Loader } from './loader';
import { readFileBytes } from './read-file-bytes';
import { inProcessSampleLoader } from './sample-loader';
import { sampleSettingsOf } from './sample-settings-of';
import { workerSampleLoader } from './worker-pool';

/**
 * The Node loader: options decoded with io-ts, files read with `fs`, decoded with sharp, augmented exactly as the
 * official code; with `workers >= 1` (default 1) all of that runs in `worker_threads` workers so the training step
 * keeps its core. Call `close()` when done (idle workers never keep the process alive, though).
 *
 * @example
 * ```ts
 * import { alignedFolder, nodeLoader } from '@pix2pix-ts/datasets/node';
 * import * as TE from 'fp-ts/TaskEither';
 * import { pipe } from 'fp-ts/function';
 * const loader = await pipe(
 *   alignedFolder('/data/facades', { phase: 'train', direction: 'BtoA' }),
 *   TE.chain((source) => nodeLoader(source, { batchSize: 1, seed: 42 })),
 * )();
 * ```
 */
export const nodeLoader = (
  source: PairSource,
  options: LoaderOptionsInput = {},
  pool: { readonly workerUrl?: URL } = {},
): TE.TaskEither<DatasetError, Loader> =>
  pipe(
    TE.fromEither(decodeLoaderOptions(options)),
    TE.map((o) => {
      const settings = sampleSettingsOf(source, o);
      if (o.workers === 0) {
        return createLoader(source, o, inProcessSampleLoader(source, settings, { readBytes: readFileBytes, decoder: sharpDecoder({ maxPixels: o.maxPixels }) }));
      }
      const workers = workerSampleLoader(source, settings, {
        workers: o.workers,
        ...(pool.workerUrl === undefined ? {} : { workerUrl: pool.workerUrl }),
      });
      return createLoader(source, o, workers.load, workers.close);
    }),
  );
