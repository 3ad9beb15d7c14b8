import { isNode } from './is-node';

/**
 * The Node built-in modules this package uses, by specifier (types only: nothing is imported here).
 *
 * @example
 * ```ts
 * import type { NodeBuiltins } from '@pix2pix-ts/backends';
 *
 * type Path = NodeBuiltins['node:path']; // typeof import('node:path')
 * ```
 */
export interface NodeBuiltins {
  'node:fs': typeof import('node:fs');
  'node:module': typeof import('node:module');
  'node:os': typeof import('node:os');
  'node:path': typeof import('node:path');
  'node:url': typeof import('node:url');
}

/**
 * Imports a Node built-in at run time, and only under Node. The specifier is not a literal, so
 * bundlers (vite, esbuild, webpack) neither resolve nor externalize it for the browser build.
 *
 * @throws Error outside Node
 *
 * @example
 * ```ts
 * import { importNodeBuiltin } from '@pix2pix-ts/backends';
 *
 * const path = await importNodeBuiltin('node:path');
 * path.join('a', 'b'); // 'a/b'
 * ```
 */
export async function importNodeBuiltin<K extends keyof NodeBuiltins>(name: K): Promise<NodeBuiltins[K]> {
  if (!isNode()) throw new Error(`@pix2pix-ts/backends: ${name} is only available in Node.js`);
  const specifier: string = name;
  // A dynamic import of a computed specifier is untyped; `name` fixes which module this is.
  const mod: unknown = await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier);
  return mod as NodeBuiltins[K];
}
