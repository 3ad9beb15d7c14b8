import { defineConfig } from 'tsup';
import { fpImportOptions } from '../../tsup.shared';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  ...fpImportOptions,
});
