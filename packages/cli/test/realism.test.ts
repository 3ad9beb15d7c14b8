import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { synthetic } from '@pix2pix-ts/datasets';
import { useBackend } from '@pix2pix-ts/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SEGMENTER,
  evalSamples,
  evaluateRealism,
  intersectHistograms,
  LAB_BINS,
  labCountsOf,
  labIntersection,
  paletteCoverage,
  toRgb8,
  trainOrLoadSegmenter,
  type Rgb8,
} from '../src/node';
import { CMP_PALETTE } from '@pix2pix-ts/datasets';
import { inProcess } from './support/in-process';

const tmp = mkdtempSync(join(tmpdir(), 'realism-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const flat = (n: number, rgb: readonly [number, number, number]): Rgb8 => ({ width: n, height: 1, data: Uint8Array.from({ length: 3 * n }, (_, i) => rgb[i % 3] ?? 0) });
const concat = (...images: Rgb8[]): Rgb8 => ({ width: images.reduce((w, i) => w + i.width, 0), height: 1, data: Uint8Array.from(images.flatMap((i) => Array.from(i.data))) });

describe('the colour-distribution test (Lab histogram intersection)', () => {
  it('intersection of normalised histograms: identical 1, disjoint 0, a hand-computed overlap', () => {
    expect(intersectHistograms([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(intersectHistograms([1, 0], [0, 5])).toBe(0);
    expect(intersectHistograms([2, 2, 0], [0, 1, 1])).toBeCloseTo(0.5, 12);
    expect(intersectHistograms([0, 0], [1, 1])).toBeNaN();
    expect(() => intersectHistograms([1], [1, 2])).toThrow(/bins/);
  });

  it('identical sets of photos → 1 on L, a and b; pure red vs pure green → 0 on each', () => {
    const photos = [concat(flat(3, [200, 30, 40]), flat(2, [10, 120, 250])), flat(4, [90, 90, 90])];
    const same = labIntersection(labCountsOf(photos), labCountsOf(photos.map((p) => ({ ...p, data: Uint8Array.from(p.data) }))));
    for (const v of [same.l, same.a, same.b]) expect(v).toBeCloseTo(1, 12);
    expect(labIntersection(labCountsOf([flat(4, [255, 0, 0])]), labCountsOf([flat(4, [0, 255, 0])]))).toEqual({ l: 0, a: 0, b: 0 });
  });

  it('half white half black vs all white: L 0.5 (bins 0 and 99), a 0.5 (white a = -0.0025 falls in the bin below 0), b 1', () => {
    const generated = [concat(flat(2, [255, 255, 255]), flat(2, [0, 0, 0]))];
    const real = [flat(4, [255, 255, 255])];
    const m = labIntersection(labCountsOf(generated), labCountsOf(real));
    expect(m.l).toBeCloseTo(0.5, 12);
    expect(m.a).toBeCloseTo(0.5, 12);
    expect(m.b).toBeCloseTo(1, 12);
    expect([LAB_BINS.l.bins, LAB_BINS.a.bins, LAB_BINS.b.bins]).toEqual([100, 256, 256]);
  });

  it('evaluateRealism without labels gives the colour test and the normalised histograms only', () => {
    const m = evaluateRealism({ generated: [flat(4, [255, 0, 0])], real: [flat(4, [255, 0, 0])] });
    for (const v of [m.colour.l, m.colour.a, m.colour.b]) expect(v).toBeCloseTo(1, 12);
    expect(m.fcn).toBeUndefined();
    expect(m.histograms?.generated.l.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
});

describe('the FCN-score segmenter and the eval command (cpu)', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  const source = synthetic({ seed: 1, count: 6, size: 32, direction: 'BtoA' });
  const settings = { ...DEFAULT_SEGMENTER, size: 32, seed: 0, steps: 6, batchSize: 2, ngf: 4 };

  it('the synthetic inputs are CMP label maps, their photos are not', async () => {
    if (E.isLeft(source)) throw new Error(source.left.message);
    const samples = await evalSamples(source.right, 32, [0, 1])();
    if (samples._tag === 'Left') throw new Error(samples.left.message);
    expect(paletteCoverage(samples.right.map((s) => toRgb8(s.a, 32, 32)), CMP_PALETTE)).toBeGreaterThan(0.9);
    expect(paletteCoverage(samples.right.map((s) => toRgb8(s.b, 32, 32)), CMP_PALETTE)).toBeLessThan(0.5);
  });

  it('trains on the real photos with progress lines, is cached, and read back scores the same', async () => {
    if (E.isLeft(source)) throw new Error(source.left.message);
    const lines: string[] = [];
    const cacheDir = join(tmp, 'cache');
    const first = await trainOrLoadSegmenter({ source: source.right, settings, cacheDir, progress: (l) => lines.push(l) })();
    if (first._tag === 'Left') throw new Error(first.left.message);
    expect(first.right.fromCache).toBe(false);
    expect(lines.some((l) => /^segmenter step 6\/6 · epoch 2 · loss \d/.test(l))).toBe(true);
    expect(readdirSync(join(cacheDir, 'segmenters'))).toHaveLength(1);
    const again = await trainOrLoadSegmenter({ source: source.right, settings, cacheDir, progress: (l) => lines.push(l) })();
    if (again._tag === 'Left') throw new Error(again.left.message);
    expect(again.right.fromCache).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^segmenter: from the cache /);

    // a damaged cache entry is trained again, not an error
    const [entry] = readdirSync(join(cacheDir, 'segmenters'));
    writeFileSync(join(cacheDir, 'segmenters', entry ?? '', 'segmenter.json'), '{ not json');
    const retrained = await trainOrLoadSegmenter({ source: source.right, settings, cacheDir })();
    if (retrained._tag === 'Left') throw new Error(retrained.left.message);
    expect(retrained.right.fromCache).toBe(false);
    retrained.right.dispose();

    const samples = await evalSamples(source.right, 32, [0, 1, 2])();
    if (samples._tag === 'Left') throw new Error(samples.left.message);
    const real = samples.right.map((s) => toRgb8(s.b, 32, 32));
    const labels = samples.right.map((s) => toRgb8(s.a, 32, 32));
    const a = evaluateRealism({ generated: real, real, labels, segmenter: first.right });
    const b = evaluateRealism({ generated: real, real, labels, segmenter: again.right });
    expect(b).toEqual(a);
    // generated = real: the FCN-score of the "generated" photos is the ceiling itself
    expect(a.fcn?.generated).toEqual(a.fcn?.real);
    expect(a.fcn?.real.perClass.map((c) => c.name)).toEqual([...DEFAULT_SEGMENTER.classNames]);
    expect(a.fcn?.real.pixelAccuracy).toBeGreaterThanOrEqual(0);
    first.right.dispose();
    again.right.dispose();
  });

  it('pix2pix train reports the colour test; pix2pix eval: Lab and FCN columns in the text and JSON, segmenter progress, cached the second time, --no_fcn', async () => {
    const runsDir = join(tmp, 'runs');
    const trained = await inProcess(['train', '--smoke', '--dataset_mode', 'synthetic', '--backend', 'cpu', '--runs_dir', runsDir]);
    expect(trained.code, trained.err).toBe(0);
    const [run] = readdirSync(runsDir);
    // train's own evaluation: the colour test for the trained and the untrained generator, in its output and report
    expect(trained.out).toMatch(/Realism: Lab colour histograms[^\n]*\n[^\n]*\ntrained\s+[01]\.\d{3}\s+[01]\.\d{3}\s+[01]\.\d{3}\s+—/);
    expect(readFileSync(join(runsDir, run ?? '', 'report.html'), 'utf8')).toMatch(/Lab L ∩ ↑[\s\S]*untrained \(step 0\)/);
    const args = ['eval', '--run', join(runsDir, run ?? ''), '--num_test', '3', '--backend', 'cpu', '--fcn_steps', '4', '--fcn_cache', join(tmp, 'eval-cache')];
    const json = join(tmp, 'metrics.json');
    const first = await inProcess([...args, '--output', json]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/segmenter: training on the 64 real photos/);
    expect(first.out).toMatch(/segmenter step 4\/4/);
    expect(first.out).toMatch(/L1/);
    expect(first.out).toMatch(/Realism: Lab colour histograms/);
    expect(first.out).toMatch(/real photos \(ceiling\)/);
    const written = JSON.parse(readFileSync(json, 'utf8')) as { final: { l1: number; realism: { colour: { l: number }; fcn: { generated: { pixelAccuracy: number }; real: { classIou: number } } } } };
    expect(written.final.l1).toBeGreaterThan(0);
    expect(written.final.realism.colour.l).toBeGreaterThan(0);
    expect(written.final.realism.colour.l).toBeLessThanOrEqual(1);
    expect(typeof written.final.realism.fcn.generated.pixelAccuracy).toBe('number');
    const second = await inProcess(args);
    expect(second.out).toMatch(/segmenter: from the cache/);
    const skipped = await inProcess([...args, '--no_fcn']);
    expect(skipped.code).toBe(0);
    expect(skipped.out).not.toMatch(/segmenter/);
    expect(skipped.out).toMatch(/Realism: Lab colour histograms/);
    expect(skipped.out).not.toMatch(/ceiling/);
  });
});
