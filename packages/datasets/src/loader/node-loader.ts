import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { decodeLoaderOptions, type LoaderOptions, type LoaderOptionsInput } from '../config/loader-options';
import { sharpDecoder } from '../decode/sharp-decoder';
import type { DatasetError } from '../errors/dataset-error';
import type { PairSource } from '../sources/pair-source';
import { createLoader, type Loader } from './loader';
import { readFileBytes } from '../stream/read-file-bytes';
import { inProcessSampleLoader } from '../stream/sample-loader';
import { sampleSettingsOf } from '../stream/sample-settings-of';
import { workerSampleLoader } from '../stream/worker-pool';

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
  pool: NodeLoaderPool = {},
): TE.TaskEither<DatasetError, Loader> =>
  pipe(
    TE.fromEither(decodeLoaderOptions(options)),
    TE.map((o) => openNodeLoader(source, o, pool)),
  );

/**
 * Where the decode workers' module is (default: the package's own `decode-worker`).
 *
 * @example
 * ```ts
 * import type { NodeLoaderPool } from '@pix2pix-ts/datasets/node';
 * const pool: NodeLoaderPool = {};
 * ```
 */
export interface NodeLoaderPool {
  readonly workerUrl?: URL;
}

/**
 * {@link nodeLoader} for options already resolved and validated (a training run's configuration, decoded once
 * when it was read): nothing is decoded again. The decode workers get the sample settings once, when they start.
 *
 * @example
 * ```ts
 * import { openNodeLoader, synthetic, DEFAULT_LOADER_OPTIONS } from '@pix2pix-ts/datasets/node';
 * import * as E from 'fp-ts/Either';
 * const source = E.getOrElseW(() => { throw new Error('bad options'); })(synthetic({ count: 4, size: 32 }));
 * const loader = openNodeLoader(source, { ...DEFAULT_LOADER_OPTIONS, loadSize: 36, cropSize: 32, workers: 0 });
 * for await (const batch of loader.batches({ epoch: 0, batch: 1 })) { console.log(batch.shape); break; } // [1, 32, 32, 3]
 * await loader.close();
 * ```
 */
export const openNodeLoader = (source: PairSource, options: LoaderOptions, pool: NodeLoaderPool = {}): Loader => {
  const settings = sampleSettingsOf(source, options);
  if (options.workers === 0) {
    return createLoader(source, options, inProcessSampleLoader(source, settings, { readBytes: readFileBytes, decoder: sharpDecoder({ maxPixels: options.maxPixels }) }));
  }
  const workers = workerSampleLoader(source, settings, {
    workers: options.workers,
    ...(pool.workerUrl === undefined ? {} : { workerUrl: pool.workerUrl }),
  });
  return createLoader(source, options, workers.load, workers.close);
};
