import * as E from 'fp-ts/Either';
import { badImage, type DatasetError } from '../errors/dataset-error';
import type { ImageHeader } from '../decode/image-header';

/** Stored width and height, or swapped: EXIF orientation may turn the image when it is decoded. */
const fitsEitherWay = (h: ImageHeader, fits: (w: number, h: number) => boolean): boolean => fits(h.width, h.height) || fits(h.height, h.width);

/**
 * What the header of an aligned (AB) file says about its shape: the same rule as `splitAligned` (an even width,
 * exactly 2:1 with `requireSquareHalves`), refused only when neither the stored nor the rotated size passes (the
 * header is read before EXIF orientation).
 *
 * @example
 * ```ts
 * import { checkAlignedHeader } from '@pix2pix-ts/datasets';
 * checkAlignedHeader({ format: 'png', width: 3, height: 1, colour: 'rgb', bitDepth: 8 }, 'x.png', true);
 * // Left: 'x.png: is 3x1, but an aligned image must be exactly twice as wide as tall (2:1, e.g. 512x256) ...'
 * ```
 */
export const checkAlignedHeader = (header: ImageHeader, path: string, requireSquareHalves: boolean): E.Either<DatasetError, ImageHeader> => {
  const size = `${header.width}x${header.height}`;
  if (requireSquareHalves && !fitsEitherWay(header, (w, h) => w === 2 * h && w >= 2)) {
    return E.left(badImage(path, 'aspect', `is ${size}, but an aligned image must be exactly twice as wide as tall (2:1, e.g. 512x256): A on the left, B on the right`));
  }
  if (!fitsEitherWay(header, (w) => w % 2 === 0 && w >= 2)) {
    return E.left(badImage(path, 'aspect', `is ${size}, but an aligned image needs an even width (A and B side by side)`));
  }
  return E.right(header);
};

/**
 * The headers of a pair kept as two files must describe the same size (either way round, see
 * {@link checkAlignedHeader}).
 *
 * @example
 * ```ts
 * import { checkSeparateHeaders } from '@pix2pix-ts/datasets';
 * const h = (width: number, height: number) => ({ format: 'png' as const, width, height, colour: 'rgb' as const, bitDepth: 8 });
 * checkSeparateHeaders(h(4, 4), h(8, 4), 'A/1.png', 'B/1.png'); // Left: 'B/1.png: is 8x4 but its A file A/1.png is 4x4; ...'
 * ```
 */
export const checkSeparateHeaders = (a: ImageHeader, b: ImageHeader, pathA: string, pathB: string): E.Either<DatasetError, void> =>
  (a.width === b.width && a.height === b.height) || (a.width === b.height && a.height === b.width)
    ? E.right(undefined)
    : E.left(
        badImage(pathB, 'size-mismatch', `is ${b.width}x${b.height} but its A file ${pathA} is ${a.width}x${a.height}; A and B of a pair must have the same size`),
      );
