/**
 * Where measurements run: Node with the cpu or wasm backend (through `@pix2pix-ts/backends`), or a
 * headless Chromium page with webgl or webgpu (through `@pix2pix-ts/browser`'s page machinery: esbuild bundle,
 * 127.0.0.1 server, playwright-core, Chromium with `--enable-unsafe-webgpu`). Results coming back from the page
 * are decoded with io-ts.
 * @packageDocumentation
 */
import { selectBackend } from '@pix2pix-ts/backends';
import { decodeWith, failAfter, openBrowserPage, type BrowserPage } from '@pix2pix-ts/browser/node';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { fileURLToPath } from 'node:url';
import { inPage, type BackendName, type PageBackendName } from './configs';
import { measure, peakMatmul } from './measure';
import { MeasureResult, PageSetup, PeakResult, type MeasureRequest } from './wire';

/** A backend ready to measure on. */
export interface Runner {
  readonly backend: BackendName;
  /** What runs it, for the report (wasm: SIMD/threads; webgl: the renderer). */
  readonly details: string;
  readonly measure: (req: MeasureRequest) => TE.TaskEither<Error, MeasureResult>;
  readonly peak: (n: number, runs: number) => TE.TaskEither<Error, PeakResult>;
  readonly close: () => TE.TaskEither<Error, void>;
}

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

const select = (backend: 'cpu' | 'wasm', threads?: number): TE.TaskEither<Error, { readonly details: string; readonly threads: number }> =>
  pipe(
    selectBackend(backend, backend === 'wasm' && threads !== undefined ? { threads } : {}),
    TE.mapLeft((e) => new Error(`${backend} (${e.stage}): ${e.message}`)),
    TE.map((info) =>
      info.name === 'wasm'
        ? { details: `wasm, SIMD ${info.simd ? 'on' : 'off'}, ${info.threadsCount} thread(s)`, threads: info.threadsCount }
        : { details: `${info.name}, plain JavaScript`, threads: 1 },
    ),
  );

/** A Node runner; it selects its backend before every measurement (several runners share one tfjs). */
export function nodeRunner(backend: 'cpu' | 'wasm'): TE.TaskEither<Error, Runner> {
  return pipe(
    select(backend),
    TE.map(({ details }) => ({
      backend,
      details: `Node ${process.version}, ${details}`,
      measure: (req: MeasureRequest) =>
        pipe(
          select(backend, req.threads),
          TE.flatMap(({ threads }) =>
            TE.tryCatch(async () => {
              const r = await measure(req);
              return threads === 1 ? r : { ...r, threads };
            }, toError),
          ),
        ),
      peak: (n: number, runs: number) =>
        pipe(
          select(backend),
          TE.flatMap(() => TE.tryCatch(() => peakMatmul(n, runs), toError)),
        ),
      close: () => TE.right(undefined),
    })),
  );
}

/** Calls `globalThis.pix2pixBench[method](arg)` in the page. */
const call = (session: BrowserPage, backend: PageBackendName, method: 'setup' | 'measure' | 'peak', arg: unknown): TE.TaskEither<Error, unknown> =>
  TE.tryCatch(
    () =>
      session.page.evaluate(
        async ([m, a]) => {
          const api: unknown = Reflect.get(globalThis, 'pix2pixBench');
          const f: unknown = typeof api === 'object' && api !== null ? Reflect.get(api, m) : undefined;
          if (typeof f !== 'function') throw new Error(`pix2pixBench.${m} is missing`);
          const out: unknown = await Reflect.apply(f, api, [a]);
          return out;
        },
        [method, arg] as const,
      ),
    (e) => new Error(`${backend} page, ${method}: ${toError(e).message}${session.errors().length > 0 ? `\n${session.errors().join('\n')}` : ''}`),
  );

/**
 * A page runner: headless Chromium on this machine's WebGL or WebGPU (SwiftShader without a GPU: WebGL through
 * ANGLE on its Vulkan, WebGPU on its Vulkan adapter). No WebGPU adapter is a `Left` that says so.
 */
export function pageRunner(backend: PageBackendName): TE.TaskEither<Error, Runner> {
  const entry = fileURLToPath(new URL('./page-entry.ts', import.meta.url));
  return pipe(
    openBrowserPage({ script: { entry } }),
    TE.flatMap((session) =>
      pipe(
        call(session, backend, 'setup', { backend }),
        TE.flatMapEither(decodeWith(PageSetup, `${backend} setup`)),
        TE.map(
          (setup): Runner => ({
            backend,
            details: `headless Chromium, ${backend === 'webgpu' ? 'WebGPU adapter ' : ''}${setup.renderer}, ${Object.entries(setup.flags)
              .map(([k, v]) => `${k} ${String(v)}`)
              .join(', ')}`,
            measure: (req) => pipe(call(session, backend, 'measure', req), TE.flatMapEither(decodeWith(MeasureResult, 'measure result'))),
            peak: (n, runs) => pipe(call(session, backend, 'peak', { n, runs }), TE.flatMapEither(decodeWith(PeakResult, 'peak result'))),
            close: session.close,
          }),
        ),
        TE.orElse((e) => failAfter<Runner>(session.close(), e)),
      ),
    ),
  );
}

/** Opens the runner of a backend; a `Left` says why it is unavailable here. */
export const openRunner = (backend: BackendName): TE.TaskEither<Error, Runner> => (inPage(backend) ? pageRunner(backend) : nodeRunner(backend));

/** Unwraps an Either or throws its error (for the entry point's top level). */
export const orThrow = <A>(r: E.Either<Error, A>): A => {
  if (E.isLeft(r)) throw r.left;
  return r.right;
};
