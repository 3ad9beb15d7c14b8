/**
 * A tensor shape as a readonly tuple of dims. Literal dims (`256`) are compile-time facts; the wide
 * type `number` marks a dim known only at run time (a batch size read from data).
 *
 * @example
 * ```ts
 * import type { Shape, NHWC } from '@pix2pix-ts/shape-types';
 * type Image = NHWC<1, 256, 256, 3>; // readonly [1, 256, 256, 3]
 * const s: Shape = [1, 256, 256, 3];
 * ```
 */
export type Shape = readonly number[];

/** A rank-4 image batch shape in tfjs's NHWC order: batch, height, width, channels. */
export type NHWC<N extends number = number, H extends number = number, W extends number = number, C extends number = number> =
  readonly [N, H, W, C];

/** Names of the NHWC axes, used in error messages so users read `height`, not `axis 1`. */
export const NHWC_AXES = ['batch', 'height', 'width', 'channels'] as const;

/** The name of axis `i` of a shape of rank `rank`: NHWC names for rank 4, `axis i` otherwise. */
export function axisName(i: number, rank: number): string {
  return rank === 4 ? (NHWC_AXES[i] ?? `axis ${i}`) : `axis ${i}`;
}

/** Formats a shape the way error messages show it: `[1, 256, 256, 3]`. */
export function formatShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '*' : String(d))).join(', ')}]`;
}
