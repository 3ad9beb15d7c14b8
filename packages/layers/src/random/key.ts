// The import path the layers' own modules use for keys; the keys themselves are `@pix2pix-ts/random`'s.
export { foldIn, key, permutation, randomInt, randomUint32, seedOf, split, uniform, type Key } from '@pix2pix-ts/random';
