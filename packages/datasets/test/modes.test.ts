import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { foldIn, key } from '@pix2pix-ts/random';
import {
  cannyEdges,
  checkSource,
  colorizationPair,
  colorizationToRgb,
  edgeMap,
  inpaintMask,
  inpaintPair,
  modeChannels,
  modeInputRgb,
  modeOutputRgb,
  nodeLoader,
  photoFolder,
  prepareModeSample,
  rgbImage,
  sampleKey,
  syntheticPair,
  PAPER_TRANSFORM,
  type Batch,
  type DatasetMode,
  type DatasetModeName,
  type Loader,
} from '../src/node';
import { encodeImage } from './support/images';
import { unwrap } from './support/either';
import { sharedFacades } from './support/shared';

const settings = { transform: { ...PAPER_TRANSFORM, loadSize: 36, cropSize: 32 }, direction: 'AtoB' as const, strict: false, requireSquareHalves: true, seed: 7 };
const raw = { id: 'p', ...syntheticPair(0, 0, 48), converted: [] };
const MODES: readonly DatasetModeName[] = ['colorization', 'edges', 'inpaint'];

const first = async (loader: Loader, epoch = 0): Promise<Batch> => {
  for await (const b of loader.epoch(epoch)) return b;
  throw new Error('no batch');
};

describe('dataset modes: the pairs they make', () => {
  it.each(MODES)('%s: the input and target have the mode\'s channels at the crop size, within [-1, 1]', (name) => {
    const s = unwrap(prepareModeSample(raw, settings, { name, photoSide: 'B' }, { index: 3, epoch: 1 }));
    const { input, output } = modeChannels(name);
    expect([s.width, s.height]).toEqual([32, 32]);
    expect(s.a).toHaveLength(32 * 32 * input);
    expect(s.b).toHaveLength(32 * 32 * output);
    for (const v of [...s.a, ...s.b]) expect(Math.abs(v)).toBeLessThanOrEqual(1.0001);
  });

  it('colorization is L / 50 - 1 and ab / 110, 1 and 2 channels, as the official colorization_dataset.py', () => {
    const white = colorizationPair(rgbImage(1, 1, Uint8Array.of(255, 255, 255)));
    expect(white.a[0]).toBeCloseTo(1, 5);
    expect(Math.abs(white.b[0] ?? 1)).toBeLessThan(1e-3);
    // sRGB red: L 53.24, a 80.09, b 67.20 (skimage)
    const red = colorizationPair(rgbImage(1, 1, Uint8Array.of(255, 0, 0)));
    expect(red.a[0]).toBeCloseTo(53.2408 / 50 - 1, 3);
    expect(red.b[0]).toBeCloseTo(80.0925 / 110, 3);
    expect(red.b[1]).toBeCloseTo(67.2032 / 110, 3);
  });

  it('colorization round trip: L of the input and the real ab reassemble the photo (each byte within 1)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3 * 16, maxLength: 3 * 16 }), (bytes) => {
        const { a, b } = colorizationPair(rgbImage(4, 4, bytes));
        const back = colorizationToRgb(a, b);
        for (let i = 0; i < bytes.length; i++) expect(Math.abs((back[i] ?? 0) - (bytes[i] ?? 0))).toBeLessThanOrEqual(1);
      }),
      { seed: 14, numRuns: 200 },
    );
  });

  it('samples and metrics see colour: modeOutputRgb reassembles colorization, passes RGB modes through', () => {
    const photo = rgbImage(2, 1, Uint8Array.of(10, 200, 30, 250, 120, 5));
    const { a, b } = colorizationPair(photo);
    expect([...modeOutputRgb('colorization', a, b)].every((v, i) => Math.abs(v - (photo.data[i] ?? 0)) <= 1)).toBe(true);
    expect([...modeInputRgb('colorization', a)].slice(0, 3).every((v, _, all) => v === all[0])).toBe(true); // gray
    expect([...modeOutputRgb('edges', a, Float32Array.of(-1, 0, 1))]).toEqual([0, 128, 255]);
    expect(() => colorizationToRgb(a, Float32Array.of(0))).toThrow(/ab values/);
  });
});

describe('the Canny edge detector', () => {
  const square = (size: number, lo: number, hi: number, from: number, to: number): Float64Array =>
    Float64Array.from({ length: size * size }, (_, p) => {
      const x = p % size;
      const y = Math.floor(p / size);
      return x >= from && x < to && y >= from && y < to ? hi : lo;
    });

  it('finds a vertical step in exactly one column', () => {
    const step = Float64Array.from({ length: 64 }, (_, i) => (i % 8 < 4 ? 0 : 255));
    const edges = cannyEdges(step, 8, 8, { sigma: 0, low: 40, high: 100 });
    for (let p = 0; p < 64; p++) expect(edges[p]).toBe(p % 8 === 3 ? 1 : 0);
  });

  it('outlines a bright square: a closed one-pixel ring at its border, nothing inside or far outside', () => {
    const edges = cannyEdges(square(32, 20, 220, 8, 24), 32, 32); // the defaults: sigma 1.5, low 40, high 100
    const at = (x: number, y: number) => edges[y * 32 + x] ?? 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const d = Math.min(Math.abs(x - 7.5), Math.abs(y - 7.5), Math.abs(x - 23.5), Math.abs(y - 23.5));
        const inBand = x >= 6 && x <= 25 && y >= 6 && y <= 25;
        if (!inBand || d > 1.5) expect(at(x, y), `(${x}, ${y})`).toBe(0);
      }
    }
    // Every row and column crossing the square meets the left/right (top/bottom) edge once each, in the band.
    for (let i = 10; i < 22; i++) {
      const row = Array.from({ length: 32 }, (_, x) => at(x, i));
      const col = Array.from({ length: 32 }, (_, y) => at(i, y));
      expect(row.reduce((s, v) => s + v, 0)).toBe(2);
      expect(col.reduce((s, v) => s + v, 0)).toBe(2);
    }
  });

  it('hysteresis: a weak edge is kept only where it touches a strong one', () => {
    // left step strong (0 → 200), then a weak step (200 → 215) far from it: only the strong one is an edge.
    const img = Float64Array.from({ length: 16 * 16 }, (_, p) => (p % 16 < 5 ? 0 : p % 16 < 11 ? 200 : 215));
    const edges = cannyEdges(img, 16, 16, { sigma: 0, low: 40, high: 100 });
    const columns = new Set([...edges.keys()].filter((p) => edges[p] === 1).map((p) => p % 16));
    expect([...columns]).toEqual([4]);
    expect(cannyEdges(img, 16, 16, { sigma: 0, low: 40, high: 50 }).filter((v) => v === 1)).toHaveLength(32);
  });

  it('is deterministic, and a flat photo has no edges (an all-white map)', () => {
    const photo = rgbImage(16, 16, Uint8Array.from({ length: 768 }, (_, i) => (i * 37) % 251));
    expect(edgeMap(photo).data).toEqual(edgeMap(photo).data);
    expect(edgeMap(rgbImage(8, 8, new Uint8Array(192).fill(77))).data.every((v) => v === 255)).toBe(true);
    expect(() => cannyEdges(new Float64Array(3), 2, 2)).toThrow(/needs 4 values/);
  });
});

describe('the inpaint mask', () => {
  it('is a function of the seed, the epoch and the index, sized a quarter to a half of each side, inside the image', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 4, max: 300 }), (seed, epoch, index, side) => {
        const k = foldIn(sampleKey(seed, epoch, index), 3);
        const m = inpaintMask(k, side, side + 3);
        expect(inpaintMask(k, side, side + 3)).toEqual(m);
        expect(m.width).toBeGreaterThanOrEqual(Math.ceil(side / 4));
        expect(m.width).toBeLessThanOrEqual(Math.floor(side / 2));
        expect(m.height).toBeGreaterThanOrEqual(Math.ceil((side + 3) / 4));
        expect(m.x + m.width).toBeLessThanOrEqual(side);
        expect(m.y + m.height).toBeLessThanOrEqual(side + 3);
      }),
      { seed: 3, numRuns: 300 },
    );
    const masks = new Set(Array.from({ length: 20 }, (_, e) => JSON.stringify(inpaintMask(foldIn(sampleKey(0, e, 0), 3), 256, 256))));
    expect(masks.size).toBeGreaterThan(15); // a new rectangle every epoch
  });

  it('fills exactly the rectangle with 0 and leaves the rest of the photo as the target', () => {
    const photo = rgbImage(4, 3, Uint8Array.from({ length: 36 }, (_, i) => 255 - i));
    const { a, b } = inpaintPair(photo, { x: 1, y: 1, width: 2, height: 2 });
    for (let p = 0; p < 12; p++) {
      const inside = p % 4 >= 1 && p % 4 <= 2 && Math.floor(p / 4) >= 1;
      for (let c = 0; c < 3; c++) expect(a[3 * p + c]).toBe(inside ? 0 : b[3 * p + c]);
    }
    expect(inpaintMask(key(0), 1, 1)).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });

  it('prepared samples: the same (seed, epoch, index) gives the same masked input, another epoch another mask', () => {
    const mode: DatasetMode = { name: 'inpaint', photoSide: 'A' };
    const one = unwrap(prepareModeSample(raw, { ...settings, transform: { ...settings.transform, noFlip: true, preprocess: 'none' } }, mode, { index: 2, epoch: 0 }));
    const again = unwrap(prepareModeSample(raw, { ...settings, transform: { ...settings.transform, noFlip: true, preprocess: 'none' } }, mode, { index: 2, epoch: 0 }));
    const later = unwrap(prepareModeSample(raw, { ...settings, transform: { ...settings.transform, noFlip: true, preprocess: 'none' } }, mode, { index: 2, epoch: 1 }));
    expect(again.a).toEqual(one.a);
    expect(later.b).toEqual(one.b);
    expect(later.a).not.toEqual(one.a);
  });
});

describe('photo folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plain photos of any size: each file is one photo; decode workers make the same batches as the calling thread', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'train'));
    writeFileSync(join(dir, 'train', 'a.png'), await encodeImage(50, 40, 'png'));
    writeFileSync(join(dir, 'train', 'b.jpg'), await encodeImage(40, 40, 'jpeg', 1));
    const source = unwrap(await photoFolder(dir, 'train', { name: 'colorization', photoSide: 'whole' })());
    expect(source.entries.map((e) => e.kind)).toEqual(['photo', 'photo']);
    expect((await checkSource(source)()).files).toBe(2);
    const options = { loadSize: 36, cropSize: 32, batchSize: 2, seed: 1 };
    const batches = await Promise.all(
      [0, 1].map(async (workers) => {
        const loader = unwrap(await nodeLoader(source, { ...options, workers })());
        try {
          return await first(loader);
        } finally {
          await loader.close();
        }
      }),
    );
    const [here, there] = batches;
    expect(here?.shape).toEqual([2, 32, 32, 1]);
    expect(here?.b).toHaveLength(2 * 32 * 32 * 2);
    expect(there?.a).toEqual(here?.a);
    expect(there?.b).toEqual(here?.b);
  });

  it.skipIf(sharedFacades === undefined)('Facades with photoSide A: the photo half of each AB file, every mode', async () => {
    const root = sharedFacades ?? '';
    for (const name of MODES) {
      const result = await pipe(
        photoFolder(root, 'test', { name, photoSide: 'A' }),
        TE.chain((source) => nodeLoader(source, { loadSize: 64, cropSize: 64, batchSize: 3, workers: 0, shuffle: false })),
      )();
      const loader = unwrap(result);
      const batch = await first(loader);
      await loader.close();
      expect(batch.shape).toEqual([3, 64, 64, modeChannels(name).input]);
      expect(batch.b).toHaveLength(3 * 64 * 64 * modeChannels(name).output);
      expect(batch.paths[0]).toMatch(/test[/\\]1\.jpg$/);
    }
  });
});

describe('photo folder errors', () => {
  it('a missing split is a MissingFolder error naming it', async () => {
    const r = await photoFolder(tmpdir(), 'no-such-split-here', { name: 'edges', photoSide: 'whole' })();
    expect(E.isLeft(r) && r.left._tag).toBe('MissingFolder');
  });
});
