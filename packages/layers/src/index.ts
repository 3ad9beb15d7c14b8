/**
 * `@pix2pix-ts/layers`: pure, shape-typed layer combinators on tfjs-core.
 * @packageDocumentation
 */
export * from './random/index';
