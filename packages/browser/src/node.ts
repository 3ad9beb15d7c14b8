/**
 * Node entry of `@pix2pix-ts/browser`: drive pix2pix on WebGL in headless Chromium from Node.
 * `webglTrainer` is the API for `pix2pix train --backend webgl`; `openBrowserPage` and its parts
 * (a 127.0.0.1 static server with a byte exchange, Chromium discovery and launch, esbuild page
 * bundles) also run the browser tests and the demo's server. Re-exports the browser-safe entry.
 * @packageDocumentation
 */
export * from './index';
export * from './node/blob-store';
export * from './node/content-type';
export * from './node/contained-path';
export * from './node/local-host';
export * from './node/static-server';
export * from './node/chromium';
export * from './node/bundle-page';
export * from './node/page-entry';
export * from './node/browser-page';
export * from './node/webgl-trainer';
export * from './node/fail-after';
