import { defineConfig } from 'tsup';
import { fpImportOptions } from '../../tsup.shared';

export default defineConfig({
  // The worker is its own entry so `new URL('./decode-worker.js', import.meta.url)` finds it beside the bundle.
  entry: { index: 'src/index.ts', node: 'src/node.ts', 'decode-worker': 'src/stream/decode-worker.ts' },
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/node.ts'] },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  ...fpImportOptions,
  external: ['sharp'],
});
