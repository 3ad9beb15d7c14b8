import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Browser, Page } from 'playwright-core';
import { blobStore, type BlobStore } from './blob-store';
import { bundlePage } from './bundle-page';
import { failAfter } from './fail-after';
import { launchChromium, type LaunchOptions } from './chromium';
import { startStaticServer, type StaticMount, type StaticRoute, type StaticServer } from './static-server';

/** Options of {@link openBrowserPage}. */
export interface BrowserPageOptions {
  /** The page's script: a TypeScript entry bundled with {@link bundlePage}, or ready JavaScript. */
  readonly script: { readonly entry: string } | { readonly js: string };
  /** More in-memory files (besides `/` and `/main.js`). */
  readonly routes?: Readonly<Record<string, StaticRoute>>;
  /** Folders to serve (fixtures, wasm binaries, a model). */
  readonly mounts?: readonly StaticMount[];
  /** Chromium executable and flags. */
  readonly launch?: LaunchOptions;
  /** The global the script sets (to anything but `undefined`) once it is ready (default `pix2pixReady`). */
  readonly readyGlobal?: string;
  /**
   * How long to wait for it, ms; default 0: no wall-clock limit (a busy machine can take minutes to compile a
   * bundle's shaders), but the wait fails at once when the page throws an uncaught error or crashes.
   */
  readonly readyTimeoutMs?: number;
}

/** A page of headless Chromium running a bundled script, served from 127.0.0.1. */
export interface BrowserPage {
  readonly browser: Browser;
  readonly page: Page;
  readonly server: StaticServer;
  readonly blobs: BlobStore;
  /** Uncaught page errors and `console.error` lines so far (for failure messages). */
  readonly errors: () => readonly string[];
  /** Closes the browser, then the server. */
  readonly close: () => TE.TaskEither<Error, void>;
}

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

const PAGE = '<!doctype html><meta charset="utf-8"><title>pix2pix-ts</title><script type="module" src="/main.js"></script>';

/**
 * Serves a script on 127.0.0.1 (with a {@link BlobStore} for bytes), launches headless Chromium,
 * opens the page and waits until the script says it is ready. Everything started is stopped again
 * when a later stage fails.
 *
 * @example
 * ```ts
 * // not run: starts headless Chromium (the browser tests do, one at a time under the machine-wide lock)
 * import * as E from 'fp-ts/Either';
 * import { openBrowserPage } from '@pix2pix-ts/browser/node';
 * const session = await openBrowserPage({ script: { entry: '/abs/page.ts' } })();
 * if (E.isRight(session)) {
 *   console.log(await session.right.page.evaluate(() => navigator.userAgent));
 *   await session.right.close()();
 * }
 * ```
 */
export function openBrowserPage(options: BrowserPageOptions): TE.TaskEither<Error, BrowserPage> {
  const readyGlobal = options.readyGlobal ?? 'pix2pixReady';
  const blobs = blobStore();
  const script = 'js' in options.script ? TE.right(options.script.js) : bundlePage(options.script.entry);
  return pipe(
    script,
    TE.flatMap((js) =>
      startStaticServer({
        routes: {
          '/': { body: PAGE, contentType: 'text/html; charset=utf-8' },
          '/main.js': { body: js, contentType: 'text/javascript; charset=utf-8' },
          '/favicon.ico': { body: '', contentType: 'image/x-icon' },
          ...options.routes,
        },
        mounts: options.mounts ?? [],
        blobs,
      }),
    ),
    TE.flatMap((server) =>
      pipe(
        launchChromium(options.launch),
        TE.orElse((e) => failAfter<Browser>(server.close(), e)),
        TE.flatMap((browser) => {
          const errors: string[] = [];
          const close = (): TE.TaskEither<Error, void> =>
            pipe(
              TE.tryCatch(() => browser.close(), toError),
              TE.flatMap(() => {
                blobs.clear(new Error('browser page closed'));
                return server.close();
              }),
            );
          return pipe(
            TE.tryCatch(async () => {
              const page = await browser.newPage();
              page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
              page.on('console', (m) => {
                if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
              });
              // A page that fails before it is ready ends the wait at once instead of leaving it to a clock.
              const failed = new Promise<never>((_, reject) => {
                page.once('pageerror', (e) => reject(new Error(`page error: ${e.message}`)));
                page.once('crash', () => reject(new Error('the page crashed')));
              });
              failed.catch(() => undefined); // only read by the race below; later failures are in `errors`
              await page.goto(`${server.url}/`);
              await Promise.race([
                page.waitForFunction((name) => Reflect.get(globalThis, name) !== undefined, readyGlobal, {
                  timeout: options.readyTimeoutMs ?? 0,
                }),
                failed,
              ]);
              return { browser, page, server, blobs, errors: () => [...errors], close };
            }, (e) => new Error(`the page did not start: ${toError(e).message}${errors.length > 0 ? `\n${errors.join('\n')}` : ''}`)),
            TE.orElse((e) => failAfter<BrowserPage>(close(), e)),
          );
        }),
      ),
    ),
  );
}
