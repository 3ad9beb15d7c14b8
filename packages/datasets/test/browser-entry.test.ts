import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserDecoder, browserLoader, alignedUrls, rgbImage, type BrowserPlatform, type Batch } from '../src/index';
import { unwrap } from './support/either';
import { encodeImage, rawPattern } from './support/images';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every module reachable from `entry` through static and dynamic imports inside src/, and the bare specifiers they use. */
const importGraph = (entry: string): { files: Set<string>; external: Set<string> } => {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, ''); // drop comments (TSDoc examples)
    for (const m of code.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1] ?? m[2] ?? '';
      if (spec.startsWith('.')) visit(`${resolve(dirname(file), spec)}.ts`);
      else external.add(spec);
    }
  };
  visit(entry);
  return { files, external };
};

describe('the browser entry', () => {
  it('never reaches fs, sharp, worker_threads or any node: module', () => {
    const { files, external } = importGraph(join(src, 'index.ts'));
    const nodeOnly = [...external].filter((s) => s.startsWith('node:') || ['fs', 'path', 'os', 'http', 'https', 'zlib', 'crypto', 'worker_threads', 'sharp'].includes(s));
    expect(nodeOnly).toEqual([]);
    expect(files.size).toBeGreaterThan(30);
    // and the node entry does reach them (the check above is not vacuous)
    expect([...importGraph(join(src, 'node.ts')).external]).toEqual(expect.arrayContaining(['sharp', 'node:worker_threads', 'node:fs/promises']));
  });

  it('decodes through createImageBitmap + canvas pixels (stubbed platform), alpha dropped', async () => {
    const png = await encodeImage(4, 2, 'png', 4);
    const rgba = rawPattern(4, 2, 4);
    const calls: ImageBitmapOptions[] = [];
    let closed = 0;
    const platform: BrowserPlatform = {
      createImageBitmap: async (blob, options) => {
        calls.push(options);
        expect(blob.type).toBe('image/png');
        return { width: 4, height: 2, close: () => void closed++ };
      },
      readPixels: () => new Uint8ClampedArray(rgba),
    };
    const d = unwrap(await browserDecoder(platform).decode(png, 'x.png')());
    const want = rgbImage(4, 2, new Uint8Array(Array.from({ length: 8 }, (_, i) => [rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]]).flat().map((v) => v ?? 0)));
    expect(d.image).toEqual(want);
    expect(d.header.colour).toBe('rgba');
    expect(calls).toEqual([{ imageOrientation: 'from-image', premultiplyAlpha: 'none', colorSpaceConversion: 'none' }]);
    expect(closed).toBe(1);
    const bad = await browserDecoder(platform).decode(new TextEncoder().encode('nope'), 'y.jpg')();
    expect(bad._tag === 'Left' && bad.left.message).toBe('y.jpg: is not a JPEG or PNG (starts with text "nope")');
  });

  it('a whole browser loader over URLs (fetch and platform stubbed) yields batches', async () => {
    const w = 64;
    const jpeg = await encodeImage(w, w / 2, 'png');
    const pixels = rawPattern(w, w / 2, 4);
    const source = unwrap(alignedUrls({ urls: ['/a.png', '/b.png'], direction: 'BtoA' }));
    const loader = unwrap(
      browserLoader(source, { loadSize: 36, cropSize: 32, batchSize: 2 }, {
        readBytes: (url) => async () => ({ _tag: 'Right', right: url.endsWith('.png') ? new Uint8Array(jpeg) : new Uint8Array(0) }),
        platform: { createImageBitmap: async () => ({ width: w, height: w / 2, close: () => {} }), readPixels: () => new Uint8ClampedArray(pixels) },
      }),
    );
    const batches: Batch[] = [];
    for await (const b of loader.epoch(0)) batches.push(b);
    expect(batches.map((b) => b.shape)).toEqual([[2, 32, 32, 3]]);
  });
});
