import * as t from 'io-ts';
import { PHOTO_DATASET_MODES, PhotoSide } from '@pix2pix-ts/datasets';
import { ModelSpec, ObjectiveSpec } from '@pix2pix-ts/pix2pix';
import { DIRECTION_NAMES, PHASE_NAMES, PREPROCESS_NAMES } from './net-names';

// Object.fromEntries loses the key types; the entries are exactly `words`, so the record type is right.
const keys = <const W extends readonly string[]>(words: W, name: string): t.KeyofC<{ [K in W[number]]: null }> =>
  t.keyof(Object.fromEntries(words.map((w) => [w, null])) as { [K in W[number]]: null }, name);

const posInt = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1, 'PositiveInt');
const nonNegInt = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'NonNegativeInt');
const finite = t.refinement(t.number, (n) => Number.isFinite(n), 'Finite');

/**
 * Where the pairs come from and how they are prepared (the official data options). `photoSide` (optional, so older
 * configurations decode) is where the photo is in each file for the photo modes: `whole` when absent.
 */
export const DataConfig = t.intersection([
  t.type({
    /**
     * `aligned`: AB files under `dataroot/phase`; `synthetic`: procedural facades (tests, demos without data);
     * `colorization`, `edges`, `inpaint`: pairs made from the photos under `dataroot/phase` (datasets' `photoFolder`).
     */
    mode: keys(['aligned', 'synthetic', ...PHOTO_DATASET_MODES] as const, "'aligned', 'synthetic', 'colorization', 'edges' or 'inpaint'"),
    dataroot: t.union([t.string, t.null]),
    direction: keys(DIRECTION_NAMES, "'AtoB' or 'BtoA'"),
    phase: keys(PHASE_NAMES, 'a split'),
    evalPhase: keys(PHASE_NAMES, 'a split'),
    preprocess: keys(PREPROCESS_NAMES, 'a preprocess mode'),
    loadSize: posInt,
    cropSize: posInt,
    noFlip: t.boolean,
    serialBatches: t.boolean,
    batchSize: posInt,
    maxDatasetSize: t.union([posInt, t.null]),
    numThreads: nonNegInt,
  }),
  t.partial({ photoSide: PhotoSide }),
]);
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

/**
 * Everything that defines a training run, as stored in `config.json` and in every checkpoint's manifest. It is
 * external input when read back (resume, eval, export), so it is an io-ts codec.
 *
 * @example
 * ```ts
 * import { RunConfig } from '@pix2pix-ts/cli';
 * // const config = RunConfig.decode(JSON.parse(await readFile('runs/x/config.json', 'utf8')));
 * ```
 */
export const RunConfig = t.type({
  format: t.literal('pix2pix-ts/run-config'),
  version: t.literal(1),
  preset: t.string,
  data: DataConfig,
  model: ModelConfig,
  objective: ObjectiveConfig,
  run: RunOptions,
  test: TestConfig,
});
/** See {@link RunConfig}. */
export type RunConfig = t.TypeOf<typeof RunConfig>;

export { DEFAULT_INIT, initOf, netDInputOf } from '@pix2pix-ts/pix2pix';

/** Total epochs of a run: `n_epochs + n_epochs_decay`. */
export const totalEpochs = (c: RunConfig): number => c.objective.nEpochs + c.objective.nEpochsDecay;
