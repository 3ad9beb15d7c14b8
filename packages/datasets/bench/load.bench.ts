/**
 * Data-loading benchmark: load + decode + augment of Facades (train, 400 pairs) at 256x256 with the paper's
 * preprocessing (resize 286 bicubic, random crop 256, random flip, scale to [-1, 1]).
 *
 *   npm run bench            (= tsx --conditions=source bench/load.bench.ts)
 *
 * Prints a table and writes `.bench/load.json`. Runs: on the calling thread (one core), with one decode worker
 * and with two; then the same with a simulated training step that keeps the main thread busy, to show how much
 * of the loading the worker hides. Falls back to the synthetic set when the shared Facades data is absent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import * as E from 'fp-ts/Either';
import { facades, locateSharedFacades, nodeLoader, synthetic, type PairSource } from '../src/node';

const here = dirname(fileURLToPath(import.meta.url));
const PAIRS = 400;
const STEP_MS = 8; // simulated training work per image, on the main thread

sharp.concurrency(1); // libvips on one thread: "one core" means one core

const orThrow = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
};

const busy = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // a training step holding the main thread
  }
};

interface Row {
  readonly mode: string;
  readonly workers: number;
  readonly stepMsPerImage: number;
  readonly pairs: number;
  readonly startupMs: number;
  readonly seconds: number;
  readonly pairsPerSecond: number;
  readonly imagesPerSecond: number;
  readonly loadingOverheadMsPerPair: number;
  /** Main-thread (event loop) busy time per pair, minus the simulated step: what loading costs the training thread. */
  readonly mainThreadMsPerPair: number;
  /** 1-minute load average when the run ended (this machine is shared: > cores means contention). */
  readonly loadAverage: number;
}

const run = async (source: PairSource, workers: number, stepMs: number): Promise<Row> => {
  const loader = orThrow(await nodeLoader(source, { workers, batchSize: 1, seed: 0, prefetch: 8, maxDatasetSize: PAIRS })());
  const t0 = performance.now();
  let elu = performance.eventLoopUtilization();
  let first = 0;
  let n = 0;
  for await (const batch of loader.epoch(0)) {
    if (n === 0) {
      first = performance.now();
      elu = performance.eventLoopUtilization();
    }
    n += batch.shape[0];
    if (stepMs > 0) busy(stepMs * batch.shape[0]);
  }
  const end = performance.now();
  const busyMs = performance.eventLoopUtilization(elu).active;
  await loader.close();
  // Throughput after the first sample (worker start-up reported separately).
  const seconds = (end - first) / 1000;
  const perPair = (1000 * seconds) / Math.max(1, n - 1);
  return {
    mode: stepMs > 0 ? `with a ${stepMs} ms/image step` : 'loading only',
    workers,
    stepMsPerImage: stepMs,
    pairs: n,
    startupMs: Math.round(first - t0),
    seconds: Number(seconds.toFixed(3)),
    pairsPerSecond: Number(((n - 1) / seconds).toFixed(1)),
    imagesPerSecond: Number(((2 * (n - 1)) / seconds).toFixed(1)),
    loadingOverheadMsPerPair: Number((perPair - stepMs).toFixed(2)),
    mainThreadMsPerPair: Number((busyMs / Math.max(1, n - 1) - stepMs).toFixed(2)),
    loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
};

const main = async (): Promise<void> => {
  const shared = await locateSharedFacades(here);
  const source = shared === undefined ? orThrow(synthetic({ count: PAIRS, size: 256 })) : orThrow(await facades({ root: shared, progress: 'none' })());
  console.log(`dataset: ${source.name}`);
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
  const rows: Row[] = [];
  for (const stepMs of [0, STEP_MS]) {
    for (const workers of [0, 1, 2]) {
      await run(source, workers, 0).catch(() => undefined); // warm the JIT and the file cache once per config
      rows.push(await run(source, workers, stepMs));
    }
  }
  console.table(
    rows.map((r) => ({
      mode: r.mode,
      workers: r.workers === 0 ? '0 (calling thread)' : r.workers,
      'pairs/s': r.pairsPerSecond,
      'images/s': r.imagesPerSecond,
      'start-up ms': r.startupMs,
      'loading ms/pair beyond the step': r.loadingOverheadMsPerPair,
      'main-thread ms/pair': r.mainThreadMsPerPair,
      'load avg': r.loadAverage,
    })),
  );
  const out = join(here, '..', '.bench');
  mkdirSync(out, { recursive: true });
  const file = join(out, 'load.json');
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), dataset: source.name, cores: cpus().length, node: process.version, preprocess: 'resize_and_crop 286->256 + flip', rows }, null, 2)}\n`,
  );
  console.log(`written ${file}`);
};

await main();
