import { register } from 'node:module';

/*
 * Only for running from the TypeScript sources under plain Node + tsx (the decode worker in tests, the bench):
 * `@pix2pix-ts/layers` imports `@tensorflow/tfjs-core/dist/register_all_gradients`, an ES module of tfjs-core's
 * bundler build whose relative imports omit `/index.js` and `.js`. Bundlers and vitest accept that, Node's ESM
 * resolver does not (ERR_UNSUPPORTED_DIR_IMPORT). This hook retries such failed relative imports inside
 * node_modules the way a bundler would. Built packages never use it.
 */
const HOOK_SOURCE = `
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    const code = e && e.code;
    if ((code === 'ERR_UNSUPPORTED_DIR_IMPORT' || code === 'ERR_MODULE_NOT_FOUND') && specifier.startsWith('.') &&
        typeof context.parentURL === 'string' && context.parentURL.includes('/node_modules/')) {
      for (const suffix of ['/index.js', '.js']) {
        try { return await next(specifier + suffix, context); } catch {}
      }
    }
    throw e;
  }
}`;

/**
 * The hook as a `data:` URL module, for `module.register` (also inside a worker bootstrap).
 *
 * @example
 * ```ts
 * import { register } from 'node:module';
 * import { DEV_RESOLVE_HOOK_URL } from './dev-resolve-hook';
 * register(DEV_RESOLVE_HOOK_URL);
 * ```
 */
export const DEV_RESOLVE_HOOK_URL = `data:text/javascript,${encodeURIComponent(HOOK_SOURCE)}`;

let registered = false;

/**
 * Registers the hook in this thread (once). Call before dynamically importing code that imports
 * `@pix2pix-ts/layers` from its sources under plain Node.
 *
 * @example
 * ```ts
 * import { registerDevResolveHook } from './dev-resolve-hook';
 * registerDevResolveHook();
 * const lib = await import('../src/node');
 * ```
 */
export const registerDevResolveHook = (): void => {
  if (registered) return;
  registered = true;
  register(DEV_RESOLVE_HOOK_URL);
};
