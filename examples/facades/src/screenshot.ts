import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_CANDIDATES, findChromium } from '@pix2pix-ts/browser/node';

/** Whether Chromium is installed (the browser tests skip, with the reason printed, when it is not). */
export const hasChromium = (): boolean => findChromium() !== undefined;

/** What rendering the report gave. */
export interface ScreenshotResult {
  /** Console errors, page errors and failed requests, one line each: a good report has none. */
  readonly problems: readonly string[];
  /** Network requests other than `file:` and `data:` URLs (the report must need none). */
  readonly external: readonly string[];
  /** Images that did not load. */
  readonly brokenImages: number;
  /** The page's full height in CSS pixels. */
  readonly height: number;
}

/**
 * Opens an HTML file in headless Chromium, waits for it to load, checks it (console errors, failed or external
 * requests, broken images) and saves a screenshot of its first `maxHeight` pixels (the whole page when shorter)
 * to `png`.
 *
 * @example
 * ```ts
 * import { screenshotReport } from '@pix2pix-ts/example-facades';
 * // const r = await screenshotReport('runs/facades-…/report.html', 'report.png');
 * ```
 */
export async function screenshotReport(html: string, png: string, options: { readonly width?: number; readonly maxHeight?: number } = {}): Promise<ScreenshotResult> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(`no Chromium found (looked at ${CHROMIUM_CANDIDATES.join(', ')}; set PIX2PIX_CHROMIUM or apt-get install -y chromium)`);
  // The browser package's flags: headless, offline, software WebGL.
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: 900 }, deviceScaleFactor: 1 });
    const problems: string[] = [];
    const external: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => {
      if (!/^(file|data):/.test(r.url())) external.push(r.url());
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    const brokenImages = await page.evaluate(() => Array.from(document.images).filter((i) => !i.complete || i.naturalWidth === 0).length);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const clipHeight = Math.min(height, options.maxHeight ?? height);
    await page.screenshot({ path: png, clip: { x: 0, y: 0, width: options.width ?? 1100, height: clipHeight }, fullPage: true });
    return { problems, external, brokenImages, height };
  } finally {
    await browser.close();
  }
}
