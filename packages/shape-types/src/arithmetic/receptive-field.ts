import type { Add, Mul, Sub } from '../nat/index';

/**
 * A receptive field in the making: `size` input pixels seen by one output pixel, and `jump`, the
 * distance in input pixels between neighbouring output pixels. The identity is `{ size: 1, jump: 1 }`.
 */
export interface ReceptiveFieldState {
  readonly size: number;
  readonly jump: number;
}

/** The receptive field of the identity map. */
export const IDENTITY_FIELD: ReceptiveFieldState = { size: 1, jump: 1 };

/**
 * Value level: the field after one more convolution of kernel `k` and stride `s`
 * (`r += (k - 1)·j; j *= s`). Padding does not change the field.
 *
 * @example
 * ```ts
 * import { IDENTITY_FIELD, convField } from '@pix2pix-ts/shape-types';
 * convField(convField(IDENTITY_FIELD, 4, 2), 4, 2); // { size: 10, jump: 4 }
 * ```
 */
export function convField(rf: ReceptiveFieldState, kernel: number, stride: number): ReceptiveFieldState {
  return { size: rf.size + (kernel - 1) * rf.jump, jump: rf.jump * stride };
}

/** Value level: the field of two branches read side by side (concat): the larger one. */
export function unionField(a: ReceptiveFieldState, b: ReceptiveFieldState): ReceptiveFieldState {
  return a.size >= b.size ? a : b;
}

/** Type level field state: `[size, jump]`. */
export type FieldState = readonly [size: number, jump: number];

/** Type level identity field. */
export type IdentityField = readonly [1, 1];

/**
 * Type level twin of {@link convField}.
 *
 * @example
 * ```ts
 * import type { ConvField } from '@pix2pix-ts/shape-types';
 * type F = ConvField<readonly [1, 1], 4, 2>; // readonly [4, 2]
 * ```
 */
export type ConvField<F extends FieldState, K extends number, S extends number> = readonly [
  Add<F[0], Mul<Sub<K, 1>, F[1]>>,
  Mul<F[1], S>,
];
