import type { Add } from '../nat/index';

/**
 * Type level: channels after concatenating two NHWC tensors on the channel axis.
 *
 * @example
 * ```ts
 * import type { ConcatChannels } from '@pix2pix-ts/shape-types';
 * type C = ConcatChannels<512, 512>; // 1024
 * ```
 */
export type ConcatChannels<A extends number, B extends number> = Add<A, B>;

/**
 * Value level twin of {@link ConcatChannels}.
 *
 * @example
 * ```ts
 * import { concatChannels } from '@pix2pix-ts/shape-types';
 * concatChannels(512, 512); // 1024
 * ```
 */
export function concatChannels(a: number, b: number): number {
  return a + b;
}
