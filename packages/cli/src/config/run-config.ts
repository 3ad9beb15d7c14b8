import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { DEFAULT_MAX_PIXELS, LoaderOptionsCodec, PHOTO_DATASET_MODES, PhotoSide } from '@pix2pix-ts/datasets';
import { ModelSpec, ObjectiveSpec } from '@pix2pix-ts/pix2pix';
import { DIRECTION_NAMES, PHASE_NAMES, PREPROCESS_NAMES } from './net-names';

// Object.fromEntries loses the key types; the entries are exactly `words`, so the record type is right.
const keys = <const W extends readonly string[]>(words: W, name: string): t.KeyofC<{ [K in W[number]]: null }> =>
  t.keyof(Object.fromEntries(words.map((w) => [w, null])) as { [K in W[number]]: null }, name);

const posInt = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1, 'PositiveInt');
const nonNegInt = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'NonNegativeInt');
const finite = t.refinement(t.number, (n) => Number.isFinite(n), 'Finite');

/**
 * The translation direction (`--direction`).
 *
 * @example
 * ```ts
 * import { DirectionCodec } from '@pix2pix-ts/cli';
 * DirectionCodec.is('BtoA'); // true
 * ```
 */
export const DirectionCodec = keys(DIRECTION_NAMES, "'AtoB' or 'BtoA'");

/** Where the pairs come from (the loader's options are beside these, see {@link DataConfig}). */
const DataSource = t.intersection([
  t.type({
    /**
     * `aligned`: AB files under `dataroot/phase`; `synthetic`: procedural facades (tests, demos without data);
     * `colorization`, `edges`, `inpaint`: pairs made from the photos under `dataroot/phase` (datasets' `photoFolder`).
     */
    mode: keys(['aligned', 'synthetic', ...PHOTO_DATASET_MODES] as const, "'aligned', 'synthetic', 'colorization', 'edges' or 'inpaint'"),
    dataroot: t.union([t.string, t.null]),
    direction: DirectionCodec,
    phase: keys(PHASE_NAMES, 'a split'),
    evalPhase: keys(PHASE_NAMES, 'a split'),
  }),
  /** Where the photo is in each file for the photo modes: `whole` when absent. */
  t.partial({ photoSide: PhotoSide }),
]);

/**
 * Where the pairs come from, and the training loader's options exactly as `@pix2pix-ts/datasets` takes them
 * (its `LoaderOptions`, one codec: `LoaderOptionsCodec`): the official data options under the loader's names
 * (`shuffle` = not `--serial_batches`, `workers` = `--num_threads`, `maxDatasetSize` absent for all), the loader's
 * `seed` (the run's `--seed`), and `skipBad` (not `--strict_data`, set again by every invocation). The loader is
 * opened from this record as it is: nothing is translated or decoded again.
 */
export const DataConfig = t.intersection([DataSource, LoaderOptionsCodec]);
/** See {@link DataConfig}. */
export type DataConfig = t.TypeOf<typeof DataConfig>;

/**
 * The two networks: the pix2pix {@link ModelSpec} (official option names; one codec, shared by every package
 * that builds networks). Its optional fields (`initType`, `initGain`, `netDInput`) let older configurations decode.
 */
export const ModelConfig = ModelSpec;
/** See {@link ModelConfig}. */
export type ModelConfig = ModelSpec;

/** The objective, optimiser and schedule: the pix2pix {@link ObjectiveSpec}. */
export const ObjectiveConfig = ObjectiveSpec;
/** See {@link ObjectiveConfig}. */
export type ObjectiveConfig = ObjectiveSpec;

/** How the run is driven and recorded. */
export const RunOptions = t.type({
  name: t.string,
  runsDir: t.string,
  seed: nonNegInt,
  printFreq: posInt,
  displayFreq: posInt,
  saveEpochFreq: posInt,
  numSamples: posInt,
  timeLimitMinutes: t.union([finite, t.null]),
});
/** See {@link RunOptions}. */
export type RunOptions = t.TypeOf<typeof RunOptions>;

/** Test-time behaviour: the paper's (dropout on, batch statistics) unless `--eval`. */
export const TestConfig = t.type({
  dropout: t.boolean,
  batchStats: t.boolean,
  numTest: t.union([posInt, t.null]),
});
/** See {@link TestConfig}. */
export type TestConfig = t.TypeOf<typeof TestConfig>;

// The current shape (version 2); see RunConfig below.
const RunConfigV2 = t.type({
  format: t.literal('pix2pix-ts/run-config'),
  version: t.literal(2),
  preset: t.string,
  data: DataConfig,
  model: ModelConfig,
  objective: ObjectiveConfig,
  run: RunOptions,
  test: TestConfig,
});
/** See {@link RunConfig}. */
export type RunConfig = t.TypeOf<typeof RunConfigV2>;

/** The data block of a version 1 configuration: the official options under their own names. */
const DataConfigV1 = t.intersection([
  DataSource,
  t.type({
    preprocess: keys(PREPROCESS_NAMES, 'a preprocess mode'),
    loadSize: posInt,
    cropSize: posInt,
    noFlip: t.boolean,
    serialBatches: t.boolean,
    batchSize: posInt,
    maxDatasetSize: t.union([posInt, t.null]),
    numThreads: nonNegInt,
  }),
]);

/**
 * A version 1 `config.json` (before the data block embedded the loader's options), as the previous version wrote
 * it; {@link migrateRunConfigV1} turns it into the current shape.
 *
 * @example
 * ```ts
 * import { RunConfigV1 } from '@pix2pix-ts/cli';
 * RunConfigV1.is({ version: 2 }); // false
 * ```
 */
export const RunConfigV1 = t.type({
  format: t.literal('pix2pix-ts/run-config'),
  version: t.literal(1),
  preset: t.string,
  data: DataConfigV1,
  model: ModelConfig,
  objective: ObjectiveConfig,
  run: RunOptions,
  test: TestConfig,
});
/** See {@link RunConfigV1}. */
export type RunConfigV1 = t.TypeOf<typeof RunConfigV1>;

/**
 * The loader's prefetch for a batch size: at least 8 samples, 4 batches ahead (what the CLI has always used).
 *
 * @example
 * ```ts
 * import { prefetchFor } from '@pix2pix-ts/cli';
 * prefetchFor(1); // 8
 * prefetchFor(4); // 16
 * ```
 */
export const prefetchFor = (batchSize: number): number => Math.max(8, batchSize * 4);

/**
 * The loader's options a run does not set by an official option: its seed (the run's), the prefetch for its
 * batch size, and the loader's defaults (bad pairs skipped and counted, non-RGB files converted, the last short
 * batch kept, the default pixel limit).
 *
 * @example
 * ```ts
 * import { runLoaderOptions } from '@pix2pix-ts/cli';
 * runLoaderOptions(4, 0).prefetch; // 16
 * ```
 */
export const runLoaderOptions = (batchSize: number, seed: number) =>
  ({ seed, prefetch: prefetchFor(batchSize), skipBad: true, strict: false, dropLast: false, maxPixels: DEFAULT_MAX_PIXELS }) as const;

/**
 * A version 1 configuration in the current shape: the same run (the loader it described: same order, crops,
 * flips, workers), its data options under the loader's names. Pure.
 *
 * @example
 * ```ts
 * import { migrateRunConfigV1 } from '@pix2pix-ts/cli';
 * // migrateRunConfigV1(old).data.shuffle === !old.data.serialBatches
 * ```
 */
export function migrateRunConfigV1(old: RunConfigV1): RunConfig {
  const { serialBatches, numThreads, maxDatasetSize, preprocess, loadSize, cropSize, noFlip, batchSize, ...source } = old.data;
  return {
    ...old,
    version: 2,
    data: {
      ...source,
      preprocess,
      loadSize,
      cropSize,
      noFlip,
      batchSize,
      shuffle: !serialBatches,
      ...runLoaderOptions(batchSize, old.run.seed),
      maxDatasetSize: maxDatasetSize ?? undefined,
      workers: numThreads,
    },
  };
}

const isVersion1 = (u: unknown): boolean => typeof u === 'object' && u !== null && 'version' in u && u.version === 1;

/**
 * Everything that defines a training run, as stored in `config.json` and in every checkpoint's manifest (version
 * 2: the data block embeds the loader's options, the model block is pix2pix's `ModelSpec`). It is external
 * input when read back (resume, eval, export), so it is an io-ts codec, decoded once where it is read; a
 * version 1 configuration (written before the loader's options were embedded) decodes too, migrated
 * ({@link migrateRunConfigV1}).
 *
 * @example
 * ```ts
 * import { RunConfig } from '@pix2pix-ts/cli';
 * // const config = RunConfig.decode(JSON.parse(await readFile('runs/x/config.json', 'utf8')));
 * ```
 */
export const RunConfig: t.Type<RunConfig, t.OutputOf<typeof RunConfigV2>, unknown> = new t.Type<RunConfig, t.OutputOf<typeof RunConfigV2>, unknown>(
  'RunConfig',
  (u): u is RunConfig => RunConfigV2.is(u),
  (u, c) => (isVersion1(u) ? pipe(RunConfigV1.validate(u, c), E.map(migrateRunConfigV1)) : RunConfigV2.validate(u, c)),
  (a) => RunConfigV2.encode(a),
);

export { DEFAULT_INIT, initOf, netDInputOf } from '@pix2pix-ts/pix2pix';

/** Total epochs of a run: `n_epochs + n_epochs_decay`. */
export const totalEpochs = (c: RunConfig): number => c.objective.nEpochs + c.objective.nEpochsDecay;
