// Screenshot of the built demo with a model: tsx --conditions=source server/screenshot.ts <out.png> [model dir] [size]
// (default: the newest runs/*/checkpoints/latest). Used for demo-screenshot.png.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { launchChromium } from '@pix2pix-ts/browser/node';
import * as E from 'fp-ts/Either';
import { startDemoServer } from './demo-server';
import { modelFolder, newestCheckpoint, repoRoot } from './find-model';

const [out, modelArg, size] = process.argv.slice(2);
if (out === undefined) throw new Error('usage: screenshot.ts <out.png> [model dir] [size]');
const model = modelArg === undefined || modelArg === '' ? newestCheckpoint([repoRoot()]) : modelFolder(resolve(modelArg));
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const server = await startDemoServer({ dist, ...(model === undefined ? {} : { model }) })();
if (E.isLeft(server)) throw server.left;
const browser = await launchChromium()();
if (E.isLeft(browser)) throw browser.left;
try {
  const page = await browser.right.newPage({ viewport: { width: 1000, height: 700 } });
  await page.goto(`${server.right.url}/${size === undefined ? '' : `?size=${size}`}`);
  await page.waitForFunction(() => (Reflect.get(globalThis, 'pix2pixDemo') as { ready: boolean } | undefined)?.ready === true, null, { timeout: 120_000 });
  // A few translations, so that the header shows steady timings.
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const n = await page.evaluate(() => (Reflect.get(globalThis, 'pix2pixDemo') as { translations: number }).translations);
    await page.click('#translate');
    await page.waitForFunction((k) => (Reflect.get(globalThis, 'pix2pixDemo') as { translations: number }).translations > k, n);
    times.push(await page.evaluate(() => (Reflect.get(globalThis, 'pix2pixDemo') as { lastMs: number }).lastMs));
  }
  console.log(`ms per translation: ${times.map((t) => t.toFixed(0)).join(', ')}`);
  await page.screenshot({ path: resolve(out) });
  console.log(`model: ${model ?? 'none (fresh generator)'}; screenshot: ${resolve(out)}`);
} finally {
  await browser.right.close();
  await server.right.close()();
}
