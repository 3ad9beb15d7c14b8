import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { Preprocess } from '../config/transform-options';
import type { LoaderOptions } from '../config/loader-options';

const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= min && n <= max, `an integer in [${min}, ${max}]`);

// The stored shape: `maxDatasetSize` absent for "all" (JSON has no undefined).
const Stored = t.intersection([
  t.type({
    preprocess: Preprocess,
    loadSize: int(1, 16384),
    cropSize: int(1, 16384),
    noFlip: t.boolean,
    batchSize: int(1, 65536),
    shuffle: t.boolean,
    seed: int(Number.MIN_SAFE_INTEGER),
    prefetch: int(1, 4096),
    skipBad: t.boolean,
    strict: t.boolean,
    dropLast: t.boolean,
    workers: int(0, 64),
    maxPixels: int(1),
  }),
  t.partial({ maxDatasetSize: int(1) }),
]);

/**
 * The codec of resolved {@link LoaderOptions} (every field present, `maxDatasetSize` left out for "all"): for a
 * configuration that stores the loader's options as they are and is decoded once when read back (a training
 * run's `config.json`), so the loader is opened from them without decoding again. Bounds as
 * `LoaderOptionsInput`'s.
 *
 * @example
 * ```ts
 * import { LoaderOptionsCodec, DEFAULT_LOADER_OPTIONS } from '@pix2pix-ts/datasets';
 * LoaderOptionsCodec.is(DEFAULT_LOADER_OPTIONS); // true
 * LoaderOptionsCodec.is({ ...DEFAULT_LOADER_OPTIONS, batchSize: 0 }); // false
 * ```
 */
export const LoaderOptionsCodec: t.Type<LoaderOptions, LoaderOptionsJson> = new t.Type<LoaderOptions, LoaderOptionsJson>(
  'LoaderOptions',
  (u): u is LoaderOptions => Stored.is(u),
  (u, c) => pipe(Stored.validate(u, c), E.map(({ maxDatasetSize, ...rest }): LoaderOptions => ({ ...rest, maxDatasetSize }))),
  ({ maxDatasetSize, ...rest }) => (maxDatasetSize === undefined ? rest : { ...rest, maxDatasetSize }),
);

/**
 * {@link LoaderOptions} as JSON: the same fields, `maxDatasetSize` absent for "all".
 *
 * @example
 * ```ts
 * import type { LoaderOptionsJson } from '@pix2pix-ts/datasets';
 * const j: Pick<LoaderOptionsJson, 'batchSize'> = { batchSize: 4 };
 * ```
 */
export type LoaderOptionsJson = Omit<LoaderOptions, 'maxDatasetSize'> & { readonly maxDatasetSize?: number };
