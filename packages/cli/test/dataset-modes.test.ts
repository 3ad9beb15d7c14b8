import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRunConfig, channelsOfMode, describeTask, evalConfigOf, photoModeOf } from '../src/node';
import { sharedFacades } from '../../datasets/test/support/shared';
import { inProcess } from './support/in-process';

const runsRoot = mkdtempSync(join(tmpdir(), 'dataset-modes-'));
afterAll(() => rmSync(runsRoot, { recursive: true, force: true }));

/** A folder of plain photos (not AB pairs): train/ and test/, smooth colour gradients of a few sizes. */
const photoFolder = async (): Promise<string> => {
  const root = join(runsRoot, 'photos');
  for (const [split, count] of [['train', 3], ['test', 2]] as const) {
    mkdirSync(join(root, split), { recursive: true });
    for (let i = 0; i < count; i++) {
      const w = 40 + 8 * i;
      const h = 36;
      const data = Buffer.alloc(w * h * 3);
      for (let p = 0; p < w * h; p++) {
        const x = p % w;
        const y = Math.floor(p / w);
        data.set([(x * 6 + i * 40) & 255, (y * 7) & 255, ((x + y) * 3 + 90) & 255], 3 * p);
      }
      writeFileSync(join(root, split, `${i}.png`), await sharp(data, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer());
    }
  }
  return root;
};

/** Trains the smoke preset for a few steps through the CLI and returns the run folder. */
const smokeRun = async (args: readonly string[]): Promise<string> => {
  const runsDir = mkdtempSync(join(runsRoot, 'runs-'));
  const r = await inProcess(['train', '--smoke', '--backend', 'cpu', '--max_dataset_size', '3', '--num_test', '2', '--runs_dir', runsDir, ...args]);
  expect(r.err, r.out).toBe('');
  expect(r.code, r.out).toBe(0);
  const [run] = readdirSync(runsDir);
  return join(runsDir, run ?? '');
};

describe('--dataset_mode colorization|edges|inpaint: the configuration', () => {
  it('colorization is input_nc 1 and output_nc 2, the others 3 and 3; the photo side is recorded', () => {
    const c = buildRunConfig({ dataroot: '/data/photos', dataset_mode: 'colorization', photo_side: 'A' });
    expect(E.isRight(c) && [c.right.model.inputNc, c.right.model.outputNc, c.right.data.photoSide, c.right.run.name]).toEqual([1, 2, 'A', 'colorization']);
    const e = buildRunConfig({ dataroot: '/data/photos', dataset_mode: 'edges' });
    expect(E.isRight(e) && [e.right.model.inputNc, e.right.model.outputNc, e.right.data.photoSide]).toEqual([3, 3, 'whole']);
    expect(channelsOfMode('aligned')).toEqual({ inputNc: 3, outputNc: 3 });
    expect(E.isRight(e) && photoModeOf(e.right.data)).toEqual({ name: 'edges', photoSide: 'whole' });
    expect(E.isRight(e) && describeTask(e.right).title).toBe('photos: edges → photo (Canny edges)');
  });

  it('eval --dataroot on a photo-mode checkpoint keeps its mode (another folder of photos), only synthetic becomes aligned', () => {
    const c = buildRunConfig({ dataroot: '/data/photos', dataset_mode: 'colorization', photo_side: 'A' });
    expect(E.isRight(c) && evalConfigOf(c.right, { dataroot: '/other/photos' }).data).toMatchObject({ mode: 'colorization', photoSide: 'A', dataroot: '/other/photos' });
    const s = buildRunConfig({ dataset_mode: 'synthetic' });
    expect(E.isRight(s) && evalConfigOf(s.right, { dataroot: '/data/facades' }).data.mode).toBe('aligned');
  });

  it('refuses a photo mode without --dataroot, and --photo_side without a photo mode', () => {
    const none = buildRunConfig({ dataset_mode: 'inpaint' });
    expect(E.isLeft(none) && none.left.message).toMatch(/--dataroot: required with --dataset_mode inpaint/);
    const side = buildRunConfig({ dataroot: '/d', photo_side: 'B' });
    expect(E.isLeft(side) && side.left.message).toMatch(/--photo_side: only used with --dataset_mode/);
  });
});

describe('--dataset_mode colorization|edges|inpaint: a few real training steps through the CLI', () => {
  it('colorization on a folder of plain photos of different sizes: L -> ab, colour reassembled in samples and metrics', async () => {
    const run = await smokeRun(['--dataroot', await photoFolder(), '--dataset_mode', 'colorization']);
    const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')) as { data: { mode: string; photoSide: string }; model: { inputNc: number; outputNc: number } };
    expect([config.data.mode, config.data.photoSide, config.model.inputNc, config.model.outputNc]).toEqual(['colorization', 'whole', 1, 2]);
    const metrics = JSON.parse(readFileSync(join(run, 'metrics.json'), 'utf8')) as { final: { images: number; l1: number; psnr: number } };
    expect(metrics.final.images).toBe(2);
    expect(metrics.final.l1).toBeGreaterThan(0);
    expect(metrics.final.l1).toBeLessThan(0.5);
    // The sheet: 3 rows (gray L | generated colour | real colour) of 2 samples, 32x32 cells, 2 px gaps between them.
    const sheet = await sharp(join(run, 'samples', 'epoch-002.png')).raw().toBuffer({ resolveWithObject: true });
    expect([sheet.info.width, sheet.info.height, sheet.info.channels]).toEqual([2 * 32 + 2, 3 * 32 + 2 * 2, 3]);
    const px = (x: number, y: number) => [...sheet.data.subarray(3 * (y * sheet.info.width + x), 3 * (y * sheet.info.width + x) + 3)];
    const gray = px(16, 16);
    expect(gray[0] === gray[1] && gray[1] === gray[2]).toBe(true); // the input row is gray
    const real = px(16, 2 * 34 + 16);
    expect(new Set(real).size).toBeGreaterThan(1); // the target row has colour again
    expect(readFileSync(join(run, 'report.html'), 'utf8')).toContain('colorization: gray → colour');

    // pix2pix test with the colorization checkpoint: each file is a photo; its L is colourised, colour written.
    const out = join(runsRoot, 'colourised');
    const t = await inProcess(['test', '--run', run, '--dataroot', join(runsRoot, 'photos', 'test'), '--results_dir', out, '--backend', 'cpu']);
    expect(t.code, t.out + t.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['0.png', '1.png']);
    const written = await sharp(join(out, '1.png')).raw().toBuffer({ resolveWithObject: true });
    expect([written.info.width, written.info.height, written.info.channels]).toEqual([32, 32, 3]);
  });

  it.skipIf(sharedFacades === undefined).each(['edges', 'inpaint'] as const)('%s on the Facades photos (--photo_side A of the AB files)', async (mode) => {
    const run = await smokeRun(['--dataroot', sharedFacades ?? '', '--dataset_mode', mode, '--photo_side', 'A']);
    const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')) as { data: { mode: string; photoSide: string }; model: { inputNc: number } };
    expect([config.data.mode, config.data.photoSide, config.model.inputNc]).toEqual([mode, 'A', 3]);
    const metrics = JSON.parse(readFileSync(join(run, 'metrics.json'), 'utf8')) as { final: { images: number; psnr: number } };
    expect(metrics.final.images).toBe(2);
    expect(Number.isFinite(metrics.final.psnr)).toBe(true);
    const report = readFileSync(join(run, 'report.html'), 'utf8');
    expect(report).toContain(mode === 'edges' ? 'edges → photo' : 'inpainting');
    expect(report).toContain(`${mode} (--photo_side A)`);
  });
});
