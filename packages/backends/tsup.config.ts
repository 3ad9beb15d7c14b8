import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // fp-ts's subpath modules (`fp-ts/function`, …) are directories plain Node ESM cannot import;
  // inlining the few functions used keeps dist/ runnable by `node` itself.
  noExternal: [/^fp-ts(\/|$)/],
});
