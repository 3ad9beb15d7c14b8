/**
 * `@pix2pix-ts/layers`: pure, shape-typed layer combinators on tfjs-core, in the style of jax's stax.
 * A layer is a value with `init(key, inputShape)` and `apply(params, state, x, ctx)`; parameters and
 * state are plain immutable trees of tensors.
 * @packageDocumentation
 */

export * from './random/index';
export * from './core/signature';
export * from './core/identity-sig';
export * from './core/sig-guards';
export * from './core/output-shape';
export * from './core/receptive-field';
export * from './core/layer';
export * from './tree/param-tree';
export * from './init/initializers';
export * from './init/init-weights';
export * from './conv/conv2d';
export * from './conv/conv-transpose2d';
export * from './norm/norm-sig';
export * from './norm/batch-norm';
export * from './norm/instance-norm';
export * from './activation/activations';
export * from './regularization/dropout';
export * from './pad/pad';
export * from './combinators/serial';
export * from './combinators/skip';
export * from './combinators/residual';
export * from './combinators/named';
export * from './combinators/same-size';
export { shaped, assertShape, type Tensor } from '@pix2pix-ts/shape-types';
