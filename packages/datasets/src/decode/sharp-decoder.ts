import sharp from 'sharp';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { badImage, describeCause } from '../errors/dataset-error';
import { toRgb } from '../image/to-rgb';
import { checkImageBytes } from './check-bytes';
import type { DecoderOptions, ImageDecoder } from './image-decoder';
import { DEFAULT_MAX_PIXELS } from './pixel-limit';

/**
 * Node's decoder: sharp (libvips, prebuilt from the npm registry). Applies EXIF orientation, converts 16-bit and
 * palette input to 8-bit, and refuses files that libvips warns about (truncated or damaged JPEGs) instead of
 * silently returning grey blocks. A header claiming more than `maxPixels` pixels is refused before decoding.
 * Measured on Facades: pixel-identical to PIL's decoding (which the official code uses).
 *
 * @example
 * ```ts
 * import sharp from 'sharp';
 * import { sharpDecoder } from '@pix2pix-ts/datasets/node';
 * // a 512x256 grey PNG; in practice: await readFile('facades/train/1.jpg')
 * const bytes = await sharp({ create: { width: 512, height: 256, channels: 3, background: '#808080' } }).png().toBuffer();
 * const result = await sharpDecoder().decode(bytes, 'grey.png')();
 * // Right({ image: { width: 512, height: 256, channels: 3, data }, header: { format: 'png', ... } })
 * ```
 */
export const sharpDecoder = (options: DecoderOptions = {}): ImageDecoder => {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  return {
    name: 'sharp',
    decode: (bytes, path) =>
      pipe(
        TE.fromEither(checkImageBytes(bytes, path, maxPixels)),
        TE.chain((header) =>
          TE.tryCatch(
            async () => {
              const { data, info } = await sharp(bytes, { failOn: 'warning', limitInputPixels: maxPixels })
                .autoOrient()
                .toColourspace(header.colour === 'gray' || header.colour === 'gray-alpha' ? 'b-w' : 'srgb')
                .raw({ depth: 'uchar' })
                .toBuffer({ resolveWithObject: true });
              const channels = info.channels;
              if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
                throw new Error(`unexpected ${channels} channels after decoding`);
              }
              const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
              return { image: toRgb({ width: info.width, height: info.height, channels, data: view }), header };
            },
            (cause) => badImage(path, 'corrupt', `cannot be decoded (${explainSharpError(describeCause(cause))})`),
          ),
        ),
      ),
  };
};

/**
 * libvips reports the same damaged file either with its warning text ("premature end of JPEG file") or, when the
 * warning was raised on another thread, only with the generic failOn message. Make the second case say what it means.
 */
const explainSharpError = (message: string): string =>
  /warning treated as error/i.test(message) ? `damaged or truncated image data: ${message}` : message;
