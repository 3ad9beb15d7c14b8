import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { key } from '@pix2pix-ts/random';
import {
  applyTransform,
  getParams,
  imageFrom,
  powerOfBaseSize,
  prepareSample,
  roundHalfEven,
  sampleKey,
  scaleWidthSize,
  type Preprocess,
  type RgbImage,
  type SampleSettings,
  type TransformOptions,
} from '../src/index';
import { unwrap } from './support/either';
import { noiseValue } from './support/patterns';

const FC = { seed: 20240601, numRuns: 60 } as const; // fixed seed: the suite is deterministic

/** B as a known function of A: the channels rotated (R,G,B) -> (G,B,R). Every transform is per-channel, so it commutes. */
const rotateChannels = (img: RgbImage): RgbImage => imageFrom(img.width, img.height, (x, y, c) => img.data[(y * img.width + x) * 3 + ((c + 1) % 3)] ?? 0);

const preprocesses: Preprocess[] = ['resize_and_crop', 'crop', 'scale_width', 'scale_width_and_crop', 'none'];

const arbCase = fc.record({
  preprocess: fc.constantFrom(...preprocesses),
  width: fc.integer({ min: 4, max: 48 }),
  height: fc.integer({ min: 4, max: 48 }),
  cropSize: fc.integer({ min: 2, max: 32 }),
  extra: fc.integer({ min: 0, max: 12 }),
  noFlip: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  epoch: fc.integer({ min: 0, max: 500 }),
  index: fc.integer({ min: 0, max: 10_000 }),
});

const settingsOf = (c: { preprocess: Preprocess; cropSize: number; extra: number; noFlip: boolean; seed: number }): SampleSettings => ({
  transform: { preprocess: c.preprocess, loadSize: c.cropSize + c.extra, cropSize: c.cropSize, noFlip: c.noFlip },
  direction: 'AtoB',
  strict: false,
  requireSquareHalves: true,
  seed: c.seed,
});

describe('augmentation properties', () => {
  it('the same crop and flip keep A and B aligned pixel for pixel, in every preprocess mode', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const a = imageFrom(c.width, c.height, (x, y, ch) => noiseValue(x, y, ch, c.seed));
        const raw = { id: 'p', a, b: rotateChannels(a), converted: [] };
        const settings = settingsOf(c);
        const sample = prepareSample(raw, settings, { index: c.index, epoch: c.epoch });
        if (sample._tag === 'Left') return; // too small for 'none'; covered below
        const s = sample.right;
        for (let i = 0; i < s.a.length; i += 3) {
          expect(s.b[i]).toBe(s.a[i + 1]);
          expect(s.b[i + 1]).toBe(s.a[i + 2]);
          expect(s.b[i + 2]).toBe(s.a[i]);
        }
      }),
      FC,
    );
  });

  it('crop and flip move pixels exactly (position-coded image, crop mode)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer(), (w, h, crop, seed) => {
        const img = imageFrom(w, h, (x, y, c) => (c === 0 ? x : c === 1 ? y : 7));
        const o: TransformOptions = { preprocess: 'crop', loadSize: crop, cropSize: crop, noFlip: false };
        const p = getParams(o, img, key(seed >>> 0));
        const out = unwrap(applyTransform(img, o, p));
        const cropped = w > crop || h > crop;
        expect([out.width, out.height]).toEqual(cropped ? [crop, crop] : [w, h]);
        for (let y = 0; y < out.height; y++) {
          for (let x = 0; x < out.width; x++) {
            const sx = (p.flip ? out.width - 1 - x : x) + (cropped ? p.crop.x : 0);
            const sy = y + (cropped ? p.crop.y : 0);
            const i = (y * out.width + x) * 3;
            const inside = sx < w && sy < h;
            // PIL's crop fills outside the image with black
            expect([out.data[i], out.data[i + 1], out.data[i + 2]]).toEqual(inside ? [sx, sy, 7] : [0, 0, 0]);
          }
        }
      }),
      FC,
    );
  });

  it('output shape follows the official rules, values lie in [-1, 1]', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const a = imageFrom(c.width, c.height, (x, y, ch) => noiseValue(x, y, ch, 3));
        const settings = settingsOf(c);
        const { loadSize, cropSize } = settings.transform;
        const r = prepareSample({ id: 'p', a, b: a, converted: [] }, settings, { index: c.index, epoch: c.epoch });
        const size = ((): { width: number; height: number } => {
          switch (c.preprocess) {
            case 'resize_and_crop':
              return { width: cropSize, height: cropSize };
            case 'crop':
              return c.width > cropSize || c.height > cropSize ? { width: cropSize, height: cropSize } : a;
            case 'scale_width':
              return scaleWidthSize(a, loadSize, cropSize);
            case 'scale_width_and_crop':
              return { width: cropSize, height: cropSize }; // width loadSize >= cropSize, height >= cropSize
            case 'none':
              return powerOfBaseSize(a, 4);
          }
        })();
        if (r._tag === 'Left') {
          expect(c.preprocess).toBe('none');
          expect(size.width === 0 || size.height === 0).toBe(true);
          expect(r.left.message).toMatch(/too small/);
          return;
        }
        expect([r.right.width, r.right.height]).toEqual([size.width, size.height]);
        expect(r.right.a.length).toBe(size.width * size.height * 3);
        for (const v of r.right.a) expect(v >= -1 && v <= 1).toBe(true);
      }),
      FC,
    );
  });

  it('is deterministic: same (seed, epoch, index), same sample; the key decides', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const a = imageFrom(c.width, c.height, (x, y, ch) => noiseValue(x, y, ch, 5));
        const settings = settingsOf(c);
        const one = prepareSample({ id: 'p', a, b: a, converted: [] }, settings, { index: c.index, epoch: c.epoch });
        const two = prepareSample({ id: 'p', a, b: a, converted: [] }, settings, { index: c.index, epoch: c.epoch });
        expect(one).toEqual(two);
        expect(getParams(settings.transform, a, sampleKey(c.seed, c.epoch, c.index))).toEqual(
          getParams(settings.transform, a, sampleKey(c.seed, c.epoch, c.index)),
        );
      }),
      FC,
    );
  });

  it('every crop offset is reachable, and both flips happen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.nat(), (crop, dx, dy, seed) => {
        const o: TransformOptions = { preprocess: 'crop', loadSize: crop, cropSize: crop, noFlip: false };
        const size = { width: crop + dx, height: crop + dy };
        const seen = new Set<string>();
        const flips = new Set<boolean>();
        for (let i = 0; i < 600; i++) {
          const p = getParams(o, size, sampleKey(seed, 0, i));
          expect(p.crop.x >= 0 && p.crop.x <= dx && p.crop.y >= 0 && p.crop.y <= dy).toBe(true);
          seen.add(`${p.crop.x},${p.crop.y}`);
          flips.add(p.flip);
        }
        expect(seen.size).toBe((dx + 1) * (dy + 1));
        expect(flips.size).toBe(2);
      }),
      { ...FC, numRuns: 25 },
    );
  });

  it('resize_and_crop reaches every offset of the paper setting (286 -> 256: 31 x 31)', () => {
    const o: TransformOptions = { preprocess: 'resize_and_crop', loadSize: 286, cropSize: 256, noFlip: false };
    const xs = new Set<number>();
    const ys = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const p = getParams(o, { width: 256, height: 256 }, sampleKey(0, 0, i));
      xs.add(p.crop.x);
      ys.add(p.crop.y);
    }
    expect([...xs].sort((a, b) => a - b)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    expect(ys.size).toBe(31);
  });

  it('roundHalfEven is Python 3 round()', () => {
    expect([0.5, 1.5, 2.5, 3.5, -1.5, 62.5, 64.25, 64.75].map(roundHalfEven)).toEqual([0, 2, 2, 4, -2, 62, 64, 65]);
    expect(powerOfBaseSize({ width: 250, height: 6 }, 4)).toEqual({ width: 248, height: 8 });
    expect(powerOfBaseSize({ width: 10, height: 1 }, 4)).toEqual({ width: 8, height: 0 });
  });

  it('noFlip turns the flip off', () => {
    const img = imageFrom(8, 8, (x) => x);
    for (let i = 0; i < 50; i++) {
      const o: TransformOptions = { preprocess: 'none', loadSize: 8, cropSize: 8, noFlip: true };
      const out = unwrap(applyTransform(img, o, getParams(o, img, sampleKey(1, 0, i))));
      expect(out.data).toEqual(img.data);
    }
  });
});
