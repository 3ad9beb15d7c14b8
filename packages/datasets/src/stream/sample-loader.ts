import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { type DatasetError } from '../errors/dataset-error';
import type { PairSource } from '../sources/pair-source';
import { loadRawPair, type LoadEnv } from './load-raw-pair';
import { prepareSample } from './prepare-sample';
import type { Sample, SampleJob } from './sample';
import type { SampleSettings } from './sample-settings';

/**
 * Produces the prepared sample for a job. Implemented on the calling thread ({@link inProcessSampleLoader}) or by
 * a pool of decode workers in Node (`workerSampleLoader`); the loader does not care which.
 *
 * @example
 * ```ts
 * import type { SampleLoader } from '@pix2pix-ts/datasets';
 * const first = (load: SampleLoader) => load({ index: 0, epoch: 0 })();
 * ```
 */
export type SampleLoader = (job: SampleJob) => TE.TaskEither<DatasetError, Sample>;

/**
 * Loads samples on the calling thread: read, decode, split/orient, preprocess, scale.
 *
 * @example
 * ```ts
 * import { inProcessSampleLoader, browserDecoder, fetchBytes, synthetic, PAPER_TRANSFORM } from '@pix2pix-ts/datasets';
 * import * as E from 'fp-ts/Either';
 * const source = E.getOrElseW(() => { throw new Error('bad options'); })(synthetic({ count: 4 }));
 * const load = inProcessSampleLoader(source, { transform: PAPER_TRANSFORM, direction: 'BtoA', strict: false, requireSquareHalves: true, seed: 0 },
 *   { readBytes: fetchBytes, decoder: browserDecoder() });
 * const sample = await load({ index: 0, epoch: 0 })();
 * ```
 */
export const inProcessSampleLoader =
  (source: PairSource, settings: SampleSettings, env: LoadEnv): SampleLoader =>
  (job) => {
    const entry = source.entries[job.index];
    if (entry === undefined) {
      return TE.left({ _tag: 'Batch', message: `no pair ${job.index} in ${source.name} (${source.entries.length} pairs)` });
    }
    return pipe(
      loadRawPair(env, entry, settings),
      TE.chainEitherK((raw) => prepareSample(raw, settings, job)),
    );
  };
