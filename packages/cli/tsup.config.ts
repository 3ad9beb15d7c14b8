import { defineConfig } from 'tsup';
import { fpImportOptions } from '../../tsup.shared';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/bin.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  ...fpImportOptions,
});
