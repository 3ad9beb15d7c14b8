import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkStartAt,
  createLoader,
  decodeLoaderOptions,
  DEFAULT_LOADER_OPTIONS,
  LoaderOptionsCodec,
  nodeLoader,
  openNodeLoader,
  sampleSettingsOf,
  synthetic,
  workerSampleLoader,
  type Batch,
  type Loader,
  type Sample,
  type SampleLoader,
} from '../src/node';
import { unwrap } from './support/either';

const small = { loadSize: 36, cropSize: 32 } as const;
const source = unwrap(synthetic({ count: 10, size: 32, seed: 3 }));

const take = async (it: AsyncIterable<Batch>, n: number): Promise<Batch[]> => {
  const out: Batch[] = [];
  if (n === 0) return out;
  for await (const b of it) {
    out.push(b);
    if (out.length === n) break;
  }
  return out;
};

const fakeSample = (index: number): Sample => ({ id: `s${index}`, index, width: 1, height: 1, a: Float32Array.of(index, 0, 0), b: Float32Array.of(0, index, 0), converted: [] });

describe('batches(startAt)', () => {
  it('from { epoch, batch } is exactly the uninterrupted stream from there (same pairs, crops and flips)', async () => {
    const loader = unwrap(await nodeLoader(source, { ...small, seed: 7, batchSize: 3, workers: 0 })());
    const B = loader.batchesPerEpoch; // 4: 3 + 3 + 3 + 1
    const whole = await take(loader.batches(), 3 * B);
    for (const step of [0, 1, 3, 4, 6, 9]) {
      const resumed = await take(loader.batches({ epoch: Math.floor(step / B), batch: step % B }), 3 * B - step);
      expect(resumed.map((b) => [b.epoch, ...b.indices])).toEqual(whole.slice(step).map((b) => [b.epoch, ...b.indices]));
      resumed.forEach((b, i) => expect(b.a).toEqual(whole[step + i]?.a));
    }
    await loader.close();
  });

  it('never loads the samples before startAt (no placeholders, nothing decoded)', async () => {
    const asked: number[] = [];
    const load: SampleLoader = (job) => async () => {
      asked.push(job.index);
      return E.right(fakeSample(job.index));
    };
    const loader = createLoader(source, unwrap(decodeLoaderOptions({ batchSize: 2, shuffle: false, prefetch: 1 })), load);
    const [first] = await take(loader.batches({ epoch: 0, batch: 3 }), 1);
    expect(first?.indices).toEqual([6, 7]);
    expect(Math.min(...asked)).toBe(6);
  });

  it('refuses a start outside the stream, naming it', async () => {
    const loader = createLoader(source, unwrap(decodeLoaderOptions({ batchSize: 4 })), (job) => async () => E.right(fakeSample(job.index)));
    await expect(take(loader.batches({ epoch: 0, batch: 3 }), 1)).rejects.toThrow('startAt.batch must be below the 3 batches of an epoch, got 3');
    await expect(take(loader.batches({ epoch: -1, batch: 0 }), 1)).rejects.toThrow('epoch must be a non-negative integer, got -1');
    await expect(take(loader.batches({ epoch: 0, batch: 0.5 }), 1)).rejects.toThrow('startAt.batch must be a non-negative integer, got 0.5');
  });

  it('checkStartAt accepts exactly the places inside an epoch (property)', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: -3, max: 40 }), fc.integer({ min: 1, max: 30 }), (epoch, batch, B) => {
        expect(checkStartAt({ epoch, batch }, B) === undefined).toBe(batch >= 0 && batch < B);
      }),
    );
  });
});

describe('resolved loader options', () => {
  it('LoaderOptionsCodec round-trips resolved options through JSON (maxDatasetSize absent for all)', () => {
    for (const o of [DEFAULT_LOADER_OPTIONS, { ...DEFAULT_LOADER_OPTIONS, maxDatasetSize: 5, workers: 0 }]) {
      const back = LoaderOptionsCodec.decode(JSON.parse(JSON.stringify(LoaderOptionsCodec.encode(o))));
      expect(back).toEqual(E.right(o));
    }
    expect(E.isLeft(LoaderOptionsCodec.decode({ ...DEFAULT_LOADER_OPTIONS, cropSize: 0 }))).toBe(true);
  });

  it('openNodeLoader streams from resolved options as nodeLoader does from the same input', async () => {
    const input = { ...small, seed: 2, batchSize: 2, workers: 0 };
    const a: Loader = unwrap(await nodeLoader(source, input)());
    const b: Loader = openNodeLoader(source, unwrap(decodeLoaderOptions(input)));
    const [x, y] = [await take(a.epoch(1), 5), await take(b.epoch(1), 5)];
    expect(y.map((q) => q.indices)).toEqual(x.map((q) => q.indices));
    y.forEach((q, i) => expect(q.a).toEqual(x[i]?.a));
  });
});

describe('decode workers', () => {
  // A stand-in worker that answers each request with what it has been sent so far, in the sample's id.
  const echo = [
    "import { parentPort } from 'node:worker_threads';",
    'let settingsMessages = 0;',
    'parentPort.on("message", (m) => {',
    '  if (m.kind === "settings") { settingsMessages++; return; }',
    '  const id = JSON.stringify({ settingsMessages, settingsInRequest: "settings" in m });',
    '  parentPort.postMessage({ id: m.id, ok: true, sample: { id, index: m.job.index, width: 1, height: 1, a: new Float32Array(3), b: new Float32Array(3), converted: [] } });',
    '});',
  ].join('\n');

  it('get the sample settings once, when they start, and requests without them', async () => {
    const options = unwrap(decodeLoaderOptions({ ...small, workers: 1 }));
    const pool = workerSampleLoader(source, sampleSettingsOf(source, options), { workers: 1, workerUrl: new URL(`data:text/javascript,${encodeURIComponent(echo)}`) });
    const seen: string[] = [];
    for (let index = 0; index < 4; index++) seen.push(unwrap(await pool.load({ index, epoch: 0 })()).id);
    await pool.close();
    expect(seen).toEqual(Array.from({ length: 4 }, () => JSON.stringify({ settingsMessages: 1, settingsInRequest: false })));
  });

  it('the real decode worker prepares the same samples as the calling thread', async () => {
    const input = { ...small, seed: 4, batchSize: 5 };
    const inProcess = unwrap(await nodeLoader(source, { ...input, workers: 0 })());
    const workers = unwrap(await nodeLoader(source, { ...input, workers: 2 })());
    const [x, y] = [await take(inProcess.epoch(0), 2), await take(workers.epoch(0), 2)];
    await workers.close();
    y.forEach((q, i) => expect(q.a).toEqual(x[i]?.a));
    expect(y.map((q) => q.indices)).toEqual(x.map((q) => q.indices));
  });
});
