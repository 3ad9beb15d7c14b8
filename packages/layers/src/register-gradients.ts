/**
 * tfjs-core registers gradient functions only on request. Layers are trained, so importing them
 * registers every gradient once, on the global registry that all copies of tfjs-core share.
 *
 * - Browsers and bundlers: tfjs-core's ESM `register_all_gradients` module.
 * - Node: that module's ESM build uses extensionless imports Node cannot load, so the union package
 *   `@tensorflow/tfjs` (whose Node bundle inlines the same gradient configs) is required instead.
 *   `createRequire` keeps bundlers from following this branch into a browser build.
 *
 * Either registration puts tfjs-core's own `MirrorPad` and `SquaredDifference` gradients in place,
 * which are wrong; so the fixes of `@pix2pix-ts/backends` are applied right after, here. That makes
 * the order of "import the layers" and "select a backend" irrelevant: a backend selected earlier
 * does not lose its fixes when the layers are imported later (and later registrations of the
 * union are no-ops: Node caches the module).
 */
import { registerGradientFixes } from '@pix2pix-ts/backends';

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

if (isNode) {
  const { createRequire } = await import('node:module');
  createRequire(import.meta.url)('@tensorflow/tfjs');
} else {
  await import('@tensorflow/tfjs-core/dist/register_all_gradients');
}
registerGradientFixes();

export {};
