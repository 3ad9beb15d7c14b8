import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import fc from 'fast-check';
import { pipe } from 'fp-ts/function';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alignedFolder,
  checkAlignedHeader,
  checkImageBytes,
  checkPixelLimit,
  checkSource,
  DatasetLoadError,
  DEFAULT_MAX_PIXELS,
  installArchive,
  listImages,
  nodeLoader,
  pairedFolders,
  readImageHeader,
  sharpDecoder,
  splitAligned,
  type Batch,
  type DatasetError,
  type Loader,
} from '../src/node';
import { unwrap, unwrapLeft } from './support/either';
import { serveFile } from './support/http-server';
import { encodeImage } from './support/images';
import { makeTar } from './support/make-tar';

let root = '';
let good = new Uint8Array(0); // a 64x32 aligned JPEG
const put = (dir: string, files: Record<string, Uint8Array | string>): string => {
  const d = join(root, dir);
  mkdirSync(d, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(join(d, name), data);
  return d;
};

const crc32 = (bytes: Uint8Array): number => {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
};
const chunk = (type: string, data: Uint8Array): Uint8Array => {
  const body = new Uint8Array([...new TextEncoder().encode(type), ...data]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(body, 4);
  view.setUint32(8 + data.length, crc32(body));
  return out;
};
/**
 * A small, well-formed PNG whose header claims `width x height` 8-bit RGB pixels (its image data is one zero
 * row: a decoder that trusts the header allocates everything first). 16384x16383 is just under sharp's 2^28.
 */
const hugePng = (width: number, height: number): Uint8Array => {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(new Uint8Array(1 + 3 * width))),
    chunk('IEND', new Uint8Array(0)),
  ];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
};

const collect = async (loader: Loader, epoch = 0): Promise<Batch[]> => {
  const out: Batch[] = [];
  for await (const b of loader.epoch(epoch)) out.push(b);
  return out;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'datasets-faults-'));
  good = new Uint8Array(await encodeImage(64, 32, 'jpeg'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('image pixel limits: the header is checked before decoding', () => {
  it('a small PNG claiming 16384x16383 pixels is refused by its header, by name', async () => {
    const png = hugePng(16384, 16383);
    expect(png.length).toBeLessThan(64 * 1024);
    expect(unwrap(readImageHeader(png))).toMatchObject({ width: 16384, height: 16383 });
    const e = unwrapLeft(checkImageBytes(png, 'huge.png'));
    expect(e).toMatchObject({ _tag: 'BadImage', problem: 'too-large', path: 'huge.png' });
    expect(e.message).toBe(
      'huge.png: claims 16384x16383 pixels (268,419,072), more than the limit of 67,108,864 (8192x8192); refused before decoding (raise maxPixels if the file is genuine)',
    );
    const decoded = unwrapLeft(await sharpDecoder().decode(png, 'huge.png')());
    expect(decoded).toMatchObject({ _tag: 'BadImage', problem: 'too-large' });
  });

  it('the limit is configurable, in the decoder and the loader (also in decode workers)', async () => {
    expect(DEFAULT_MAX_PIXELS).toBe(8192 * 8192);
    expect(unwrapLeft(await sharpDecoder({ maxPixels: 1000 }).decode(good, 'small.jpg')())).toMatchObject({ problem: 'too-large' });
    const dir = put('limit', { '1.jpg': good });
    for (const workers of [0, 1]) {
      const loader = unwrap(await pipe(alignedFolder(dir), TE.chain((s) => nodeLoader(s, { workers, loadSize: 32, cropSize: 32, maxPixels: 1000 })))());
      const error = await collect(loader).then(
        () => undefined,
        (e: unknown) => (e instanceof DatasetLoadError ? e.error : undefined),
      );
      await loader.close();
      expect(error?.message).toMatch(/1\.jpg: claims 64x32 pixels \(2,048\), more than the limit of 1,000;/);
    }
    const fine = unwrap(await pipe(alignedFolder(dir), TE.chain((s) => nodeLoader(s, { workers: 0, loadSize: 32, cropSize: 32, maxPixels: 2048 })))());
    expect(await collect(fine)).toHaveLength(1);
    await fine.close();
  });
});

describe('symbolic links in data folders', () => {
  const linkProblem = async (dir: string): Promise<DatasetError> => unwrapLeft(await listImages(dir, 'the test split')());

  it('a loop (sub -> .) is refused by name instead of multiplying the data', async () => {
    const dir = put('loop/train', { '1.jpg': good, '2.jpg': good });
    symlinkSync('.', join(dir, 'sub'));
    const e = await linkProblem(dir);
    expect(e).toMatchObject({ _tag: 'UnsafeLink', reason: 'loop', path: join(dir, 'sub') });
    expect(e.message).toMatch(/train\/sub: a symbolic link that resolves to .*loop\/train, a folder that contains it \(a loop\) \(not followed/);
    const deeper = put('loop2/train/a/b', { '1.jpg': good });
    symlinkSync('../..', join(deeper, 'up'));
    expect(await linkProblem(join(root, 'loop2/train'))).toMatchObject({ reason: 'loop' });
  });

  it('a link to /usr inside train/ is not walked: refused as leaving the data folder', async () => {
    const dir = put('usr/train', { '1.jpg': good });
    symlinkSync('/usr', join(dir, 'usr'));
    const e = await linkProblem(dir);
    expect(e).toMatchObject({ _tag: 'UnsafeLink', reason: 'outside', target: '/usr' });
    expect(e.message).toContain(`resolves to /usr, outside the data folder ${dir}`);
  });

  it('a file link out of the folder is refused; one inside it is listed', async () => {
    const outside = put('elsewhere', { 'x.jpg': good });
    const dir = put('filelinks/train', { '1.jpg': good });
    symlinkSync(join(outside, 'x.jpg'), join(dir, '2.jpg'));
    expect(await linkProblem(dir)).toMatchObject({ reason: 'outside', path: join(dir, '2.jpg') });
    rmSync(join(dir, '2.jpg'));
    symlinkSync('1.jpg', join(dir, '3.jpg'));
    symlinkSync('missing.jpg', join(dir, '4.jpg')); // dangling: ignored
    expect(unwrap(await listImages(dir, 'x')())).toEqual(['1.jpg', '3.jpg']);
  });

  it('a second name for a listed folder is refused; a linked hidden folder is walked once; the root may be a link', async () => {
    const dir = put('dups/train/real', { '1.jpg': good });
    symlinkSync('real', join(root, 'dups/train/again'));
    expect(await linkProblem(join(root, 'dups/train'))).toMatchObject({ reason: 'duplicate', path: join(root, 'dups/train/again') });
    rmSync(join(root, 'dups/train/again'));
    put('dups/train/.store', { '5.jpg': good });
    symlinkSync('.store', join(root, 'dups/train/visible'));
    symlinkSync(join(root, 'dups/train'), join(root, 'dups/linked-root'));
    expect(unwrap(await listImages(join(root, 'dups/linked-root'), 'x')())).toEqual(['real/1.jpg', 'visible/5.jpg']);
    expect(dir).toContain('real');
  });

  it('alignedFolder and pairedFolders pass the refusal on', async () => {
    const dir = put('aligned-loop/train', { '1.jpg': good });
    symlinkSync('.', join(dir, 'again'));
    expect(unwrapLeft(await alignedFolder(join(root, 'aligned-loop'), { phase: 'train' })())._tag).toBe('UnsafeLink');
    const b = put('paired/B', { '1.jpg': good });
    put('paired/A', { '1.jpg': good });
    symlinkSync('/usr', join(b, 'usr'));
    expect(unwrapLeft(await pairedFolders(join(root, 'paired/A'), b)())._tag).toBe('UnsafeLink');
  });
});

describe('the header pass (checkSource): data problems found before training', () => {
  it('refuses each bad pair by name, keeps the rest, counts the files and reports progress', async () => {
    const square = new Uint8Array(await encodeImage(32, 32, 'png'));
    const dir = put('check/train', {
      '1.jpg': good,
      '2.jpg': new Uint8Array(0),
      '3.jpg': 'hello, not an image',
      '4.jpg': good.subarray(0, 10),
      '5.png': square,
      '6.png': hugePng(16384, 16383),
      '7.jpg': good.subarray(0, Math.floor(good.length / 2)), // header intact, data cut: found when decoding
    });
    const source = unwrap(await alignedFolder(dir)());
    const progress: number[] = [];
    const check = await checkSource(source, { onProgress: (n, total) => progress.push(n / total) })();
    expect(check.files).toBe(7);
    expect(progress).toHaveLength(7);
    expect(progress[6]).toBe(1);
    expect(check.source.entries.map((e) => e.id)).toEqual([join(dir, '1.jpg'), join(dir, '7.jpg')]);
    expect(check.refused.map((r) => [r.id.slice(dir.length + 1), r.error._tag === 'BadImage' ? r.error.problem : r.error._tag])).toEqual([
      ['2.jpg', 'empty'],
      ['3.jpg', 'not-an-image'],
      ['4.jpg', 'corrupt'],
      ['5.png', 'aspect'],
      ['6.png', 'too-large'],
    ]);
    expect(check.refused[3]?.error.message).toBe(`${join(dir, '5.png')}: is 32x32, but an aligned image must be exactly twice as wide as tall (2:1, e.g. 512x256): A on the left, B on the right`);
  });

  it('checks separate pairs for equal sizes, and reads only the head of each file', async () => {
    const a = put('check-ab/A', { '1.png': await encodeImage(16, 16, 'png'), '2.png': await encodeImage(16, 16, 'png') });
    const b = put('check-ab/B', { '1.png': await encodeImage(16, 16, 'png'), '2.png': await encodeImage(24, 16, 'png') });
    const check = await checkSource(unwrap(await pairedFolders(a, b)()))();
    expect(check.files).toBe(4);
    expect(check.refused.map((r) => r.error.message)).toEqual([`${join(b, '2.png')}: is 24x16 but its A file ${join(a, '2.png')} is 16x16; A and B of a pair must have the same size`]);
  });

  it('a JPEG whose frame header lies beyond the first 64 KiB is still read', async () => {
    // A 100 KB APP15 padding segment pushed in front of the frame header.
    const pad = (n: number): Uint8Array => new Uint8Array([0xff, 0xef, (n + 2) >> 8, (n + 2) & 255, ...new Uint8Array(n)]);
    const padded = new Uint8Array([...good.subarray(0, 2), ...pad(50_000), ...pad(50_000), ...good.subarray(2)]);
    const dir = put('check-far', { '1.jpg': padded });
    const check = await checkSource(unwrap(await alignedFolder(dir)()))();
    expect(check.refused).toEqual([]);
  });
});

describe('a cached dataset archive is checked before it is installed', () => {
  const tarGz = (text: string): Uint8Array => gzipSync(makeTar([{ path: 'set/' , type: 'directory' }, { path: 'set/a.txt', data: new TextEncoder().encode(text) }]));
  const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

  it('a tampered cache is refused with a note and downloaded again (expected sha256 given)', async () => {
    const genuine = tarGz('genuine');
    const server = await serveFile('set.tar.gz', genuine);
    try {
      const cacheDir = put('cache-expected', { 'set.tar.gz': tarGz('tampered') });
      const notes: string[] = [];
      const dir = unwrap(await installArchive({ name: 'set', url: server.url, cacheDir, sha256: sha(genuine), retries: 0, onNote: (l) => notes.push(l) })());
      expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('genuine');
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(new RegExp(`set\\.tar\\.gz: cached archive refused \\(SHA-256 mismatch: expected ${sha(genuine)}, got [0-9a-f]{64}\\); deleted, downloading it again`));
      expect(server.requests).toHaveLength(1);
      expect(readdirSync(cacheDir)).toEqual(['set']);
    } finally {
      await server.close();
    }
  });

  it('without an expected sha256, the digest recorded at download is checked; a cache with none is not trusted', async () => {
    const genuine = tarGz('genuine');
    const server = await serveFile('set.tar.gz', genuine);
    try {
      // An earlier run downloaded the archive (and recorded its digest) but stopped before extracting; then it was tampered with.
      const cacheDir = put('cache-recorded', { 'set.tar.gz': tarGz('tampered'), 'set.tar.gz.sha256': `${sha(genuine)}\n` });
      const notes: string[] = [];
      const dir = unwrap(await installArchive({ name: 'set', url: server.url, cacheDir, retries: 0, onNote: (l) => notes.push(l) })());
      expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('genuine');
      expect(notes[0]).toMatch(/cached archive refused \(SHA-256 mismatch/);

      const bare = put('cache-bare', { 'set.tar.gz': tarGz('unknown origin') });
      const notes2: string[] = [];
      const dir2 = unwrap(await installArchive({ name: 'set', url: server.url, cacheDir: bare, retries: 0, onNote: (l) => notes2.push(l) })());
      expect(readFileSync(join(dir2, 'a.txt'), 'utf8')).toBe('genuine');
      expect(notes2[0]).toMatch(/cached archive refused \(has no recorded or expected SHA-256 to check it against\)/);

      // The genuine cached archive with its record is used as it is: no request.
      const kept = put('cache-good', { 'set.tar.gz': genuine, 'set.tar.gz.sha256': sha(genuine) });
      const before = server.requests.length;
      unwrap(await installArchive({ name: 'set', url: server.url, cacheDir: kept, retries: 0 })());
      expect(server.requests.length).toBe(before);
      expect(existsSync(join(kept, 'set.tar.gz.sha256'))).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('when the fresh download does not match either, nothing is installed', async () => {
    const server = await serveFile('set.tar.gz', tarGz('still wrong'));
    try {
      const cacheDir = put('cache-refused', { 'set.tar.gz': tarGz('tampered') });
      const e = unwrapLeft(await installArchive({ name: 'set', url: server.url, cacheDir, sha256: sha(tarGz('genuine')), retries: 0 })());
      expect(e._tag).toBe('Checksum');
      expect(readdirSync(cacheDir)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('the header checks agree with the loader (fast-check)', () => {
  const FC = { seed: 20261203, numRuns: 200 } as const; // fixed seed: the suite is deterministic
  const header = (width: number, height: number) => ({ format: 'png' as const, width, height, colour: 'rgb' as const, bitDepth: 8 });
  const image = (width: number, height: number) => ({ width, height, channels: 3 as const, data: new Uint8Array(width * height * 3) });

  it('an aligned size the loader splits is never refused from its header; one refused is split neither way round', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (w, h, square) => {
        const fromHeader = E.isRight(checkAlignedHeader(header(w, h), 'x.png', square));
        const splits = E.isRight(splitAligned(image(w, h), 'x.png', square));
        const splitsRotated = E.isRight(splitAligned(image(h, w), 'x.png', square));
        expect(splits ? fromHeader : true).toBe(true);
        expect(fromHeader ? true : !splits && !splitsRotated).toBe(true);
      }),
      FC,
    );
  });

  it('the pixel limit refuses exactly the headers over it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1 << 16 }), fc.integer({ min: 1, max: 1 << 16 }), fc.integer({ min: 1, max: 1 << 30 }), (w, h, limit) => {
        expect(E.isRight(checkPixelLimit(header(w, h), 'x.png', limit))).toBe(w * h <= limit);
      }),
      FC,
    );
  });
});
