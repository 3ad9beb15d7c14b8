import * as TE from 'fp-ts/TaskEither';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { decodeLoaderOptions, inProcessSampleLoader, readFileBytes, sampleSettingsOf, sharpDecoder, type PairSource, type Sample } from '@pix2pix-ts/datasets/node';
import type { CliError } from '../cli/cli-error';
import { fromDatasetError } from './open-source';

/**
 * Loads pairs for evaluation the way the official `test.py` does: resized straight to `size` (its `load_size`
 * defaults to `crop_size`, so nothing is cropped), no flip, in sorted order. `indices` picks pairs by position
 * in the sorted split. Sequential and in-process: evaluation is short and the training thread is idle by then.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { synthetic } from '@pix2pix-ts/datasets';
 * import { evalSamples } from '@pix2pix-ts/cli/node';
 * const source = synthetic({ count: 4, size: 64 });
 * if (E.isRight(source)) {
 *   const samples = await evalSamples(source.right, 64, [0, 1, 2])(); // Right([3 samples of 64x64])
 * }
 * ```
 */
export function evalSamples(source: PairSource, size: number, indices: readonly number[]): TE.TaskEither<CliError, readonly Sample[]> {
  return pipe(
    TE.fromEither(pipe(decodeLoaderOptions({ preprocess: 'resize_and_crop', loadSize: size, cropSize: size, noFlip: true, shuffle: false, workers: 0 }), E.mapLeft(fromDatasetError))),
    TE.chain((options) => {
      const load = inProcessSampleLoader(source, sampleSettingsOf(source, options), { readBytes: readFileBytes, decoder: sharpDecoder() });
      return pipe(
        indices.map((index) => load({ index, epoch: 0 })),
        TE.sequenceSeqArray,
        TE.mapLeft(fromDatasetError),
      );
    }),
  );
}

/**
 * `count` indices spread evenly over `n` pairs (the fixed report samples: the same images at every save point).
 *
 * @example
 * ```ts
 * import { spreadIndices } from '@pix2pix-ts/cli/node';
 * spreadIndices(106, 6); // [0, 17, 35, 53, 70, 88]
 * ```
 */
export const spreadIndices = (n: number, count: number): number[] =>
  n <= count ? Array.from({ length: n }, (_, i) => i) : Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
