import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { alignedFolder } from '@pix2pix-ts/datasets/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_FOLDER_FILES, checkData, crc32, encodePng, formatDataFaults, mergeSkipped } from '../src/node';
import { runCli } from './support/run-cli';

let work = '';
/** A deterministic 64x32 aligned PNG (A | B, two 32x32 halves). */
const aligned = (seed: number): Uint8Array => {
  const data = new Uint8Array(64 * 32 * 3).map((_, i) => (i * 37 + seed * 101 + (i >> 6) * 11) & 255);
  return encodePng({ width: 64, height: 32, data });
};
const pngChunk = (type: string, data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
};
/** A few hundred bytes of PNG whose header claims 16384x16383 RGB pixels (just under sharp's 2^28 limit). */
const hugePng = (): Uint8Array => {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, 16384);
  new DataView(ihdr.buffer).setUint32(4, 16383);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const sig = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Uint8Array.from([...sig, ...pngChunk('IHDR', ihdr), ...pngChunk('IDAT', deflateSync(new Uint8Array(64))), ...pngChunk('IEND', new Uint8Array(0))]);
};
const dataset = (name: string, train: Record<string, Uint8Array>, test: Record<string, Uint8Array> = {}): string => {
  const root = join(work, name);
  mkdirSync(join(root, 'train'), { recursive: true });
  mkdirSync(join(root, 'test'), { recursive: true });
  for (const [f, bytes] of Object.entries(train)) writeFileSync(join(root, 'train', f), bytes);
  for (let i = 1; i <= 3; i++) writeFileSync(join(root, 'test', `${i}.png`), aligned(100 + i));
  for (const [f, bytes] of Object.entries(test)) writeFileSync(join(root, 'test', f), bytes);
  return root;
};
const goodSix = (): Record<string, Uint8Array> => Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`${i + 1}.png`, aligned(i)]));
const damaged = (): Uint8Array => aligned(7).subarray(0, 160); // a valid header, image data cut short
const runDirIn = (parent: string): string => join(parent, readdirSync(parent)[0] ?? 'missing');
const TRAIN = ['train', '--smoke', '--backend', 'wasm', '--num_threads', '0', '--max_dataset_size', '16'];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pix2pix-data-faults-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('bad training data: found before training, skipped and counted, or --strict_data', () => {
  it('an empty, an over-large and a damaged image no longer end the run: left out, counted in the log, run.json and report', async () => {
    const root = dataset('mixed', { ...goodSix(), '7.png': new Uint8Array(0), '8.png': damaged(), '9.png': hugePng() }, { '4.png': damaged() });
    const runs = join(work, 'runs-mixed');
    const r = await runCli([...TRAIN, '--dataroot', root, '--runs_dir', runs]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const train = join(root, 'train');
    expect(r.stdout).toContain(`⚠ data check (the train split): 9 files, 2 bad pairs left out (--strict_data stops instead):\n  - ${join(train, '7.png')}: is empty (0 bytes)\n  - ${join(train, '9.png')}: claims 16384x16383 pixels`);
    expect(r.stdout).toContain('data check (the test split): 4 files, all usable');
    // The evaluation split is decoded once before training: its damaged image would otherwise fail the final evaluation.
    expect(r.stdout).toContain(`⚠ the test split: 1 pair cannot be decoded, left out of the evaluation:\n  - ${join(root, 'test', '4.png')}: cannot be decoded`);
    expect(r.stdout).toContain('evaluating on test (3 images)');
    expect(r.stdout).toMatch(/7 pairs, 7 iterations per epoch/);
    expect(r.stdout).toContain('⚠ data: 4 bad pairs left out (3 refused before training, 1 skipped while training):');
    expect(r.stdout).toMatch(new RegExp(`  - ${join(train, '8.png')}: cannot be decoded \\(.*\\) \\(skipped in \\d epochs\\)`));
    const dir = runDirIn(runs);
    const info = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { status: string; dataFaults: { filesChecked: number; refused: { path: string }[]; skipped: { path: string; times: number }[] } };
    expect(info.status).toBe('complete');
    expect(info.dataFaults.filesChecked).toBe(13);
    expect(info.dataFaults.refused.map((f) => f.path)).toEqual([join(train, '7.png'), join(train, '9.png'), join(root, 'test', '4.png')]);
    expect(info.dataFaults.skipped.map((f) => f.path)).toEqual([join(train, '8.png')]);
    expect(info.dataFaults.skipped[0]?.times).toBeGreaterThanOrEqual(2);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('4 bad pairs left out (3 refused before training, 1 skipped while training; listed in run.json).');
  });

  it('--strict_data fails before training on a file the header pass refuses, and at the damaged one while training', async () => {
    const early = dataset('strict-early', { ...goodSix(), '7.png': new Uint8Array(0) });
    const a = await runCli([...TRAIN, '--strict_data', '--dataroot', early, '--runs_dir', join(work, 'runs-strict-early')]);
    expect(a.code).toBe(1);
    expect(a.stderr).toBe(`pix2pix: --strict_data: 1 bad pair in the train split (7 files checked): ${join(early, 'train', '7.png')}: is empty (0 bytes)\n`);
    expect(a.stdout).not.toMatch(/^step /m);

    const late = dataset('strict-late', { ...goodSix(), '8.png': damaged() });
    const lateRuns = join(work, 'runs-strict-late');
    const b = await runCli([...TRAIN, '--strict_data', '--dataroot', late, '--runs_dir', lateRuns]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(new RegExp(`^pix2pix: ${join(late, 'train', '8.png')}: cannot be decoded .*\\(the run can continue from its newest checkpoint: pix2pix train --resume `));
    // The run is failed, with the file named, and resumes (from its newest checkpoint, init at least) without --strict_data.
    const dir = runDirIn(lateRuns);
    const failed = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { status: string; failure: { step: number; reason: string } };
    expect(failed.status).toBe('failed');
    expect(failed.failure.reason).toContain(`${join(late, 'train', '8.png')}: cannot be decoded`);
    const resumed = await runCli(['train', '--resume', dir, '--backend', 'wasm']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`  - ${join(late, 'train', '8.png')}: cannot be decoded .*\\(skipped in \\d epochs?\\)`));
    expect((JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { status: string }).status).toBe('complete');
  });

  it('a symlink loop or a link out of the data folder is refused by name before anything trains', async () => {
    const loop = dataset('loop', goodSix());
    symlinkSync('.', join(loop, 'train', 'sub'));
    const a = await runCli([...TRAIN, '--dataroot', loop, '--runs_dir', join(work, 'runs-loop')]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(new RegExp(`^pix2pix: ${join(loop, 'train', 'sub')}: a symbolic link that resolves to .*, a folder that contains it \\(a loop\\)`));
    const usr = dataset('usr', goodSix());
    symlinkSync('/usr', join(usr, 'train', 'usr'));
    const b = await runCli([...TRAIN, '--dataroot', usr, '--runs_dir', join(work, 'runs-usr')]);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain(`${join(usr, 'train', 'usr')}: a symbolic link that resolves to /usr, outside the data folder`);
  });
});

describe('the header pass in the CLI', () => {
  it('says how many files it checked on big folders, and nothing more on small ones', async () => {
    const big = join(work, 'big');
    mkdirSync(big);
    const one = aligned(1);
    for (let i = 0; i < 1200; i++) writeFileSync(join(big, `${i}.png`), one);
    const source = await alignedFolder(big)();
    if (source._tag === 'Left') throw new Error(source.left.message);
    const lines: string[] = [];
    const checked = await checkData(source.right, 'the big split', false, (l) => lines.push(l))();
    expect(BIG_FOLDER_FILES).toBe(1000);
    expect(checked._tag === 'Right' && checked.right.filesChecked).toBe(1200);
    expect(lines).toEqual([...Array.from({ length: 9 }, (_, i) => `checking the big split: ${120 * (i + 1)} of 1200 files…`), 'data check (the big split): 1200 files, all usable']);

    const small: string[] = [];
    await checkData({ ...source.right, entries: source.right.entries.slice(0, 10) }, 'x', false, (l) => small.push(l))();
    expect(small).toEqual(['data check (x): 10 files, all usable']);
  });

  it('a split whose every pair is bad is an error even without --strict_data', async () => {
    const root = dataset('all-bad', { '1.png': new Uint8Array(0) });
    const source = await alignedFolder(root, { phase: 'train' })();
    if (source._tag === 'Left') throw new Error(source.left.message);
    const r = await checkData(source.right, 'the train split', false, () => {})();
    expect(r._tag === 'Left' && r.left.message).toBe(`the train split: none of its 1 pairs is usable: ${join(root, 'train', '1.png')}: is empty (0 bytes)`);
  });

  it('skips of several segments add up per pair; the log lists at most 10', () => {
    expect(mergeSkipped([{ path: 'a', message: 'a: x', times: 2 }], [{ path: 'a', message: 'a: x', times: 1 }, { path: 'b', message: 'b: y', times: 1 }])).toEqual([
      { path: 'a', message: 'a: x', times: 3 },
      { path: 'b', message: 'b: y', times: 1 },
    ]);
    const refused = Array.from({ length: 12 }, (_, i) => ({ path: `${i}`, message: `${i}: bad` }));
    const lines = formatDataFaults({ filesChecked: 20, refused, skipped: [] });
    expect(lines[0]).toBe('⚠ data: 12 bad pairs left out (12 refused before training, 0 skipped while training):');
    expect(lines).toHaveLength(12);
    expect(lines[11]).toBe('  … and 2 more (all in run.json, dataFaults)');
    expect(formatDataFaults({ filesChecked: 20, refused: [], skipped: [] })).toEqual([]);
  });
});
