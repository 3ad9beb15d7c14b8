import { importNodeBuiltin } from './import-node-builtin';

/*
 * tfjs-core publishes its per-op gradients only as bundler-style ESM (`dist/*.js` with
 * extensionless and directory imports); its Node bundle has none. Plain Node cannot resolve those
 * imports, so this loader hook retries relative specifiers *from inside tfjs-core's dist* with
 * `.js` and `/index.js`. Everything else resolves as before.
 */
const HOOK_SOURCE = `
  export async function resolve(specifier, context, next) {
    try {
      return await next(specifier, context);
    } catch (error) {
      const parent = context.parentURL ?? '';
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      if (!relative || !parent.includes('/@tensorflow/tfjs-core/dist/')) throw error;
      for (const suffix of ['.js', '/index.js']) {
        try { return await next(specifier + suffix, context); } catch { /* try the next suffix */ }
      }
      throw error;
    }
  }`;

let installed = false;

/**
 * Node only: registers (once) a module-resolution hook that lets plain Node import tfjs-core's
 * bundler-style ESM files, e.g. `@tensorflow/tfjs-core/dist/register_all_gradients.js`. Not
 * needed under vite/vitest or in bundles, which resolve those imports themselves.
 *
 * @returns whether the hook is installed (false where `module.register` does not exist)
 *
 * @example
 * ```ts
 * import { installTfjsCoreEsmResolver } from '@pix2pix-ts/backends';
 *
 * await installTfjsCoreEsmResolver();
 * await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
 * ```
 */
export async function installTfjsCoreEsmResolver(): Promise<boolean> {
  if (installed) return true;
  const nodeModule = await importNodeBuiltin('node:module');
  if (typeof nodeModule.register !== 'function') return false;
  nodeModule.register(`data:text/javascript,${encodeURIComponent(HOOK_SOURCE)}`);
  installed = true;
  return true;
}
