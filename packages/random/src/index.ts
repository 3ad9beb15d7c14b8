/**
 * `@pix2pix-ts/random`: splittable random keys, jax style. A key is two 32-bit words; every random value is
 * threefry-2x32 of a counter under that key, so deriving independent streams (`split`, `foldIn`) needs no
 * shared mutable state and a seed fixes a whole run. Plain numbers only: no tfjs, usable in decode workers.
 * @packageDocumentation
 */
export * from './key';
export { threefry2x32 } from './threefry';
