import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdChromium } from '../../../test-support/chromium-lock';
import { wasmBinaryDir, WASM_BINARIES } from '../src/index';

/** Debian's Chromium (installed by .ci/run); the test is skipped where there is none. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const ORIGIN = 'http://backends.test';

describe('in Chromium (WebGL on SwiftShader)', () => {
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (CHROMIUM !== undefined) release = await holdChromium('backends/browser.test.ts');
  });
  afterAll(async () => {
    await release?.();
  });
  it.skipIf(CHROMIUM === undefined)('webgl reports its renderer; webgl and wasm conv gradients equal cpu', async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('./fixtures/browser-entry.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]?.text ?? '';
    if (CHROMIUM === undefined) return; // skipIf above; narrows the type
    const wasmDir = await wasmBinaryDir();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox'],
    });
    try {
      const page = await browser.newPage();
      // Serve the page, the bundle and the wasm binaries from memory/disk: no network involved.
      await page.route(`${ORIGIN}/**`, async (route) => {
        const path = new URL(route.request().url()).pathname;
        const wasm = WASM_BINARIES.find((f) => path === `/wasm/${f}`);
        if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><script type="module" src="/main.js"></script>' });
        if (path === '/main.js') return route.fulfill({ contentType: 'text/javascript', body: script });
        if (wasm !== undefined) return route.fulfill({ contentType: 'application/wasm', body: readFileSync(wasmDir + wasm) });
        return route.fulfill({ status: 404, body: 'not found' });
      });
      await page.goto(`${ORIGIN}/`);
      await page.waitForFunction(() => Reflect.get(globalThis, 'browserResult') !== undefined, null, { timeout: 0 });
      const result: unknown = await page.evaluate(() => Reflect.get(globalThis, 'browserResult'));
      expect(result).not.toHaveProperty('error');
      expect(result).toMatchObject({
        infos: [
          { name: 'webgl', webglVersion: 2, renderer: expect.stringMatching(/\S/), extraKernels: ['Pix2PixAdamUpdate'], replacedKernels: ['Conv2DBackpropFilter', 'Conv2DBackpropInput'], flags: expect.objectContaining({ WEBGL_RENDER_FLOAT32_ENABLED: true }) },
          { name: 'wasm', simd: true, extraKernels: ['Conv2DBackpropFilter', 'Pix2PixAdamUpdate', 'Pix2PixBatchNormTrain', 'Pix2PixBatchNormTrainGrad', 'Pix2PixLeakyReluGrad'], replacedKernels: ['Conv2DBackpropInput', 'Conv2D', 'FusedConv2D', 'Identity', 'Concat', 'SplitV'] },
        ],
      });
      console.info('browser:', JSON.stringify(result));
      const errors = (result as { errors: Record<string, number> }).errors;
      expect(errors['wasm']).toBeLessThanOrEqual(1e-5);
      // WebGL computes in float32 on the GPU with its own summation order; same tolerance.
      expect(errors['webgl']).toBeLessThanOrEqual(1e-5);
    } finally {
      await browser.close();
    }
  });
});
