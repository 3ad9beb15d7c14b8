import * as E from 'fp-ts/Either';
import type { LoaderOptions } from '../config/loader-options';
import { DatasetLoadError } from '../errors/dataset-load-error';
import { describeCause, workerError, type DatasetError } from '../errors/dataset-error';
import type { PairSource } from '../sources/pair-source';
import { assembleBatch, type Batch } from '../stream/batch';
import { epochOrder } from '../stream/keys';
import type { LoadReport } from '../stream/load-report';
import type { Sample, SampleJob } from '../stream/sample';
import type { SampleLoader } from '../stream/sample-loader';
import { checkStartAt, START, type StartAt } from './start-at';

/**
 * Streams a dataset as batches: per-epoch shuffling from the seed, bounded prefetch (up to `prefetch` samples are
 * being read/decoded/augmented while the consumer works on the current batch), `skipBad` accounting.
 *
 * @example
 * ```ts
 * import type { Loader } from '@pix2pix-ts/datasets';
 * async function train(loader: Loader) {
 *   for (let epoch = 0; epoch < 200; epoch++) {
 *     for await (const batch of loader.epoch(epoch)) {
 *       // batch.a, batch.b: Float32Array NHWC in [-1, 1]; batch.shape: [N, H, W, 3]
 *     }
 *   }
 *   await loader.close();
 * }
 * ```
 */
export interface Loader {
  readonly source: PairSource;
  readonly options: LoaderOptions;
  /** Pairs per epoch (after `maxDatasetSize`). */
  readonly size: number;
  /** Batches per epoch when nothing is skipped. */
  readonly batchesPerEpoch: number;
  /** The batches of one epoch, in that epoch's order. */
  epoch(epoch: number): AsyncGenerator<Batch, void, undefined>;
  /**
   * Epoch after epoch without end, starting at batch `startAt.batch` of epoch `startAt.epoch` (default: the
   * start of epoch 0); prefetch runs across epoch boundaries. The batches before `startAt` are never read: a
   * resumed run gets exactly the batches an uninterrupted run would have got from there (the epoch's order is a
   * function of the seed and the epoch).
   */
  batches(startAt?: StartAt): AsyncGenerator<Batch, void, undefined>;
  /** A snapshot of what was loaded, skipped and converted so far. */
  report(): LoadReport;
  /** Stops the decode workers (if any). The loader cannot be used afterwards. */
  close(): Promise<void>;
}

/** The jobs from `skip` samples into epoch `from` up to the end of epoch `to - 1`. */
function* jobsOf(size: number, options: LoaderOptions, from: number, to: number, skip: number): Generator<SampleJob> {
  for (let epoch = from; epoch < to; epoch++) {
    const order = epochOrder(options.seed, epoch, size, options.shuffle);
    for (const index of epoch === from ? order.slice(skip) : order) yield { index, epoch };
  }
}

/**
 * Builds a {@link Loader} over any {@link SampleLoader} (in-process or workers). `onClose` releases what the
 * sample loader holds.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { createLoader, decodeLoaderOptions, inProcessSampleLoader, synthetic, browserDecoder, fetchBytes } from '@pix2pix-ts/datasets';
 * const orThrow = E.getOrElseW((e: { message: string }) => { throw new Error(e.message); });
 * const source = orThrow(synthetic({ count: 8, size: 64 }));
 * const options = orThrow(decodeLoaderOptions({ batchSize: 4, loadSize: 72, cropSize: 64 }));
 * const settings = { transform: options, direction: source.direction, strict: options.strict, requireSquareHalves: true, seed: options.seed };
 * const loader = createLoader(source, options, inProcessSampleLoader(source, settings, { readBytes: fetchBytes, decoder: browserDecoder() }));
 * for await (const batch of loader.epoch(0)) console.log(batch.shape); // [4, 64, 64, 3] twice
 * ```
 */
export const createLoader = (
  source: PairSource,
  options: LoaderOptions,
  load: SampleLoader,
  onClose: () => Promise<void> = async () => {},
): Loader => {
  const size = Math.min(source.entries.length, options.maxDatasetSize ?? Number.MAX_SAFE_INTEGER);
  const batchesPerEpoch = options.dropLast ? Math.floor(size / options.batchSize) : Math.ceil(size / options.batchSize);
  let loaded = 0;
  let closed = false;
  const skipped = new Map<string, { message: string; times: number }>();
  const converted = new Map<string, string>();

  async function* stream(startAt: StartAt, to: number): AsyncGenerator<Batch, void, undefined> {
    if (closed) throw new Error('loader: used after close()');
    const problem = checkStartAt(startAt, batchesPerEpoch);
    if (problem !== undefined) throw new RangeError(`loader: ${problem}`);
    if (size === 0) return;
    const from = startAt.epoch;
    const jobs = jobsOf(size, options, from, to, startAt.batch * options.batchSize);
    const window: { job: SampleJob; result: Promise<E.Either<DatasetError, Sample>> }[] = [];
    const refill = (): void => {
      while (window.length < options.prefetch) {
        const next = jobs.next();
        if (next.done === true) return;
        const job = next.value;
        window.push({
          job,
          // A SampleLoader never rejects; a bug that makes it reject still becomes a clear error.
          result: load(job)().catch((cause: unknown) => E.left(workerError(describeCause(cause)))),
        });
      }
    };
    let pending: Sample[] = [];
    let epoch = from;
    let okThisEpoch = 0;
    const emit = (): Batch => {
      const batch = assembleBatch(pending, epoch);
      pending = [];
      if (E.isLeft(batch)) throw new DatasetLoadError(batch.left);
      loaded += batch.right.shape[0];
      return batch.right;
    };
    const endEpoch = (): void => {
      if (okThisEpoch === 0 && size > 0) {
        throw new DatasetLoadError({
          _tag: 'Batch',
          message: `every one of the ${size} pairs of ${source.name} failed in epoch ${epoch} (see report().skipped)`,
        });
      }
      okThisEpoch = 0;
    };
    refill();
    for (;;) {
      const head = window.shift();
      if (head === undefined) break;
      const result = await head.result;
      refill(); // keep the window full while the consumer works on what we yield
      if (head.job.epoch !== epoch) {
        if (pending.length > 0 && !options.dropLast) yield emit();
        pending = [];
        endEpoch();
        epoch = head.job.epoch;
      }
      if (E.isLeft(result)) {
        if (!options.skipBad) throw new DatasetLoadError(result.left);
        const id = source.entries[head.job.index]?.id ?? `pair ${head.job.index}`;
        const seen = skipped.get(id);
        skipped.set(id, { message: result.left.message, times: (seen?.times ?? 0) + 1 });
        continue;
      }
      okThisEpoch++;
      for (const c of result.right.converted) converted.set(c.path, c.from);
      pending.push(result.right);
      if (pending.length === options.batchSize) yield emit();
    }
    if (pending.length > 0 && !options.dropLast) yield emit();
    endEpoch();
  }

  return {
    source,
    options,
    size,
    batchesPerEpoch,
    epoch: (e) => stream({ epoch: e, batch: 0 }, e + 1),
    batches: (startAt = START) => stream(startAt, Number.POSITIVE_INFINITY),
    report: () => {
      const byFormat: Record<string, number> = {};
      for (const from of converted.values()) byFormat[from] = (byFormat[from] ?? 0) + 1;
      return {
        pairs: size,
        loaded,
        skipped: [...skipped.entries()].map(([path, s]) => ({ path, ...s })),
        converted: byFormat,
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await onClose();
    },
  };
};
