/**
 * `@pix2pix-ts/browser`: pix2pix on WebGL in a real browser. This entry is browser-safe: the
 * trainer configuration (`TrainerConfig`, on pix2pix's one `ModelSpec`), the WebGL setup (fp32 check, flags), the
 * wire protocol between Node and a trainer page, and the page's trainer itself. The Node side (the
 * `webglTrainer` driven from the command line, the 127.0.0.1 server, Chromium) is in
 * `@pix2pix-ts/browser/node`.
 * @packageDocumentation
 */
export * from './spec/decode';
export * from './webgl/webgl-flags';
export * from './webgl/webgl-setup';
export * from './webgpu/webgpu-setup';
export * from './wire/trainer-config';
export * from './wire/messages';
export * from './page/fetch-floats';
export * from './page/page-trainer';
export * from './model/generator-spec-from-config';
export * from './model/generator-from-artifacts';
export * from './model/model-hints';
