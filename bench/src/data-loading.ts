/**
 * Data-loading time per pair (Node): `@pix2pix-ts/datasets`' `nodeLoader` on the shared Facades copy
 * (`$PIX2PIX_SHARED`, else `shared/data/facades` found walking up from here), else on the synthetic
 * set. Read + JPEG decode (sharp) + the paper's preprocessing at the configuration's size (resize to
 * `loadSize` bicubic, random crop, random flip, scale to [-1, 1]), on the calling thread (`workers: 0`,
 * `prefetch: 1`), so each `next()` is one pair's full cost; in training a decode worker overlaps it
 * with the step.
 * @packageDocumentation
 */
import { facades, locateSharedFacades, nodeLoader, synthetic, type PairSource } from '@pix2pix-ts/datasets/node';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { BenchConfig } from './configs';
import { summarize, type Timing } from './stats';

/** Where the pairs came from, and the time per pair. */
export interface DataLoadingResult {
  readonly config: BenchConfig['id'];
  readonly source: 'facades' | 'synthetic';
  readonly root: string | null;
  readonly timing: Timing;
}

async function openSource(): Promise<{ readonly source: PairSource; readonly root: string | null }> {
  const root = await locateSharedFacades();
  if (root !== undefined) {
    const r = await facades({ phase: 'train', root, download: false })();
    if (E.isRight(r)) return { source: r.right, root };
  }
  const s = synthetic({ count: 64, size: 256, seed: 0 });
  if (E.isLeft(s)) throw new Error(s.left.message);
  return { source: s.right, root: null };
}

/** Times `runs` pairs after `warmup` untimed ones. */
export async function measureDataLoading(config: BenchConfig, warmup: number, runs: number): Promise<DataLoadingResult> {
  const { source, root } = await openSource();
  const opened = await nodeLoader(source, { batchSize: 1, seed: 0, loadSize: config.loadSize, cropSize: config.size, workers: 0, prefetch: 1 })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const loader = opened.right;
  const it = loader.batches();
  const times: number[] = [];
  try {
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = performance.now();
      const r = await it.next();
      const dt = performance.now() - t0;
      if (r.done === true) throw new Error('the loader ended');
      if (i >= warmup) times.push(dt);
    }
  } finally {
    await it.return(undefined);
    await loader.close();
  }
  return { config: config.id, source: root === null ? 'synthetic' : 'facades', root, timing: summarize(times) };
}

/** For symmetry with the other runners: a failure as a TaskEither. */
export const dataLoading = (config: BenchConfig, warmup: number, runs: number): TE.TaskEither<Error, DataLoadingResult> =>
  TE.tryCatch(
    () => measureDataLoading(config, warmup, runs),
    (e) => (e instanceof Error ? e : new Error(String(e))),
  );
