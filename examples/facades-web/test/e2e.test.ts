import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, launchChromium, type StaticServer } from '@pix2pix-ts/browser/node';
import { key } from '@pix2pix-ts/layers';
import { disposeState, initTrainState, patchGan, saveCheckpoint, unetGenerator } from '@pix2pix-ts/pix2pix';
import { fileCheckpoint } from '@pix2pix-ts/pix2pix/node';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as E from 'fp-ts/Either';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdChromium } from '../../../test-support/chromium-lock';
import { startDemoServer } from '../server/demo-server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'test-results');
const IN_CI = ['true', '1'].includes((process.env['CI'] ?? '').toLowerCase());
const SKIP = findChromium() === undefined && !IN_CI;
if (SKIP) console.log('demo end-to-end test skipped: no Chromium found (apt-get install chromium, or set PIX2PIX_CHROMIUM)');

interface DemoState {
  ready: boolean;
  backend: string;
  renderer: string;
  translations: number;
  lastMs: number;
  model: { origin: string; fresh: boolean; spec: Record<string, unknown>; size: number; specFrom: string } | null;
  notice: string;
  error: string;
  status: string;
  statusLog: string[];
  warmed: string[];
  warm: boolean;
}

const demoState = (page: Page): Promise<DemoState> => page.evaluate(() => Reflect.get(globalThis, 'pix2pixDemo') as DemoState);

/** RGBA pixels of a canvas. */
const pixels = (page: Page, id: string): Promise<number[]> =>
  page.evaluate((sel) => {
    const c = document.querySelector<HTMLCanvasElement>(sel);
    const ctx = c?.getContext('2d');
    if (c === null || c === undefined || ctx === null || ctx === undefined) throw new Error(`no canvas ${sel}`);
    return Array.from(ctx.getImageData(0, 0, c.width, c.height).data);
  }, id);

/** Mean and standard deviation of the RGB values. */
function stats(rgba: readonly number[]): { mean: number; std: number } {
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let i = 0; i < rgba.length; i++) {
    if (i % 4 === 3) continue;
    const v = rgba[i] ?? 0;
    sum += v;
    sq += v * v;
    n++;
  }
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, sq / n - mean * mean)) };
}

/** Mean |a − b| over RGB (both images the same size). */
function meanAbsDiff(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    d += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
    n++;
  }
  return d / n;
}

async function waitReady(page: Page): Promise<DemoState> {
  await page.waitForFunction(
    () => {
      const s = Reflect.get(globalThis, 'pix2pixDemo') as DemoState | undefined;
      return s !== undefined && (s.ready || s.error !== '');
    },
    null,
    { timeout: 0 }, // no wall-clock limit: shader compilation on a busy CPU rasteriser takes what it takes
  );
  const s = await demoState(page);
  expect(s.error).toBe('');
  return s;
}

/**
 * Runs `action` and waits until the demo has finished one more translation than before it (or shows an
 * error). The count is read before the action: a translation can finish before a read made after it.
 */
async function afterTranslation(page: Page, action: () => Promise<unknown>): Promise<DemoState> {
  const before = (await demoState(page)).translations;
  await action();
  await page.waitForFunction(
    (n) => {
      const s = Reflect.get(globalThis, 'pix2pixDemo') as DemoState;
      return s.translations >= n || s.error !== '';
    },
    before + 1,
    { timeout: 0 },
  );
  const s = await demoState(page);
  expect(s.error).toBe('');
  return s;
}

describe.skipIf(SKIP)('facade demo in headless Chromium (WebGL)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'facades-web-'));
  const dist = join(tmp, 'dist');
  const model = join(tmp, 'model');
  let browser: Browser | undefined;
  let release: (() => Promise<void>) | undefined;
  const servers: StaticServer[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    // The production build, into a temporary folder (the package's own dist/ is left alone).
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
    // A training checkpoint as the CLI writes it (fileCheckpoint), untrained: unet_256 at ngf 4, with a run config.
    await tf.setBackend('cpu');
    const nets = { generator: unetGenerator({ depth: 8, ngf: 4, outChannels: 3 }), discriminator: patchGan({ nLayers: 1, ndf: 4 }) };
    const state = initTrainState(nets, key(5), [1, 256, 256, 3], 3);
    const config = { model: { netG: 'unet_256', netD: 'n_layers', nLayersD: 1, ngf: 4, ndf: 4, norm: 'batch', dropout: true }, data: { cropSize: 256, direction: 'BtoA' } };
    const saved = await saveCheckpoint(fileCheckpoint(model), state, config)();
    disposeState(state);
    if (E.isLeft(saved)) throw new Error(saved.left.message);
    release = await holdChromium('facades-web/e2e.test.ts');
    const launched = await launchChromium()();
    if (E.isLeft(launched)) throw launched.left;
    browser = launched.right;
  });
  afterAll(async () => {
    await browser?.close();
    await release?.();
    for (const s of servers) await s.close()();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** URLs the page asked for that answered 404 (each shows as an error in the page's console). */
  const notFound = new Map<Page, string[]>();

  /** Waits until the warm-up after the model load (one translation at each size) has finished. */
  async function waitWarm(page: Page): Promise<DemoState> {
    await page.waitForFunction(
      () => {
        const s = Reflect.get(globalThis, 'pix2pixDemo') as DemoState;
        return s.warm || s.error !== '';
      },
      null,
      { timeout: 0 },
    );
    const s = await demoState(page);
    expect(s.error).toBe('');
    return s;
  }

  /** The demo page; `gpu` 'webgl' (the default here, what most tests check) adds `backend=webgl` to the query, 'auto' lets the page choose (WebGPU where there is an adapter). */
  async function openDemo(withModel: boolean, query = '', gpu: 'webgl' | 'auto' = 'webgl'): Promise<Page> {
    const server = await startDemoServer({ dist, ...(withModel ? { model } : {}) })();
    if (E.isLeft(server)) throw server.left;
    servers.push(server.right);
    if (browser === undefined) throw new Error('no browser');
    const page = await browser.newPage({ viewport: { width: 1000, height: 720 } });
    page.setDefaultTimeout(0); // no wall-clock limits on page actions either: a busy machine only makes them slower
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    const missing: string[] = [];
    notFound.set(page, missing);
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    const q = gpu === 'auto' ? query : `${query === '' ? '?' : `${query}&`}backend=webgl`;
    await page.goto(`${server.right.url}/${q}`);
    return page;
  }

  // Chromium here has a WebGPU adapter (--enable-unsafe-webgpu, SwiftShader): the demo must take it and say so.
  it('picks WebGPU when the browser has an adapter, says so in the status overlay, and translates on it', async () => {
    const page = await openDemo(true, '', 'auto');
    const ready = await waitReady(page);
    console.log(`demo backend (auto): ${ready.backend} (${ready.renderer}); first translation ${ready.lastMs.toFixed(0)} ms; status log ${JSON.stringify(ready.statusLog)}`);
    expect(ready.backend).toBe('webgpu');
    expect(ready.translations).toBeGreaterThan(0);
    expect(ready.statusLog[0]).toMatch(/WebGPU where the browser has it, else WebGL/);
    expect(ready.statusLog.some((t) => /^Translating on WebGPU \(google swiftshader\)$/.test(t))).toBe(true);
    expect(ready.statusLog.some((t) => /Compiling the WebGPU shaders for 256×256/.test(t))).toBe(true);
    expect(await page.locator('#backend').textContent()).toMatch(/^webgpu · /);
    await page.close();
  });

  it('loads the checkpoint, draws a rectangle, translates it on WebGL, exports a screenshot', async () => {
    const page = await openDemo(true);
    await page.screenshot({ path: join(RESULTS, 'demo-loading.png') }); // the status overlay, while the page starts
    const ready = await waitReady(page);
    console.log(`demo backend: ${ready.backend} (${ready.renderer}); model ${JSON.stringify(ready.model)}; first translation ${ready.lastMs.toFixed(0)} ms`);
    expect(ready.backend).toBe('webgl');
    expect(ready.model).toMatchObject({ fresh: false, size: 256, specFrom: 'config', spec: { netG: 'unet_256', ngf: 4 } });
    expect(await page.locator('#notice').isHidden()).toBe(true);
    // While the shaders compiled, the page said so (the status overlay), and timed that first translation apart.
    expect(ready.statusLog.some((t) => /Compiling the WebGL shaders for 256×256/.test(t))).toBe(true);
    expect(await page.locator('#timing').textContent()).toMatch(/^first translation at 256×256, shaders compiled/);
    // The warm-up: one translation at each size the model offers, then the overlay goes away.
    const warm = await waitWarm(page);
    console.log(`warm-up statuses: ${JSON.stringify(warm.statusLog)}`);
    expect(warm.warmed).toEqual(expect.arrayContaining(['256/true/true', '512/true/true']));
    expect(warm.statusLog.some((t) => /Compiling the WebGL shaders for 512×512 \(warming up/.test(t))).toBe(true);
    expect(await page.locator('#busy').isHidden()).toBe(true);
    const before = await pixels(page, '#output');

    // Rectangle tool, class "door", drag across the middle of the label canvas.
    await page.click('button[data-class="door"]');
    await page.click('button[data-tool="rect"]');
    const box = await page.locator('#labels').boundingBox();
    if (box === null) throw new Error('no label canvas on screen');
    const after = await afterTranslation(page, async () => {
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.35);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.55, { steps: 5 });
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.75, { steps: 5 });
      await page.mouse.up();
    });

    const labels = await pixels(page, '#labels');
    const centre = (128 * 256 + 128) * 4;
    expect(labels.slice(centre, centre + 3)).toEqual([0, 207, 255]); // door's colour, where the rectangle is
    const output = await pixels(page, '#output');
    const s = stats(output);
    console.log(`output: mean ${s.mean.toFixed(1)}, std ${s.std.toFixed(1)}; |output − labels| ${meanAbsDiff(output, labels).toFixed(1)}; changed by the rectangle ${meanAbsDiff(output, before).toFixed(2)}; ${after.lastMs.toFixed(0)} ms`);
    expect(s.std).toBeGreaterThan(2); // not blank
    expect(meanAbsDiff(output, labels)).toBeGreaterThan(10); // not the input
    expect(meanAbsDiff(output, before)).toBeGreaterThan(0); // the new drawing was translated

    // Several translations to time them (the first compiled the shaders).
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      times.push((await afterTranslation(page, () => page.click('#translate'))).lastMs);
    }
    console.log(`ms per translation (256x256, unet_256 ngf 4, webgl): ${times.map((t) => t.toFixed(0)).join(', ')}`);
    expect(await page.locator('#timing').textContent()).toMatch(/ms \/ translation \(mean of last/);

    // Switching to a warmed size compiles nothing: no new "Compiling" status, the output at the new size.
    const compiles = (await demoState(page)).statusLog.filter((t) => t.startsWith('Compiling')).length;
    await afterTranslation(page, () => page.selectOption('#size', '512'));
    expect(await page.evaluate(() => document.querySelector<HTMLCanvasElement>('#output')?.width)).toBe(512);
    expect((await demoState(page)).statusLog.filter((t) => t.startsWith('Compiling')).length).toBe(compiles);
    // A setting not warmed up yet (dropout off) says that it compiles, instead of freezing silently.
    await afterTranslation(page, () => page.click('#dropout'));
    expect((await demoState(page)).statusLog.at(-1)).toMatch(/Compiling the WebGL shaders for 512×512 \(first translation with these settings\)/);
    expect(await page.locator('#busy').isHidden()).toBe(true);
    await afterTranslation(page, () => page.click('#dropout'));
    await afterTranslation(page, () => page.selectOption('#size', '256'));

    // Export: the PNG download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('pix2pix-facade.png');
    await page.screenshot({ path: join(RESULTS, 'demo.png') });
    await page.close();
  });

  it('without a checkpoint: a fresh generator with a visible notice; dropped model files replace it', async () => {
    const page = await openDemo(false);
    const ready = await waitReady(page);
    expect(ready.model).toMatchObject({ fresh: true });
    expect(await page.locator('#notice').isVisible()).toBe(true);
    const text = (await page.locator('#notice').textContent()) ?? '';
    expect(text).toMatch(/No model was given to the demo server \(`--model`\).*freshly initialised generator/);
    expect(text).not.toMatch(/Please verify|status code|Request to/);
    expect(notFound.get(page)).toEqual([]); // the page never asked for a model the server does not have
    expect(stats(await pixels(page, '#output')).std).toBeGreaterThan(1);

    // Drop model.json + weights.bin on the page (the files come from the checkpoint folder).
    const { readFileSync } = await import('node:fs');
    const files = [
      { name: 'model.json', type: 'application/json', bytes: Array.from(readFileSync(join(model, 'model.json'))) },
      { name: 'weights.bin', type: 'application/octet-stream', bytes: Array.from(readFileSync(join(model, 'weights.bin'))) },
    ];
    const dropped = await afterTranslation(page, async () => {
      await page.evaluate((fs) => {
        const dt = new DataTransfer();
        for (const f of fs) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
        document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, files);
      await page.waitForFunction(() => (Reflect.get(globalThis, 'pix2pixDemo') as DemoState).model?.fresh === false, null, { timeout: 0 });
    });
    expect(dropped.model).toMatchObject({ origin: 'model.json + weights.bin', spec: { netG: 'unet_256', ngf: 4 } });
    expect(await page.locator('#notice').isHidden()).toBe(true);
    await page.close();
  });

  it('a model URL that answers 404: a message of the demo, not tfjs\'s text; the fresh generator still translates', async () => {
    const page = await openDemo(true, '?model=./missing/model.json');
    const ready = await waitReady(page);
    expect(ready.model).toMatchObject({ fresh: true });
    const text = (await page.locator('#notice').textContent()) ?? '';
    expect(text).toMatch(/No checkpoint could be loaded: there is no model at \.\/missing\/model\.json \(the server answered 404, not found\)/);
    expect(text).not.toMatch(/Please verify|status code|Request to/);
    expect(stats(await pixels(page, '#output')).std).toBeGreaterThan(1);
    await page.close();
  });
});
