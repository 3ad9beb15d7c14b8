import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { wasmBinaryDir } from '@pix2pix-ts/backends';
import { openBrowserPage, type BrowserPage } from '../../src/node';

/**
 * The shared folder (`../shared` beside the checkout, found by walking up), or `PIX2PIX_SHARED`;
 * `undefined` when absent.
 */
export function sharedDir(): string | undefined {
  const fromEnv = process.env['PIX2PIX_SHARED'];
  if (fromEnv !== undefined && existsSync(join(fromEnv, 'fixtures'))) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10; i++) {
    const candidate = join(dir, 'shared');
    if (existsSync(join(candidate, 'fixtures'))) return candidate;
    const parent = resolve(dir, '..');
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** The test page with its cases, and the parity fixtures served at `/fixtures/` when present. */
export async function openCasesPage(shared: string | undefined): Promise<BrowserPage> {
  const entry = fileURLToPath(new URL('../page/entry.ts', import.meta.url));
  const r = await openBrowserPage({
    script: { entry },
    mounts: [
      // tfjs-backend-wasm's binaries, for the case that runs the wasm backend in the page
      { prefix: '/wasm/', dir: await wasmBinaryDir() },
      ...(shared === undefined ? [] : [{ prefix: '/fixtures/', dir: join(shared, 'fixtures') }]),
    ],
  })();
  if (E.isLeft(r)) throw r.left;
  return r.right;
}

/** Runs one case in the page; page errors are appended to a failure's message. */
export async function runCase<T>(session: BrowserPage, name: string, arg: unknown = null): Promise<T> {
  try {
    return (await session.page.evaluate(
      ([n, a]) => {
        const cases = Reflect.get(globalThis, 'pix2pixCases') as Record<string, (x: unknown) => Promise<unknown>>;
        const f = cases[n];
        if (f === undefined) throw new Error(`no case ${n}`);
        return f(a);
      },
      [name, arg] as const,
    )) as T;
  } catch (e) {
    const errors = session.errors();
    throw new Error(`${e instanceof Error ? e.message : String(e)}${errors.length > 0 ? `\n${errors.join('\n')}` : ''}`);
  }
}
