import * as t from 'io-ts';
import { Direction } from '../config/direction';
import { Preprocess } from '../config/transform-options';
import { DatasetMode } from '../modes/dataset-mode';
import type { DatasetError } from '../errors/dataset-error';

/*
 * Messages between the loader and its decode workers, as io-ts codecs: each side decodes what it receives, so a
 * version mismatch or a bug shows as a clear error instead of undefined behaviour. Internal to the package (not
 * exported), so no `@example`s here: examples use the public API only; the loader tests exercise these codecs.
 */

const Float32ArrayC = new t.Type<Float32Array, Float32Array, unknown>(
  'Float32Array',
  (u): u is Float32Array => u instanceof Float32Array,
  (u, c) => (u instanceof Float32Array ? t.success(u) : t.failure(u, c)),
  t.identity,
);

const PairEntryC = t.union([
  t.type({ kind: t.literal('aligned'), id: t.string, path: t.string }),
  t.type({ kind: t.literal('separate'), id: t.string, pathA: t.string, pathB: t.string }),
  t.type({ kind: t.literal('synthetic'), id: t.string, seed: t.number, index: t.number, size: t.number }),
  t.type({ kind: t.literal('photo'), id: t.string, path: t.string }),
]);

const SettingsC = t.intersection([
  t.type({
    transform: t.type({ preprocess: Preprocess, loadSize: t.number, cropSize: t.number, noFlip: t.boolean }),
    direction: Direction,
    strict: t.boolean,
    requireSquareHalves: t.boolean,
    seed: t.number,
  }),
  t.partial({ maxPixels: t.number, mode: DatasetMode }),
]);

/**
 * Loader → worker, once, as the worker's first message: the settings of every sample it will prepare (they are
 * fixed for a whole loader, so they are not repeated in each request).
 */
export const WorkerSettings = t.type({ kind: t.literal('settings'), settings: SettingsC });
/** See {@link WorkerSettings}. */
export type WorkerSettings = t.TypeOf<typeof WorkerSettings>;

/**
 * Loader → worker: prepare the sample of `entry` for `job`, with the settings the worker was started with.
 */
export const WorkerRequest = t.type({
  id: t.number,
  entry: PairEntryC,
  job: t.type({ index: t.number, epoch: t.number }),
});
/** See {@link WorkerRequest}. */
export type WorkerRequest = t.TypeOf<typeof WorkerRequest>;

/**
 * What a decode worker receives: its settings (first), then requests.
 */
export const WorkerMessage = t.union([WorkerSettings, WorkerRequest]);
/** See {@link WorkerMessage}. */
export type WorkerMessage = t.TypeOf<typeof WorkerMessage>;

const Str = t.string;
const DatasetErrorC: t.Type<DatasetError, DatasetError, unknown> = t.union([
  t.type({ _tag: t.literal('InvalidInput'), what: Str, problems: t.readonlyArray(Str), message: Str }),
  t.type({ _tag: t.literal('MissingFolder'), path: Str, message: Str }),
  t.type({ _tag: t.literal('NoImages'), path: Str, message: Str }),
  t.type({
    _tag: t.literal('BadImage'),
    path: Str,
    problem: t.keyof({ empty: null, 'not-an-image': null, corrupt: null, aspect: null, 'too-small': null, 'not-rgb': null, 'size-mismatch': null, 'too-large': null }),
    message: Str,
  }),
  t.type({ _tag: t.literal('MismatchedPairs'), onlyInA: t.readonlyArray(Str), onlyInB: t.readonlyArray(Str), message: Str }),
  t.type({ _tag: t.literal('Io'), path: Str, message: Str }),
  t.type({ _tag: t.literal('UnsafeLink'), path: Str, target: Str, reason: t.keyof({ outside: null, loop: null, duplicate: null }), message: Str }),
  t.type({ _tag: t.literal('Download'), url: Str, message: Str }),
  t.type({ _tag: t.literal('Checksum'), what: Str, expected: Str, actual: Str, message: Str }),
  t.type({ _tag: t.literal('Archive'), path: Str, message: Str }),
  t.type({ _tag: t.literal('Batch'), message: Str }),
  t.type({ _tag: t.literal('Worker'), message: Str }),
]);

const SampleC = t.type({
  id: t.string,
  index: t.number,
  width: t.number,
  height: t.number,
  a: Float32ArrayC,
  b: Float32ArrayC,
  converted: t.readonlyArray(t.type({ path: t.string, from: t.string })),
});

/**
 * Worker → loader: the sample, or why it failed.
 */
export const WorkerResponse = t.union([
  t.type({ id: t.number, ok: t.literal(true), sample: SampleC }),
  t.type({ id: t.number, ok: t.literal(false), error: DatasetErrorC }),
]);
/** See {@link WorkerResponse}. */
export type WorkerResponse = t.TypeOf<typeof WorkerResponse>;
