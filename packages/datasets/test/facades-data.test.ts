import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { describe, expect, it } from 'vitest';
import { facades, nodeLoader, sharpDecoder, splitAligned, type Batch, type Loader } from '../src/node';
import { unwrap } from './support/either';
import { sharedFacades } from './support/shared';

const digest = (f: Float32Array | undefined): string =>
  f === undefined ? 'none' : createHash('sha256').update(new Uint8Array(f.buffer, f.byteOffset, f.byteLength)).digest('hex');

const take = async (loader: Loader, epoch: number, n: number): Promise<Batch[]> => {
  const out: Batch[] = [];
  for await (const b of loader.epoch(epoch)) {
    out.push(b);
    if (out.length === n) break;
  }
  return out;
};

describe.skipIf(sharedFacades === undefined)('the real Facades data (shared/data/facades)', () => {
  const root = sharedFacades ?? '';

  it('the train split lists 400 pairs in the official order, val 100, test 106', async () => {
    const train = unwrap(await facades({ root, phase: 'train' })());
    expect(train.entries).toHaveLength(400);
    expect(train.direction).toBe('BtoA');
    expect(train.entries.slice(0, 4).map((e) => (e.kind === 'aligned' ? e.path : ''))).toEqual(
      ['1.jpg', '10.jpg', '100.jpg', '101.jpg'].map((f) => join(root, 'train', f)),
    );
    expect(unwrap(await facades({ root, phase: 'val' })()).entries).toHaveLength(100);
    expect(unwrap(await facades({ root, phase: 'test' })()).entries).toHaveLength(106);
  });

  it('its first images decode to 512x256 and split into two 256x256 halves', async () => {
    for (const f of ['1.jpg', '2.jpg', '3.jpg']) {
      const path = join(root, 'train', f);
      const { image, header } = unwrap(await sharpDecoder().decode(readFileSync(path), path)());
      expect([image.width, image.height, header.format, header.colour]).toEqual([512, 256, 'jpeg', 'rgb']);
      const { a, b } = unwrap(splitAligned(image, path, true));
      expect([a.width, a.height, b.width, b.height]).toEqual([256, 256, 256, 256]);
    }
  });

  it('streams 256x256 batches; the decode worker gives exactly what the calling thread gives', async () => {
    const source = unwrap(await facades({ root })());
    const opts = { batchSize: 4, seed: 7, maxDatasetSize: 24 } as const;
    const inProcess = unwrap(await nodeLoader(source, { ...opts, workers: 0 })());
    const worker = unwrap(await nodeLoader(source, { ...opts, workers: 1 })());
    const [x, y] = [await take(inProcess, 3, 6), await take(worker, 3, 6)];
    await Promise.all([inProcess.close(), worker.close()]);
    expect(x).toHaveLength(6);
    expect(x[0]?.shape).toEqual([4, 256, 256, 3]);
    expect(x.map((b) => b.paths)).toEqual(y.map((b) => b.paths));
    x.forEach((b, i) => {
      expect(digest(b.a)).toBe(digest(y[i]?.a));
      expect(digest(b.b)).toBe(digest(y[i]?.b));
    });
    const first = x[0]?.a ?? new Float32Array(0);
    expect(first.reduce((m, v) => Math.min(m, v), 1)).toBe(-1);
    expect(first.reduce((m, v) => Math.max(m, v), -1)).toBeLessThanOrEqual(1);
  });

  it('nothing is written into the data folder', async () => {
    const before = readdirSync(root, { recursive: true, encoding: 'utf8' }).length;
    const loader = unwrap(await pipe(facades({ root, phase: 'val' }), TE.chain((s) => nodeLoader(s, { workers: 0 })))());
    await take(loader, 0, 3);
    await loader.close();
    expect(readdirSync(root, { recursive: true, encoding: 'utf8' }).length).toBe(before);
  });
});
