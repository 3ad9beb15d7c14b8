import type { Direction } from '../config/direction';

/**
 * Applies the direction: the result's `a` is the generator input, `b` the target (`BtoA` swaps).
 *
 * @example
 * ```ts
 * import { orient } from '@pix2pix-ts/datasets';
 * orient({ a: 'photo', b: 'labels' }, 'BtoA'); // { a: 'labels', b: 'photo' }
 * ```
 */
export const orient = <T>(pair: { readonly a: T; readonly b: T }, direction: Direction): { readonly a: T; readonly b: T } =>
  direction === 'AtoB' ? { a: pair.a, b: pair.b } : { a: pair.b, b: pair.a };
