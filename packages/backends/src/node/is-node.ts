/**
 * Whether this code runs in Node.js (not a browser or worker): the one test that gates every
 * node-only import in this package, so browser bundles never load `node:*` modules.
 *
 * @example
 * ```ts
 * import { isNode } from '@pix2pix-ts/backends';
 *
 * isNode(); // true under Node and vitest, false in a browser
 * ```
 */
export function isNode(): boolean {
  // `process` is undeclared in browsers: read it off globalThis so nothing throws there.
  const proc: unknown = Reflect.get(globalThis, 'process');
  if (typeof proc !== 'object' || proc === null) return false;
  const versions: unknown = Reflect.get(proc, 'versions');
  return typeof versions === 'object' && versions !== null && typeof Reflect.get(versions, 'node') === 'string';
}
