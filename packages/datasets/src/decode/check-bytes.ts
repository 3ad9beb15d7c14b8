import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { badImage, type DatasetError } from '../errors/dataset-error';
import { readImageHeader, type ImageHeader } from './image-header';
import { checkPixelLimit, DEFAULT_MAX_PIXELS } from './pixel-limit';

/**
 * The checks every decoder runs before decoding: the file is not empty, is a JPEG or PNG, and its header claims
 * at most `maxPixels` pixels (default {@link DEFAULT_MAX_PIXELS}: a header is a few bytes, the pixels it promises
 * can be gigabytes). Gives the header.
 *
 * @example
 * ```ts
 * import { checkImageBytes } from '@pix2pix-ts/datasets';
 * checkImageBytes(new TextEncoder().encode('hello'), 'x.jpg');
 * // Left: 'x.jpg: is not a JPEG or PNG (starts with text "hello")'
 * ```
 */
export const checkImageBytes = (bytes: Uint8Array, path: string, maxPixels: number = DEFAULT_MAX_PIXELS): E.Either<DatasetError, ImageHeader> =>
  pipe(
    readImageHeader(bytes),
    E.mapLeft((why) =>
      badImage(path, bytes.length === 0 ? 'empty' : why.startsWith('is not') ? 'not-an-image' : 'corrupt', why),
    ),
    E.chain((header) => checkPixelLimit(header, path, maxPixels)),
  );
