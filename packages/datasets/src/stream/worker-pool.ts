import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as E from 'fp-ts/Either';
import { reportErrors } from '../config/report';
import { workerError, type DatasetError } from '../errors/dataset-error';
import type { PairSource } from '../sources/pair-source';
import type { Sample } from './sample';
import type { SampleLoader } from './sample-loader';
import type { SampleSettings } from './sample-settings';
import { WorkerResponse, type WorkerRequest, type WorkerSettings } from './worker-protocol';

/**
 * Options of {@link workerSampleLoader}.
 *
 * @example
 * ```ts
 * import type { WorkerPoolOptions } from '@pix2pix-ts/datasets/node';
 * const o: WorkerPoolOptions = { workers: 1 };
 * ```
 */
export interface WorkerPoolOptions {
  /** Number of decode workers (>= 1). */
  readonly workers: number;
  /**
   * The worker module. Default: `decode-worker.js` beside the built package, or, when running from the
   * TypeScript sources (tests, `tsx --conditions=source`), `decode-worker.ts` loaded through tsx.
   */
  readonly workerUrl?: URL;
}

/**
 * A {@link SampleLoader} backed by worker threads, and how to stop them.
 *
 * @example
 * ```ts
 * import type { WorkerPool } from '@pix2pix-ts/datasets/node';
 * const stop = (p: WorkerPool) => p.close();
 * ```
 */
export interface WorkerPool {
  readonly load: SampleLoader;
  readonly close: () => Promise<void>;
}

const MAX_RESTARTS = 3;

const spawn = (workerUrl: URL | undefined): Worker => {
  const here = import.meta.url;
  if (workerUrl !== undefined) return new Worker(workerUrl);
  if (!here.endsWith('.ts')) return new Worker(new URL('./decode-worker.js', here));
  // Running from sources: start the .ts worker through tsx's loader, resolving packages by their `source` condition.
  // require.resolve picks the CommonJS build of tsx's API; the worker imports its ESM twin beside it.
  const tsxApi = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const target = new URL('./decode-worker.ts', here).href;
  const boot = [
    '(async () => {',
    `  const api = await import(${JSON.stringify(tsxApi)});`,
    '  (api.register ?? api.default.register)();',
    `  await import(${JSON.stringify(target)});`,
    '})().catch((e) => { setImmediate(() => { throw e; }); });',
  ].join('\n');
  return new Worker(boot, { eval: true, execArgv: ['--conditions=source'] });
};

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, (r: E.Either<DatasetError, Sample>) => void>;
  alive: boolean;
}

/**
 * Prepares samples in `worker_threads` workers, so reading, decoding (sharp) and augmenting run on other cores
 * than the training step. Each worker gets `settings` once, when it starts (a replacement too). Jobs go to the least busy worker; results come back with their pixel buffers
 * transferred, not copied. Workers are `unref`'d while idle, so a forgotten `close()` never keeps Node alive, and a
 * crashed worker is replaced (up to 3 times) after failing its pending jobs with a `Worker` error.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { workerSampleLoader, sampleSettingsOf, synthetic, DEFAULT_LOADER_OPTIONS } from '@pix2pix-ts/datasets/node';
 * const made = synthetic({ count: 4, size: 64 });
 * if (E.isLeft(made)) throw new Error(made.left.message);
 * const source = made.right;
 * const pool = workerSampleLoader(source, sampleSettingsOf(source, DEFAULT_LOADER_OPTIONS), { workers: 1 });
 * const sample = await pool.load({ index: 0, epoch: 0 })();
 * await pool.close();
 * ```
 */
export const workerSampleLoader = (source: PairSource, settings: SampleSettings, options: WorkerPoolOptions): WorkerPool => {
  let nextId = 0;
  let restarts = 0;
  let closing = false;
  const slots: Slot[] = [];

  const failAll = (slot: Slot, why: string): void => {
    slot.alive = false;
    for (const resolve of slot.pending.values()) resolve(E.left(workerError(why)));
    slot.pending.clear();
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    if (!closing && restarts < MAX_RESTARTS && slots.length < options.workers) {
      restarts++;
      start();
    }
  };

  const start = (): void => {
    const worker = spawn(options.workerUrl);
    worker.unref();
    const slot: Slot = { worker, pending: new Map(), alive: true };
    // The settings go once, as the first message (messages arrive in order); requests carry only entry and job.
    const first: WorkerSettings = { kind: 'settings', settings };
    worker.postMessage(first);
    worker.on('message', (message: unknown) => {
      const decoded = WorkerResponse.decode(message);
      if (E.isLeft(decoded)) {
        failAll(slot, `unreadable reply: ${reportErrors(decoded.left).join('; ')}`);
        void worker.terminate();
        return;
      }
      const reply = decoded.right;
      const resolve = slot.pending.get(reply.id);
      if (resolve === undefined) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      resolve(reply.ok ? E.right(reply.sample) : E.left(reply.error));
    });
    worker.on('error', (err) => failAll(slot, `crashed: ${err.message}`));
    worker.on('exit', (code) => {
      if (slot.alive) failAll(slot, `exited with code ${code}`);
    });
    slots.push(slot);
  };

  for (let i = 0; i < options.workers; i++) start();

  const load: SampleLoader = (job) => () =>
    new Promise<E.Either<DatasetError, Sample>>((resolve) => {
      const entry = source.entries[job.index];
      if (entry === undefined) {
        resolve(E.left({ _tag: 'Batch', message: `no pair ${job.index} in ${source.name}` }));
        return;
      }
      const slot = slots.reduce<Slot | undefined>((best, s) => (best === undefined || s.pending.size < best.pending.size ? s : best), undefined);
      if (slot === undefined || closing) {
        resolve(E.left(workerError(closing ? 'the loader was closed' : 'no decode worker left (they kept crashing)')));
        return;
      }
      const id = nextId++;
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, resolve);
      const request: WorkerRequest = { id, entry, job };
      slot.worker.postMessage(request);
    });

  const close = async (): Promise<void> => {
    closing = true;
    const all = [...slots];
    for (const s of all) {
      s.alive = false;
      for (const resolve of s.pending.values()) resolve(E.left(workerError('the loader was closed')));
      s.pending.clear();
    }
    slots.length = 0;
    await Promise.all(all.map((s) => s.worker.terminate()));
  };

  return { load, close };
};
