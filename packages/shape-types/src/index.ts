/**
 * `@pix2pix-ts/shape-types`: tensors whose NHWC shape lives in the type system.
 *
 * Dims that are literals are computed by the compiler (conv output sizes, transposed-conv doubling,
 * concat channels, receptive fields) with digit-string arithmetic on number literals; dims typed
 * `number` degrade to run-time checks at the boundary ({@link assertShape}).
 * @packageDocumentation
 */
export type * from './nat/index';
export * from './shape/shape';
export * from './shape/shape-error';
export type * from './shape/shape-fail';
export * from './shape/natural-dims';
export * from './nat/literal-arithmetic';
export * from './tensor/tensor';
export * from './tensor/assert-shape';
export * from './arithmetic/conv-output-size';
export * from './arithmetic/receptive-field';
export * from './arithmetic/concat-channels';
export * from './tree/param-tree';
