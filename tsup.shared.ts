import type { Plugin } from 'esbuild';

/**
 * fp-ts and io-ts publish their modules as folders (`fp-ts/Either/package.json` pointing at `lib/` and `es6/`),
 * which bundlers resolve and plain Node ESM refuses (`ERR_UNSUPPORTED_DIR_IMPORT`). The built packages keep
 * them external but import the file Node can load, `fp-ts/lib/Either.js` (CommonJS with named exports that
 * Node detects), so `dist/` runs under `node` itself and still shares one fp-ts with the application.
 * tsup's own externals plugin runs first, so the configs list these packages in `noExternal` to reach this one.
 */
export const nodeLoadableFpImports: Plugin = {
  name: 'node-loadable-fp-imports',
  setup(build) {
    build.onResolve({ filter: /^(fp-ts|io-ts)\/[A-Za-z]+$/ }, (args) => ({
      path: args.path.replace(/^(fp-ts|io-ts)\//, '$1/lib/') + '.js',
      external: true,
    }));
  },
};

/** Put into every package's tsup config: see {@link nodeLoadableFpImports}. */
export const fpImportOptions = {
  noExternal: [/^(fp-ts|io-ts)\/[A-Za-z]+$/],
  esbuildPlugins: [nodeLoadableFpImports],
};
