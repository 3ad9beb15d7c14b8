import * as E from 'fp-ts/Either';
import { badImage, type DatasetError } from '../errors/dataset-error';
import type { ImageHeader } from './image-header';

/**
 * The default most pixels an input image may have: 8192 x 8192 (2^26). An RGB image that size decodes to 192 MiB
 * of bytes and more as floats; a 261 KB PNG can claim 2^28 pixels (sharp's own limit) and costs 2.8 GB and
 * minutes to decode. pix2pix trains on 256x256: anything this large is a mistake or an attack.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_PIXELS } from '@pix2pix-ts/datasets';
 * DEFAULT_MAX_PIXELS === 8192 * 8192; // true
 * ```
 */
export const DEFAULT_MAX_PIXELS = 8192 * 8192;

/**
 * Refuses a header that claims more than `maxPixels` pixels (a `BadImage` with problem `too-large`), before any
 * pixel is decoded.
 *
 * @example
 * ```ts
 * import { checkPixelLimit } from '@pix2pix-ts/datasets';
 * checkPixelLimit({ format: 'png', width: 16384, height: 16383, colour: 'rgb', bitDepth: 8 }, 'big.png', 8192 * 8192);
 * // Left: 'big.png: claims 16384x16383 pixels (268,419,072), more than the limit of 67,108,864 (8192x8192); ...'
 * ```
 */
export const checkPixelLimit = (header: ImageHeader, path: string, maxPixels: number): E.Either<DatasetError, ImageHeader> => {
  const pixels = header.width * header.height;
  if (pixels <= maxPixels) return E.right(header);
  const side = Math.floor(Math.sqrt(maxPixels));
  const limit = side * side === maxPixels ? ` (${side}x${side})` : '';
  return E.left(
    badImage(
      path,
      'too-large',
      `claims ${header.width}x${header.height} pixels (${pixels.toLocaleString('en-US')}), more than the limit of ${maxPixels.toLocaleString('en-US')}${limit}; refused before decoding (raise maxPixels if the file is genuine)`,
    ),
  );
};
