import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The demo's build: workspace packages are read from their TypeScript sources (the `source` export
 * condition, so no prior `npm run build`), the output is ES2022 and uses relative URLs, so `dist/` can be
 * served from any path. No workspace package has an import side effect (gradients are registered by
 * `useBackend`), so vite has no `@tensorflow/tfjs` / `node:module` import to warn about.
 */
const CROSS_ORIGIN_ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096, reportCompressedSize: false },
  // Cross-origin isolation (as `npm run demo`'s server does), so a page may use tfjs's threaded wasm binary.
  server: { host: '127.0.0.1', headers: CROSS_ORIGIN_ISOLATION },
  preview: { host: '127.0.0.1', headers: CROSS_ORIGIN_ISOLATION },
});
