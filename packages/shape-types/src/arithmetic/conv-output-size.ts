import * as E from 'fp-ts/Either';
import type { Add, FloorDiv, IsLess, Mul, Sub } from '../nat/index';
import type { ShapeFail } from '../shape/shape-fail';
import { shapeErrorOf, type ShapeError } from '../shape/shape-error';

/** The hyper-parameters that decide a convolution's spatial output size (symmetric padding). */
export interface ConvGeometry {
  readonly kernel: number;
  readonly stride: number;
  readonly pad: number;
}

/**
 * Type level: output size of a convolution along one axis, `floor((H + 2p - k) / s) + 1`, or a
 * {@link ShapeFail} when the kernel does not fit the padded input (naming the axis, `Axis`, default `input`:
 * `conv2d: kernel 4 larger than padded height 3`). A wide `number` input gives `number`.
 *
 * @example
 * ```ts
 * import type { ConvOutputSize } from '@pix2pix-ts/shape-types';
 * type H = ConvOutputSize<256, 4, 2, 1>; // 128
 * ```
 */
export type ConvOutputSize<H extends number, K extends number, S extends number, P extends number, Axis extends string = 'input'> = number extends H
  ? number
  : Add<H, Mul<2, P>> extends infer Padded extends number
    ? IsLess<Padded, K> extends true
      ? ShapeFail<`conv2d: kernel ${K} larger than padded ${Axis} ${Padded}`>
      : Add<FloorDiv<Sub<Padded, K>, S>, 1>
    : never;

/**
 * Type level: output size of a transposed convolution along one axis, `(H - 1)·s - 2p + k`.
 *
 * @example
 * ```ts
 * import type { ConvTransposeOutputSize } from '@pix2pix-ts/shape-types';
 * type H = ConvTransposeOutputSize<128, 4, 2, 1>; // 256
 * ```
 */
export type ConvTransposeOutputSize<H extends number, K extends number, S extends number, P extends number, Axis extends string = 'input'> =
  number extends H
    ? number
    : Add<Mul<Sub<H, 1>, S>, K> extends infer Full extends number
      ? IsLess<Full, Mul<2, P>> extends true
        ? ShapeFail<`convTranspose2d: padding ${P} removes the whole ${Axis extends 'input' ? 'output' : Axis} of size ${Full}`>
        : Sub<Full, Mul<2, P>>
      : never;

/**
 * Value level twin of {@link ConvOutputSize}; `axis` names the axis in the error (`height`, `width`).
 *
 * @example
 * ```ts
 * import { convOutputSize } from '@pix2pix-ts/shape-types';
 * convOutputSize(256, { kernel: 4, stride: 2, pad: 1 }); // Right(128)
 * ```
 */
export function convOutputSize(h: number, g: ConvGeometry, axis = 'input'): E.Either<ShapeError, number> {
  const padded = h + 2 * g.pad;
  if (padded < g.kernel) return E.left(shapeErrorOf('conv2d', `kernel ${g.kernel} larger than padded ${axis} ${padded}`));
  return E.right(Math.floor((padded - g.kernel) / g.stride) + 1);
}

/**
 * Value level twin of {@link ConvTransposeOutputSize}.
 *
 * @example
 * ```ts
 * import { convTransposeOutputSize } from '@pix2pix-ts/shape-types';
 * convTransposeOutputSize(128, { kernel: 4, stride: 2, pad: 1 }); // Right(256)
 * ```
 */
export function convTransposeOutputSize(h: number, g: ConvGeometry, axis = 'input'): E.Either<ShapeError, number> {
  const full = (h - 1) * g.stride + g.kernel;
  if (full < 2 * g.pad) {
    return E.left(shapeErrorOf('convTranspose2d', `padding ${g.pad} removes the whole ${axis === 'input' ? 'output' : axis} of size ${full}`));
  }
  return E.right(full - 2 * g.pad);
}
