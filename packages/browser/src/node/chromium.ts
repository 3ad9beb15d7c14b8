import { existsSync } from 'node:fs';
import * as TE from 'fp-ts/TaskEither';
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is looked for when `PIX2PIX_CHROMIUM` is not set (Debian's package first). */
export const CHROMIUM_CANDIDATES: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * The flags headless Chromium runs with: no network chatter, no sandbox (containers), and WebGL 2
 * through ANGLE on SwiftShader where there is no GPU (`--enable-unsafe-swiftshader` allows it,
 * `--ignore-gpu-blocklist` keeps WebGL on). On this configuration tfjs gets WebGL 2 with float32
 * render targets (`WEBGL_RENDER_FLOAT32_ENABLED`), so training runs in fp32. `--enable-unsafe-webgpu` gives
 * pages on 127.0.0.1 a WebGPU adapter (Chromium on Linux ships WebGPU off; here the adapter is SwiftShader's
 * Vulkan, vendor `google`, architecture `swiftshader`).
 *
 * @example
 * ```ts
 * import { CHROMIUM_ARGS } from '@pix2pix-ts/browser/node';
 * CHROMIUM_ARGS.includes('--use-angle=swiftshader'); // true
 * ```
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
  '--enable-unsafe-webgpu',
];

/**
 * The Chromium executable to drive: `PIX2PIX_CHROMIUM` when set (it must exist), else the first
 * of {@link CHROMIUM_CANDIDATES} that exists; `undefined` when there is none.
 *
 * @example
 * ```ts
 * import { findChromium } from '@pix2pix-ts/browser/node';
 * findChromium(); // '/usr/bin/chromium'
 * ```
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env['PIX2PIX_CHROMIUM'];
  if (fromEnv !== undefined && fromEnv !== '') return existsSync(fromEnv) ? fromEnv : undefined;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

/** Options of {@link launchChromium}. */
export interface LaunchOptions {
  /** Default: {@link findChromium}. */
  readonly executablePath?: string;
  /** Default: {@link CHROMIUM_ARGS}. */
  readonly args?: readonly string[];
  /**
   * Whether playwright closes the browser (and exits the process with 130) on SIGINT; default true
   * (playwright's). A program that saves its work on Ctrl-C, like `pix2pix train --backend webgl`,
   * sets false: Chromium runs in its own process group, so it keeps running until closed.
   */
  readonly handleSIGINT?: boolean;
}

/**
 * Launches headless Chromium through playwright-core (no browser download: the system's Chromium).
 *
 * @returns the browser, or an `Error` saying that no Chromium was found and how to install one
 *
 * @example
 * ```ts
 * import { launchChromium } from '@pix2pix-ts/browser/node';
 * const browser = await launchChromium()();
 * ```
 */
export function launchChromium(options: LaunchOptions = {}): TE.TaskEither<Error, Browser> {
  const executablePath = options.executablePath ?? findChromium();
  if (executablePath === undefined) {
    return TE.left(
      new Error(
        `no Chromium found (looked at ${CHROMIUM_CANDIDATES.join(', ')}; set PIX2PIX_CHROMIUM): install it with \`apt-get install chromium\``,
      ),
    );
  }
  return TE.tryCatch(
    () =>
      chromium.launch({
        executablePath,
        args: [...(options.args ?? CHROMIUM_ARGS)],
        ...(options.handleSIGINT === undefined ? {} : { handleSIGINT: options.handleSIGINT }),
      }),
    (e) => new Error(`cannot launch Chromium at ${executablePath}: ${e instanceof Error ? e.message : String(e)}`),
  );
}
