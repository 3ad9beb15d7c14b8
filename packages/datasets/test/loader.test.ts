import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it, vi } from 'vitest';
import {
  batchToTensors,
  createLoader,
  decodeLoaderOptions,
  epochOrder,
  nodeLoader,
  synthetic,
  workerError,
  type Batch,
  type Loader,
  type Sample,
  type SampleLoader,
} from '../src/node';
import { unwrap } from './support/either';

const all = async (it: AsyncIterable<Batch>): Promise<Batch[]> => {
  const out: Batch[] = [];
  for await (const b of it) out.push(b);
  return out;
};

const small = { loadSize: 36, cropSize: 32 } as const;
const source = unwrap(synthetic({ count: 10, size: 32, seed: 3 }));

const fakeSample = (index: number): Sample => ({
  id: `s${index}`,
  index,
  width: 1,
  height: 1,
  a: Float32Array.of(index, 0, 0),
  b: Float32Array.of(0, index, 0),
  converted: [],
});

describe('the loader', () => {
  it('the same seed gives the same epoch order, crops and flips; epochs and seeds differ', async () => {
    const run = async (seed: number, epoch: number): Promise<Batch[]> => {
      const loader = unwrap(await nodeLoader(source, { ...small, seed, batchSize: 3, workers: 0 })());
      return all(loader.epoch(epoch));
    };
    const [a, b, c, d] = [await run(1, 0), await run(1, 0), await run(1, 1), await run(2, 0)];
    expect(a.map((x) => x.paths)).toEqual(b.map((x) => x.paths));
    a.forEach((x, i) => expect(x.a).toEqual(b[i]?.a));
    expect(a.map((x) => x.paths)).not.toEqual(c.map((x) => x.paths));
    expect(a.map((x) => x.paths)).not.toEqual(d.map((x) => x.paths));
    expect(a.map((x) => x.shape[0])).toEqual([3, 3, 3, 1]);
    expect(new Set(a.flatMap((x) => x.indices)).size).toBe(10); // every pair once per epoch
  });

  it('a pair gets the same augmentation whatever the batch size or order', async () => {
    const l1 = unwrap(await nodeLoader(source, { ...small, seed: 5, batchSize: 1, workers: 0 })());
    const l2 = unwrap(await nodeLoader(source, { ...small, seed: 5, batchSize: 5, workers: 0, shuffle: false })());
    const singles = await all(l1.epoch(2));
    const batches = await all(l2.epoch(2));
    const per = 32 * 32 * 3;
    for (const s of singles) {
      const i = s.indices[0] ?? -1;
      const batch = batches[Math.floor(i / 5)];
      expect(batch?.a.subarray((i % 5) * per, (i % 5 + 1) * per)).toEqual(s.a);
    }
  });

  it('shuffle: false keeps the sorted order; dropLast drops the short batch', async () => {
    const l = unwrap(await nodeLoader(source, { ...small, shuffle: false, batchSize: 4, dropLast: true, workers: 0 })());
    const b = await all(l.epoch(0));
    expect(b.map((x) => x.indices)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(l.batchesPerEpoch).toBe(2);
    expect(epochOrder(0, 0, 5, false)).toEqual([0, 1, 2, 3, 4]);
    expect([...epochOrder(9, 4, 50, true)].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('batches() runs epoch after epoch, batches never span two epochs', async () => {
    const l = unwrap(await nodeLoader(source, { ...small, batchSize: 4, workers: 0, maxDatasetSize: 6 })());
    const seen: [number, number][] = [];
    for await (const b of l.batches({ epoch: 5, batch: 0 })) {
      seen.push([b.epoch, b.shape[0]]);
      if (seen.length === 6) break;
    }
    expect(seen).toEqual([[5, 4], [5, 2], [6, 4], [6, 2], [7, 4], [7, 2]]);
  });

  it('prefetch is bounded and runs ahead of the consumer', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let started = 0;
    const load: SampleLoader = (job) => async () => {
      started++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return E.right(fakeSample(job.index));
    };
    const options = unwrap(decodeLoaderOptions({ prefetch: 3, batchSize: 1, shuffle: false }));
    const loader = createLoader(source, options, load);
    const it = loader.epoch(0);
    const first = await it.next();
    expect(first.value).toMatchObject({ indices: [0] });
    // The consumer is busy: the window refills meanwhile. Wait for the refill by condition, not by a fixed
    // delay (a fixed 20 ms failed CI on a loaded machine), then give it time to overrun if it would.
    await vi.waitFor(() => expect(started).toBe(4), { timeout: 60_000, interval: 5 });
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toBe(4); // the one delivered + 3 ahead, and no more
    for await (const _ of it) {
      // drain
    }
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(started).toBe(10);
  });

  it('a failing sample ends the stream with its error unless skipBad', async () => {
    const load: SampleLoader = (job) =>
      job.index === 2 ? TE.left({ _tag: 'BadImage', path: 'x/2.png', problem: 'corrupt', message: 'x/2.png: cannot be decoded' }) : TE.right(fakeSample(job.index));
    const strict = createLoader(source, unwrap(decodeLoaderOptions({ shuffle: false })), load);
    await expect(all(strict.epoch(0))).rejects.toThrow('x/2.png: cannot be decoded');
    const lenient = createLoader(source, unwrap(decodeLoaderOptions({ shuffle: false, skipBad: true, batchSize: 3 })), load);
    const b = await all(lenient.epoch(0));
    expect(b.flatMap((x) => x.indices)).toEqual([0, 1, 3, 4, 5, 6, 7, 8, 9]);
    expect(lenient.report()).toMatchObject({ loaded: 9, skipped: [{ path: 'synthetic/3/2', times: 1 }] });
    const rejecting: SampleLoader = () => () => Promise.reject(new Error('boom'));
    await expect(all(createLoader(source, unwrap(decodeLoaderOptions({})), rejecting).epoch(0))).rejects.toThrow('decode worker: boom');
    expect(workerError('x').message).toBe('decode worker: x');
  });

  it('samples of different sizes cannot share a batch', async () => {
    const load: SampleLoader = (job) => TE.right({ ...fakeSample(job.index), width: job.index === 1 ? 2 : 1, a: new Float32Array(job.index === 1 ? 6 : 3), b: new Float32Array(job.index === 1 ? 6 : 3) });
    const l = createLoader(source, unwrap(decodeLoaderOptions({ shuffle: false, batchSize: 2 })), load);
    await expect(all(l.epoch(0))).rejects.toThrow(/s0 is 1x1 after preprocessing but s1 is 2x1/);
  });

  it('batchToTensors makes [N, H, W, 3] float32 tensors', async () => {
    await tf.setBackend('cpu');
    const l: Loader = unwrap(await nodeLoader(source, { ...small, batchSize: 2, workers: 0 })());
    const [b] = await all(l.epoch(0));
    if (b === undefined) throw new Error('no batch');
    const { a, b: t } = batchToTensors(b);
    expect(a.shape).toEqual([2, 32, 32, 3]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(await a.data())).toEqual(Array.from(b.a));
    tf.dispose([a, t]);
  });

  it('close() stops the workers; the loader refuses to run afterwards', async () => {
    const l = unwrap(await nodeLoader(source, { ...small, workers: 1 })());
    const [first] = await all((async function* () {
      for await (const b of l.epoch(0)) {
        yield b;
        break;
      }
    })());
    expect(first?.shape).toEqual([1, 32, 32, 3]);
    await l.close();
    await expect(all(l.epoch(0))).rejects.toThrow('used after close');
  });

  it('a decode worker that crashes fails its jobs with a Worker error instead of hanging', async () => {
    const crashing = new URL(`data:text/javascript,${encodeURIComponent('throw new Error("worker exploded")')}`);
    const l = unwrap(await nodeLoader(source, { ...small, workers: 1 }, { workerUrl: crashing })());
    await expect(all(l.epoch(0))).rejects.toThrow(/decode worker: (crashed: worker exploded|no decode worker left)/);
    await l.close();
  });
});
