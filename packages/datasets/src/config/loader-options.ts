import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { invalidInput, type DatasetError } from '../errors/dataset-error';
import { closedPartial, intCodec } from './codecs';
import { decodeInput } from './decode-input';
import { DEFAULT_MAX_PIXELS } from '../decode/pixel-limit';
import { Preprocess, type TransformOptions } from './transform-options';

/**
 * The loader options as a user writes them (every field optional); see {@link LoaderOptions} for meanings and
 * defaults. Decoded with {@link decodeLoaderOptions}.
 *
 * @example
 * ```ts
 * import type { LoaderOptionsInput } from '@pix2pix-ts/datasets';
 * const opts: LoaderOptionsInput = { batchSize: 4, seed: 1, workers: 1 };
 * ```
 */
export const LoaderOptionsInput = closedPartial(
  {
    preprocess: Preprocess,
    loadSize: intCodec(1, 16384),
    cropSize: intCodec(1, 16384),
    noFlip: t.boolean,
    batchSize: intCodec(1, 65536),
    shuffle: t.boolean,
    seed: intCodec(Number.MIN_SAFE_INTEGER),
    prefetch: intCodec(1, 4096),
    skipBad: t.boolean,
    strict: t.boolean,
    dropLast: t.boolean,
    maxDatasetSize: intCodec(1),
    workers: intCodec(0, 64),
    maxPixels: intCodec(1),
  },
  'loader options',
);

/**
 * See {@link LoaderOptionsInput}.
 *
 * @example
 * ```ts
 * import type { LoaderOptionsInput } from '@pix2pix-ts/datasets';
 * const opts: LoaderOptionsInput = { batchSize: 4, seed: 1, workers: 1 };
 * ```
 */
export type LoaderOptionsInput = t.TypeOf<typeof LoaderOptionsInput>;

/**
 * Resolved loader options.
 *
 * @example
 * ```ts
 * import { decodeLoaderOptions } from '@pix2pix-ts/datasets';
 * const opts = decodeLoaderOptions({ batchSize: 4, seed: 7 });
 * // Right({ preprocess: 'resize_and_crop', loadSize: 286, cropSize: 256, batchSize: 4, seed: 7, ... })
 * ```
 */
export interface LoaderOptions extends TransformOptions {
  /** Samples per batch (`--batch_size`, 1 in the paper). Default 1. */
  readonly batchSize: number;
  /** Shuffle each epoch (the official default; `false` = `--serial_batches`). Default true. */
  readonly shuffle: boolean;
  /** Fixes the epoch order, crops and flips: same seed, same data stream. Default 0. */
  readonly seed: number;
  /** Samples decoded ahead of the consumer (bounded). Default 8. */
  readonly prefetch: number;
  /** Skip (and count in the report) files that fail, instead of ending the stream. Default false. */
  readonly skipBad: boolean;
  /**
   * Refuse inputs that are not 8-bit RGB (grayscale, RGBA, palette, CMYK, 16-bit). Default false: they are
   * converted to RGB (gray is repeated, alpha is dropped as PIL's `convert('RGB')` does) and counted in the report.
   */
  readonly strict: boolean;
  /** Drop a last, incomplete batch. Default false (the official DataLoader keeps it). */
  readonly dropLast: boolean;
  /** Use only the first N pairs in sorted order (`--max_dataset_size`). Default: all. */
  readonly maxDatasetSize: number | undefined;
  /** Node only: decode workers (`worker_threads`); 0 decodes on the calling thread. Default 1. Ignored in browsers. */
  readonly workers: number;
  /**
   * Files whose header claims more pixels than this are refused (`too-large`) before decoding. Default
   * `DEFAULT_MAX_PIXELS` (8192 x 8192).
   */
  readonly maxPixels: number;
}

/**
 * The defaults: the paper's preprocessing, batch 1, shuffled, seed 0.
 *
 * @example
 * ```ts
 * import { DEFAULT_LOADER_OPTIONS } from '@pix2pix-ts/datasets';
 * DEFAULT_LOADER_OPTIONS.loadSize; // 286
 * ```
 */
export const DEFAULT_LOADER_OPTIONS: LoaderOptions = {
  preprocess: 'resize_and_crop',
  loadSize: 286,
  cropSize: 256,
  noFlip: false,
  batchSize: 1,
  shuffle: true,
  seed: 0,
  prefetch: 8,
  skipBad: false,
  strict: false,
  dropLast: false,
  maxDatasetSize: undefined,
  workers: 1,
  maxPixels: DEFAULT_MAX_PIXELS,
};

const crossCheck = (o: LoaderOptions): E.Either<DatasetError, LoaderOptions> =>
  (o.preprocess === 'resize_and_crop' || o.preprocess === 'scale_width_and_crop') && o.loadSize < o.cropSize
    ? E.left(
        invalidInput('loader options', [
          `loadSize (${o.loadSize}) must be >= cropSize (${o.cropSize}) for preprocess '${o.preprocess}'`,
        ]),
      )
    : E.right(o);

/**
 * Decodes user-supplied loader options (from code, a CLI or a JSON file) and fills in the defaults. Unknown keys,
 * wrong types and `loadSize < cropSize` with a cropping mode are errors.
 *
 * @example
 * ```ts
 * import { decodeLoaderOptions } from '@pix2pix-ts/datasets';
 * decodeLoaderOptions({ cropSize: 0 });
 * // Left: 'invalid loader options: cropSize: expected an integer in [1, 16384], got 0'
 * ```
 */
export const decodeLoaderOptions = (input: unknown = {}): E.Either<DatasetError, LoaderOptions> =>
  pipe(
    decodeInput(LoaderOptionsInput, 'loader options')(input),
    E.map((given): LoaderOptions => {
      const g: Partial<LoaderOptions> = given;
      const pick = <K extends keyof LoaderOptions>(k: K): LoaderOptions[K] => g[k] ?? DEFAULT_LOADER_OPTIONS[k];
      return {
        preprocess: pick('preprocess'),
        loadSize: pick('loadSize'),
        cropSize: pick('cropSize'),
        noFlip: pick('noFlip'),
        batchSize: pick('batchSize'),
        shuffle: pick('shuffle'),
        seed: pick('seed'),
        prefetch: pick('prefetch'),
        skipBad: pick('skipBad'),
        strict: pick('strict'),
        dropLast: pick('dropLast'),
        maxDatasetSize: pick('maxDatasetSize'),
        workers: pick('workers'),
        maxPixels: pick('maxPixels'),
      };
    }),
    E.chain(crossCheck),
  );
