import * as TE from 'fp-ts/TaskEither';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import {
  createLoader,
  decodeLoaderOptions,
  inProcessSampleLoader,
  readFileBytes,
  sampleSettingsOf,
  sharpDecoder,
  workerSampleLoader,
  type Loader,
  type PairSource,
  type SampleLoader,
} from '@pix2pix-ts/datasets/node';
import type { CliError } from '../cli/cli-error';
import type { DataConfig } from '../config/run-config';
import { fromDatasetError } from './open-source';

/**
 * A sample loader that answers its first `skip` jobs with empty placeholders instead of reading anything: a
 * resumed run streams from the start of its epoch (the loader's order is a function of the seed and the epoch)
 * and drops the batches it already trained on, without decoding them again.
 */
export function skippingSampleLoader(load: SampleLoader, skip: number, size: { readonly width: number; readonly height: number }): SampleLoader {
  let calls = 0;
  return (job) => {
    calls++;
    if (calls > skip) return load(job);
    return TE.right({ id: 'skipped', index: job.index, width: size.width, height: size.height, a: new Float32Array(0), b: new Float32Array(0), converted: [] });
  };
}

/**
 * The training loader of a run's data configuration: the official preprocessing (`preprocess`, `load_size`,
 * `crop_size`, flips), shuffled per epoch from the seed, decoded in `num_threads` workers. `skipBatches` batches
 * at the start of the first epoch streamed come back as placeholders (see {@link skippingSampleLoader}): the
 * caller drops them. A pair that fails to load (damaged image data) is skipped and counted in `report()`, unless
 * `strictData` (`--strict_data`): then it ends the epoch with its error.
 */
export function trainLoader(source: PairSource, data: DataConfig, seed: number, skipBatches: number, strictData = false): TE.TaskEither<CliError, Loader> {
  return pipe(
    TE.fromEither(
      pipe(
        decodeLoaderOptions({
          preprocess: data.preprocess,
          loadSize: data.loadSize,
          cropSize: data.cropSize,
          noFlip: data.noFlip,
          batchSize: data.batchSize,
          shuffle: !data.serialBatches,
          seed,
          prefetch: Math.max(8, data.batchSize * 4),
          workers: data.numThreads,
          skipBad: !strictData,
          ...(data.maxDatasetSize === null ? {} : { maxDatasetSize: data.maxDatasetSize }),
        }),
        E.mapLeft(fromDatasetError),
      ),
    ),
    TE.map((options) => {
      const settings = sampleSettingsOf(source, options);
      const size = { width: data.cropSize, height: data.cropSize };
      const skip = skipBatches * options.batchSize;
      if (options.workers === 0) {
        const load = inProcessSampleLoader(source, settings, { readBytes: readFileBytes, decoder: sharpDecoder() });
        return createLoader(source, options, skippingSampleLoader(load, skip, size));
      }
      const pool = workerSampleLoader(source, settings, { workers: options.workers });
      return createLoader(source, options, skippingSampleLoader(pool.load, skip, size), pool.close);
    }),
  );
}
