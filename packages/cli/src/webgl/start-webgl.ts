import { existsSync } from 'node:fs';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { WebglSession } from '@pix2pix-ts/browser/node';
import { backendError, messageOf, type CliError } from '../cli/cli-error';
import { resolveChromium } from './resolve-chromium';

/** A started WebGL session and the Chromium it runs in. */
export interface StartedWebgl {
  readonly session: WebglSession;
  readonly chromium: string;
}

/**
 * Starts the WebGL side of `pix2pix train --backend webgl`: finds Chromium (`--chromium PATH`, then
 * `PIX2PIX_CHROMIUM`, then the usual places; none is an error saying how to install it), then starts
 * `@pix2pix-ts/browser`'s `webglTrainer` (a 127.0.0.1 server and headless Chromium on WebGL 2 with fp32
 * textures, or with `backend` `'webgpu'` on the browser's WebGPU adapter; none is an error saying so). Chromium is told to leave SIGINT alone: Ctrl-C is the CLI's, which saves before closing it.
 * `@pix2pix-ts/browser/node` (playwright, esbuild) is loaded only here, so other runs never pay for it.
 *
 * @example
 * ```ts
 * import { startWebgl } from '@pix2pix-ts/cli/node';
 * // const started = await startWebgl(undefined)();   // Right({ session, chromium: '/usr/bin/chromium' })
 * // started.right.session.setup.backend.renderer     // 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device …'
 * ```
 */
export function startWebgl(chromiumFlag: string | undefined, backend: 'webgl' | 'webgpu' = 'webgl', env: NodeJS.ProcessEnv = process.env): TE.TaskEither<CliError, StartedWebgl> {
  return pipe(
    TE.tryCatch(
      () => import('@pix2pix-ts/browser/node'),
      (e) => backendError(`--backend ${backend}: cannot load @pix2pix-ts/browser: ${messageOf(e)}`),
    ),
    TE.flatMap((browser) =>
      pipe(
        TE.fromEither(resolveChromium({ flag: chromiumFlag, env: env['PIX2PIX_CHROMIUM'], candidates: browser.CHROMIUM_CANDIDATES, exists: existsSync })),
        TE.flatMap((chromium) =>
          pipe(
            browser.webglTrainer({ backend, launch: { executablePath: chromium, handleSIGINT: false } }),
            TE.mapLeft((e) => backendError(`--backend ${backend}: ${e.message.split('\n')[0] ?? ''}`)),
            TE.map((session) => ({ session, chromium })),
          ),
        ),
      ),
    ),
  );
}
