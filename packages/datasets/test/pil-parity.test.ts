import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as t from 'io-ts';
import { crop, flipHorizontal, resizeBicubic, resizeBicubicWindow, rgbImage, sharpDecoder, splitAligned, applyTransform } from '../src/node';
import { unwrap } from './support/either';
import { pattern } from './support/patterns';
import { sharedFacades } from './support/shared';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const Fixture = t.type({
  pillow: t.string,
  resize: t.array(
    t.type({
      pattern: t.keyof({ noise: null, smooth: null }),
      width: t.number,
      height: t.number,
      outWidth: t.number,
      outHeight: t.number,
      seed: t.number,
      sha256: t.string,
      head: t.array(t.number),
    }),
  ),
  facades: t.type({
    file: t.string,
    decodedSha256: t.string,
    loadSize: t.number,
    cropSize: t.number,
    crop: t.tuple([t.number, t.number]),
    flip: t.boolean,
    A: t.type({ sha256: t.string, head: t.array(t.number) }),
    B: t.type({ sha256: t.string, head: t.array(t.number) }),
  }),
});
const decodedFixture = Fixture.decode(JSON.parse(readFileSync(new URL('./fixtures/pil-bicubic.json', import.meta.url), 'utf8')));
if (decodedFixture._tag === 'Left') throw new Error('test/fixtures/pil-bicubic.json does not match its codec');
const fixture = decodedFixture.right;

describe('bicubic resize = Pillow Image.resize(BICUBIC), bit for bit', () => {
  it.each(fixture.resize.map((c) => [`${c.pattern} ${c.width}x${c.height} -> ${c.outWidth}x${c.outHeight}`, c] as const))(
    '%s (recorded from Pillow %s)',
    (_name, c) => {
      const out = resizeBicubic(pattern(c.pattern, c.width, c.height, c.seed), c.outWidth, c.outHeight);
      expect([...out.data.subarray(0, 12)]).toEqual(c.head);
      expect(sha(out.data)).toBe(c.sha256);
    },
  );

  it('a window of the resize equals the resize then cropped', () => {
    const src = pattern('noise', 256, 256, 1);
    const full = resizeBicubic(src, 286, 286);
    for (const [x, y] of [[0, 0], [30, 30], [17, 5], [3, 29]] as const) {
      const w = resizeBicubicWindow(src, 286, 286, { x, y, width: 256, height: 256 });
      expect(sha(w.data)).toBe(sha(crop(full, x, y, 256, 256).data));
    }
    const odd = resizeBicubicWindow(src, 300, 200, { x: 7, y: 11, width: 50, height: 60 });
    expect(sha(odd.data)).toBe(sha(crop(resizeBicubic(src, 300, 200), 7, 11, 50, 60).data));
  });
});

const python = '/usr/bin/python3';
const hasPil = spawnSync(python, ['-c', 'import PIL'], { stdio: 'ignore' }).status === 0;
if (!hasPil) console.warn(`[datasets tests] skipping the live Pillow cross-check: ${python} cannot import PIL (the recorded fixture still runs)`);

describe.skipIf(!hasPil)('live cross-check against the installed Pillow', () => {
  it('random sizes, both directions, agree exactly', () => {
    const cases = [
      [37, 23, 91, 17],
      [200, 150, 64, 301],
      [511, 3, 9, 40],
      [2, 2, 33, 1],
      [120, 90, 119, 91],
      [256, 256, 286, 286],
    ] as const;
    const script = [
      'import sys, hashlib',
      'from PIL import Image',
      'data = sys.stdin.buffer.read()',
      'off = 0',
      'for line in sys.argv[1:]:',
      '    w, h, ow, oh = map(int, line.split(","))',
      '    n = w * h * 3',
      '    im = Image.frombytes("RGB", (w, h), data[off:off + n]); off += n',
      '    print(hashlib.sha256(im.resize((ow, oh), Image.BICUBIC).tobytes()).hexdigest())',
    ].join('\n');
    const inputs = cases.map(([w, h], i) => pattern(i % 2 === 0 ? 'noise' : 'smooth', w, h, 100 + i));
    const stdin = Buffer.concat(inputs.map((img) => img.data));
    const run = spawnSync(python, ['-c', script, ...cases.map((c) => c.join(','))], { input: stdin });
    expect(run.status, run.stderr.toString()).toBe(0);
    const theirs = run.stdout.toString().trim().split('\n');
    const ours = cases.map(([, , ow, oh], i) => sha(resizeBicubic(inputs[i] ?? rgbImage(0, 0, new Uint8Array(0)), ow, oh).data));
    expect(ours).toEqual(theirs);
  });
});

describe.skipIf(sharedFacades === undefined)('Facades through the official transform', () => {
  it('decode (sharp) + split + resize 286 + crop + flip = PIL + the official get_transform', async () => {
    const dir = sharedFacades ?? '';
    const f = fixture.facades;
    const path = join(dir, f.file);
    const decoded = unwrap(await sharpDecoder().decode(readFileSync(path), path)());
    expect(sha(decoded.image.data)).toBe(f.decodedSha256); // sharp decodes exactly as PIL does here
    const { a, b } = unwrap(splitAligned(decoded.image, path, true));
    const options = { preprocess: 'resize_and_crop' as const, loadSize: f.loadSize, cropSize: f.cropSize, noFlip: false };
    const params = { crop: { x: f.crop[0], y: f.crop[1] }, flip: f.flip };
    const outA = unwrap(applyTransform(a, options, params));
    const outB = unwrap(applyTransform(b, options, params));
    expect([...outA.data.subarray(0, 12)]).toEqual(f.A.head);
    expect(sha(outA.data)).toBe(f.A.sha256);
    expect(sha(outB.data)).toBe(f.B.sha256);
    // and the same through the unfused steps
    const manual = flipHorizontal(crop(resizeBicubic(a, 286, 286), f.crop[0], f.crop[1], 256, 256));
    expect(sha(manual.data)).toBe(f.A.sha256);
  });
});
