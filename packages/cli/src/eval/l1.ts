import { assertSameSize, type Rgb8 } from './rgb';

/**
 * Mean absolute error of two 8-bit RGB images, on the [0, 1] scale (divide by 255): the paper's L1, as a
 * metric.
 *
 * @example
 * ```ts
 * import { meanAbsoluteError } from '@pix2pix-ts/cli';
 * const black = { width: 1, height: 1, data: new Uint8Array([0, 0, 0]) };
 * const white = { width: 1, height: 1, data: new Uint8Array([255, 255, 255]) };
 * meanAbsoluteError(black, white); // 1
 * ```
 */
export function meanAbsoluteError(x: Rgb8, y: Rgb8): number {
  assertSameSize(x, y, 'L1');
  let sum = 0;
  for (let i = 0; i < x.data.length; i++) sum += Math.abs((x.data[i] as number) - (y.data[i] as number));
  return sum / x.data.length / 255;
}
