import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alignedFolder,
  DatasetLoadError,
  decodeDatasetConfig,
  decodeLoaderOptions,
  formatReport,
  matchPairs,
  nodeLoader,
  openDataset,
  pairedFolders,
  readImageHeader,
  sharpDecoder,
  type Batch,
  type DatasetError,
  type Loader,
} from '../src/node';
import { unwrap, unwrapLeft } from './support/either';
import { encodeImage } from './support/images';

let root = '';
const listing = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

const collect = async (loader: Loader, epoch = 0): Promise<Batch[]> => {
  const out: Batch[] = [];
  for await (const b of loader.epoch(epoch)) out.push(b);
  return out;
};

const failure = async (loader: Loader): Promise<DatasetError> => {
  try {
    await collect(loader);
  } catch (e) {
    if (e instanceof DatasetLoadError) return e.error;
    throw e;
  } finally {
    await loader.close();
  }
  throw new Error('expected the epoch to fail');
};

const load = (dir: string, options: Parameters<typeof nodeLoader>[1] = {}) =>
  pipe(alignedFolder(dir), TE.chain((s) => nodeLoader(s, { workers: 0, loadSize: 32, cropSize: 32, shuffle: false, ...options })));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'datasets-errors-'));
  const good = await encodeImage(64, 32, 'jpeg');
  const mk = (dir: string, files: Record<string, Uint8Array | string>): void => {
    mkdirSync(join(root, dir), { recursive: true });
    for (const [name, data] of Object.entries(files)) writeFileSync(join(root, dir, name), data);
  };
  mk('truncated', { '1.jpg': good, '2.jpg': good.subarray(0, Math.floor(good.length / 2)) });
  mk('empty', { '1.jpg': good, '2.jpg': new Uint8Array(0) });
  mk('text', { '1.jpg': 'hello, I am not a picture\n' });
  mk('tiny', { '1.png': await encodeImage(3, 1, 'png') });
  mk('odd', { '1.png': await encodeImage(65, 32, 'png') });
  mk('wide', { '1.png': await encodeImage(128, 32, 'png') });
  mk('mixed', {
    '1.png': await encodeImage(64, 32, 'png', 1),
    '2.png': await encodeImage(64, 32, 'png', 4),
    '3.jpg': await encodeImage(64, 32, 'jpeg', 1),
    '4.jpg': good,
    '5.png': await encodeImage(64, 32, 'png', 2),
  });
  mk('pairs/A', { '1.jpg': await encodeImage(32, 32, 'jpeg'), '2.jpg': await encodeImage(32, 32, 'jpeg'), '3.jpg': await encodeImage(32, 32, 'jpeg') });
  mk('pairs/B', { '1.png': await encodeImage(32, 32, 'png'), '2.png': await encodeImage(32, 32, 'png'), '4.png': await encodeImage(32, 32, 'png') });
  mk('sizes/A', { 'x.png': await encodeImage(32, 32, 'png') });
  mk('sizes/B', { 'x.png': await encodeImage(40, 32, 'png') });
  mk('ok/A', { 'x.jpg': await encodeImage(32, 32, 'jpeg', 3, 1), 'y.jpg': await encodeImage(32, 32, 'jpeg', 3, 2) });
  mk('ok/B', { 'x.png': await encodeImage(32, 32, 'png', 3, 3), 'y.png': await encodeImage(32, 32, 'png', 3, 4) });
  // EXIF orientation 6 (rotate 90° clockwise to display): stored 32x64, shown 64x32.
  const stored = await sharp(await encodeImage(32, 64, 'png')).jpeg().withMetadata({ orientation: 6 }).toBuffer();
  mk('exif', { '1.jpg': stored });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('corrupt and unusual inputs give errors that name the file', () => {
  it('a truncated JPEG', async () => {
    const before = listing(root);
    const e = await failure(unwrap(await load(join(root, 'truncated'))()));
    expect(e).toMatchObject({ _tag: 'BadImage', problem: 'corrupt', path: join(root, 'truncated', '2.jpg') });
    expect(e.message).toMatch(/2\.jpg: cannot be decoded \(.*(premature end|truncated)/i);
    expect(listing(root)).toEqual(before); // nothing written into the data folder
  });

  it('a zero-byte file', async () => {
    const e = await failure(unwrap(await load(join(root, 'empty'))()));
    expect(e).toMatchObject({ _tag: 'BadImage', problem: 'empty' });
    expect(e.message).toBe(`${join(root, 'empty', '2.jpg')}: is empty (0 bytes)`);
  });

  it('a text file named .jpg', async () => {
    const e = await failure(unwrap(await load(join(root, 'text'))()));
    expect(e).toMatchObject({ _tag: 'BadImage', problem: 'not-an-image' });
    expect(e.message).toBe(`${join(root, 'text', '1.jpg')}: is not a JPEG or PNG (starts with text "hello, I am not ")`);
  });

  it('a 3x1 image (and an odd width, and 4:1) in the aligned layout', async () => {
    const tiny = await failure(unwrap(await load(join(root, 'tiny'))()));
    expect(tiny).toMatchObject({ _tag: 'BadImage', problem: 'aspect' });
    expect(tiny.message).toMatch(/1\.png: is 3x1, but an aligned image must be exactly twice as wide as tall \(2:1/);
    const odd = await failure(unwrap(await load(join(root, 'odd'))()));
    expect(odd.message).toMatch(/is 65x32/);
    const wide = await failure(unwrap(await load(join(root, 'wide'))()));
    expect(wide.message).toMatch(/is 128x32/);
    // without the 2:1 requirement, an even width is enough
    const relaxed = await pipe(
      alignedFolder(join(root, 'wide'), { requireSquareHalves: false }),
      TE.chain((s) => nodeLoader(s, { workers: 0, preprocess: 'none' })),
    )();
    const batches = await collect(unwrap(relaxed));
    expect(batches[0]?.shape).toEqual([1, 32, 64, 3]);
  });

  it('mismatched A/B names list what is missing on each side', async () => {
    const e = unwrapLeft(await pairedFolders(join(root, 'pairs/A'), join(root, 'pairs/B'))());
    expect(e).toMatchObject({ _tag: 'MismatchedPairs', onlyInA: ['3.jpg'], onlyInB: ['4.png'] });
    expect(e.message).toBe(`${join(root, 'pairs/A')} and ${join(root, 'pairs/B')} do not pair up: only in A: 3.jpg; only in B: 4.png`);
    expect(unwrapLeft(matchPairs(['a.jpg', 'a.png'], ['a.png'], 'A', 'B')).message).toMatch(/A has both a\.jpg and a\.png/);
  });

  it('A and B of a pair with different sizes', async () => {
    const source = unwrap(await pairedFolders(join(root, 'sizes/A'), join(root, 'sizes/B'))());
    const e = await failure(unwrap(await nodeLoader(source, { workers: 0 })()));
    expect(e).toMatchObject({ _tag: 'BadImage', problem: 'size-mismatch' });
    expect(e.message).toMatch(/sizes\/B\/x\.png: is 40x32 but its A file .*sizes\/A\/x\.png is 32x32/);
  });

  it('a missing folder, and a folder without images', async () => {
    const missing = unwrapLeft(await alignedFolder(join(root, 'nope'), { phase: 'train' })());
    expect(missing).toMatchObject({ _tag: 'MissingFolder' });
    expect(missing.message).toBe(`${join(root, 'nope', 'train')}: folder not found (the aligned train split)`);
    mkdirSync(join(root, 'none'), { recursive: true });
    expect(unwrapLeft(await alignedFolder(join(root, 'none'))()).message).toMatch(/no \.jpg, \.jpeg or \.png files found/);
  });

  it('skipBad counts and reports bad files instead of aborting', async () => {
    const loader = unwrap(await load(join(root, 'truncated'), { skipBad: true })());
    const batches = await collect(loader);
    expect(batches.map((b) => b.paths)).toEqual([[join(root, 'truncated', '1.jpg')]]);
    const report = loader.report();
    expect(report.loaded).toBe(1);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]?.path).toBe(join(root, 'truncated', '2.jpg'));
    expect(formatReport(report)).toMatch(/1 of 2 pairs loaded; skipped 1 bad pair:\n {2}- .*2\.jpg: cannot be decoded/);
    await collect(loader, 1);
    expect(loader.report().skipped[0]?.times).toBe(2);
    await loader.close();
  });

  it('when every file is bad, skipBad still ends the epoch with an error', async () => {
    const e = await failure(unwrap(await load(join(root, 'text'), { skipBad: true })()));
    expect(e.message).toMatch(/every one of the 1 pairs .* failed in epoch 0/);
  });
});

describe('grayscale / RGBA / gray+alpha mixes', () => {
  it('are converted to RGB and counted in the report by default', async () => {
    const loader = unwrap(await load(join(root, 'mixed'), { preprocess: 'none' })());
    const batches = await collect(loader);
    expect(batches).toHaveLength(5);
    expect(loader.report().converted).toEqual({ '8-bit gray PNG': 1, '8-bit RGBA PNG': 1, '8-bit gray JPEG': 1, '8-bit gray-alpha PNG': 1 });
    // gray input: R = G = B
    const gray = batches[0];
    expect(gray?.a[0]).toBe(gray?.a[1]);
    expect(gray?.a[1]).toBe(gray?.a[2]);
    await loader.close();
  });

  it('are refused with strict: true, naming the file and its format', async () => {
    const e = await failure(unwrap(await load(join(root, 'mixed'), { strict: true })()));
    expect(e).toMatchObject({ _tag: 'BadImage', problem: 'not-rgb' });
    expect(e.message).toBe(`${join(root, 'mixed', '1.png')}: is a 8-bit gray PNG; strict mode accepts 8-bit RGB only (strict: false converts it)`);
  });

  it('alpha is dropped as PIL convert("RGB") does, headers are read without decoding', async () => {
    const rgba = await sharp(Buffer.from([10, 20, 30, 0, 40, 50, 60, 128]), { raw: { width: 2, height: 1, channels: 4 } }).png().toBuffer();
    const d = unwrap(await sharpDecoder().decode(rgba, 'x.png')());
    expect([...d.image.data]).toEqual([10, 20, 30, 40, 50, 60]);
    expect(unwrap(readImageHeader(rgba))).toEqual({ format: 'png', width: 2, height: 1, colour: 'rgba', bitDepth: 8 });
  });

  it('EXIF orientation is honoured', async () => {
    const path = join(root, 'exif', '1.jpg');
    const bytes = readFileSync(path);
    const d = unwrap(await sharpDecoder().decode(bytes, path)());
    expect([d.image.width, d.image.height]).toEqual([64, 32]);
    expect(unwrap(readImageHeader(bytes))).toMatchObject({ width: 32, height: 64 }); // as stored
    const batches = await collect(unwrap(await load(join(root, 'exif'))()));
    expect(batches).toHaveLength(1); // a 2:1 image once rotated
  });
});

describe('options and configs are decoded with io-ts', () => {
  it('reports unknown keys, wrong types and impossible combinations', () => {
    expect(unwrapLeft(decodeLoaderOptions({ cropsize: 256 })).message).toMatch(/unknown key "cropsize" \(known: preprocess, loadSize, cropSize/);
    expect(unwrapLeft(decodeLoaderOptions({ cropSize: 0 })).message).toBe('invalid loader options: cropSize: expected an integer in [1, 16384], got 0');
    expect(unwrapLeft(decodeLoaderOptions({ preprocess: 'resize' })).message).toMatch(/preprocess: expected one of 'resize_and_crop'/);
    expect(unwrapLeft(decodeLoaderOptions({ loadSize: 200 })).message).toMatch(/loadSize \(200\) must be >= cropSize \(256\)/);
    expect(E.isRight(decodeLoaderOptions({ preprocess: 'scale_width', loadSize: 200 }))).toBe(true);
    expect(unwrapLeft(decodeDatasetConfig({ kind: 'aligned' })).message).toBe(
      'invalid aligned dataset config: root: expected a non-empty string, got undefined',
    );
    expect(unwrapLeft(decodeDatasetConfig({ kind: 'zip' })).message).toMatch(/kind: expected 'aligned', 'paired', 'facades' or 'synthetic'/);
  });

  it('openDataset turns a JSON config into a source', async () => {
    const s = unwrap(await openDataset({ kind: 'paired', a: join(root, 'ok/A'), b: join(root, 'ok/B'), direction: 'BtoA' })());
    expect(s.entries.map((e) => e.kind)).toEqual(['separate', 'separate']);
    expect(s.direction).toBe('BtoA');
    const syn = unwrap(await openDataset({ kind: 'synthetic', count: 3, size: 16 })());
    expect(syn.entries).toHaveLength(3);
  });

  it('direction decides which file is the input', async () => {
    const ab = unwrap(await pairedFolders(join(root, 'ok/A'), join(root, 'ok/B'), { direction: 'AtoB' })());
    const ba = unwrap(await pairedFolders(join(root, 'ok/A'), join(root, 'ok/B'), { direction: 'BtoA' })());
    const opts = { workers: 0, preprocess: 'none', shuffle: false } as const;
    const [x] = await collect(unwrap(await nodeLoader(ab, opts)()));
    const [y] = await collect(unwrap(await nodeLoader(ba, opts)()));
    expect(x?.a).toEqual(y?.b);
    expect(x?.b).toEqual(y?.a);
  });
});
