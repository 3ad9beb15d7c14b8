import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFile, type TestServer } from '../../datasets/test/support/http-server';
import { encodePng } from '../src/image/png';
import { fetchPretrained } from '../src/node';
import { inProcess, type InProcessRun } from './support/in-process';

// A checkpoint written by PyTorch itself in the legacy format the official pretrained models use (unet_256 at ngf 8).
const FIXTURE = fileURLToPath(new URL('../../../../shared/fixtures/pth/unet256_ngf8_batch_legacy/net.pth', import.meta.url));
const HAVE_FIXTURE = existsSync(FIXTURE);
if (!HAVE_FIXTURE) console.log(`pretrained tests skipped: ${FIXTURE} not found (the shared fixtures)`);

/** The folder of the served file's URL: what `--pretrained` appends `<name>.pth` to. */
const baseOf = (s: TestServer): string => new URL('.', s.url).href;

describe.skipIf(!HAVE_FIXTURE)('--pretrained: fetching an official pretrained model from a local HTTP server', () => {
  let server: TestServer;
  let garbage: TestServer;
  const cache = mkdtempSync(join(tmpdir(), 'pix2pix-pretrained-'));
  beforeAll(async () => {
    server = await serveFile('facades_label2photo.pth', new Uint8Array(readFileSync(FIXTURE)));
    garbage = await serveFile('sat2map.pth', new TextEncoder().encode('<!doctype html><title>Not here</title>'));
  });
  afterAll(async () => {
    await server.close();
    await garbage.close();
    rmSync(cache, { recursive: true, force: true });
  });

  it('downloads into <cache>/pretrained/<name>.pth with progress, validates it by loading, then serves it from the cache', async () => {
    const notes: string[] = [];
    let progressCalls = 0;
    const first = await fetchPretrained('facades_label2photo', { cacheDir: cache, baseUrl: baseOf(server), onNote: (l) => notes.push(l), onProgress: () => progressCalls++ })();
    if (E.isLeft(first)) throw new Error(first.left.message);
    expect(first.right.path).toBe(join(cache, 'pretrained', 'facades_label2photo.pth'));
    expect(first.right.fromCache).toBe(false);
    expect(first.right.network).toMatch(/unet_256/);
    expect(readFileSync(first.right.path)).toEqual(readFileSync(FIXTURE));
    expect(progressCalls).toBeGreaterThan(0);

    const again = await fetchPretrained('facades_label2photo', { cacheDir: cache, baseUrl: baseOf(server), onNote: (l) => notes.push(l) })();
    expect(E.isRight(again) && again.right.fromCache).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(notes[0]).toMatch(/downloaded to .*facades_label2photo\.pth/);
    expect(notes[1]).toMatch(/cached/);
  });

  it('a cached file that no longer loads is fetched again, and said so', async () => {
    const path = join(cache, 'pretrained', 'facades_label2photo.pth');
    writeFileSync(path, readFileSync(FIXTURE).subarray(0, 1000)); // truncated
    const notes: string[] = [];
    const r = await fetchPretrained('facades_label2photo', { cacheDir: cache, baseUrl: baseOf(server), onNote: (l) => notes.push(l) })();
    expect(E.isRight(r) && !r.right.fromCache).toBe(true);
    expect(notes[0]).toMatch(/does not load .*fetching it again/);
    expect(readFileSync(path)).toEqual(readFileSync(FIXTURE));
  });

  it('a download that is not a checkpoint is deleted and the error says what failed', async () => {
    const r = await fetchPretrained('sat2map', { cacheDir: cache, baseUrl: baseOf(garbage) })();
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'Input', message: expect.stringMatching(/^--pretrained sat2map: the file downloaded from .*sat2map\.pth is not a loadable pix2pix checkpoint \(.+\); it was deleted$/) });
    expect(existsSync(join(cache, 'pretrained', 'sat2map.pth'))).toBe(false);
  });

  it('a server without the file: an error naming the URL; an unknown name: the official names', async () => {
    const missing = await fetchPretrained('map2sat', { cacheDir: cache, baseUrl: baseOf(server), retries: 0 })();
    expect(E.isLeft(missing) && missing.left.message).toMatch(/^--pretrained map2sat: .*map2sat\.pth/);
    const unknown = await fetchPretrained('cityscapes_label2photo', { cacheDir: cache })();
    expect(E.isLeft(unknown) && unknown.left).toEqual({
      _tag: 'Usage',
      message: '--pretrained: unknown model "cityscapes_label2photo"; the official pretrained pix2pix models are facades_label2photo, sat2map, map2sat, edges2shoes, day2night',
    });
  });

  it('pix2pix test --pretrained NAME: fetched into $XDG_CACHE_HOME/pix2pix-ts/pretrained, then translates a folder', async () => {
    const xdg = join(cache, 'xdg');
    const inputs = join(cache, 'inputs');
    const results = join(cache, 'results');
    mkdirSync(inputs, { recursive: true });
    writeFileSync(join(inputs, 'a.png'), encodePng({ width: 256, height: 256, data: new Uint8Array(256 * 256 * 3).fill(90) }));
    const saved = { url: process.env['PIX2PIX_PRETRAINED_URL'], xdg: process.env['XDG_CACHE_HOME'] };
    process.env['PIX2PIX_PRETRAINED_URL'] = baseOf(server);
    process.env['XDG_CACHE_HOME'] = xdg;
    let run: InProcessRun;
    try {
      run = await inProcess(['test', '--pretrained', 'facades_label2photo', '--dataroot', inputs, '--results_dir', results, '--backend', 'wasm']);
    } finally {
      if (saved.url === undefined) delete process.env['PIX2PIX_PRETRAINED_URL'];
      else process.env['PIX2PIX_PRETRAINED_URL'] = saved.url;
      if (saved.xdg === undefined) delete process.env['XDG_CACHE_HOME'];
      else process.env['XDG_CACHE_HOME'] = saved.xdg;
    }
    const { code, out, err } = run;
    expect(err).toMatch(/facades_label2photo\.pth/); // the download's progress lines
    expect(code, err).toBe(0);
    expect(out).toContain(`pretrained facades_label2photo: downloaded to ${join(xdg, 'pix2pix-ts', 'pretrained', 'facades_label2photo.pth')} (unet_256`);
    expect(readdirSync(results)).toEqual(['a.png']);
  });
});
