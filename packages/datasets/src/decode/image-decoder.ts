import type { TaskEither } from 'fp-ts/TaskEither';
import type { DatasetError } from '../errors/dataset-error';
import type { RgbImage } from '../image/rgb-image';
import type { ImageHeader } from './image-header';

/**
 * A decoded file: its RGB pixels (EXIF orientation applied) and what its header said about the stored format.
 *
 * @example
 * ```ts
 * import type { DecodedImage } from '@pix2pix-ts/datasets';
 * const size = (d: DecodedImage) => `${d.image.width}x${d.image.height} ${d.header.format}`;
 * ```
 */
export interface DecodedImage {
  readonly image: RgbImage;
  readonly header: ImageHeader;
}

/**
 * Turns the bytes of a JPEG or PNG into an {@link RgbImage}. One interface for Node (sharp/libvips: see
 * `sharpDecoder` in `@pix2pix-ts/datasets/node`) and browsers ({@link browserDecoder}). Failures are
 * `BadImage` errors naming `path`.
 *
 * @example
 * ```ts
 * import type { ImageDecoder } from '@pix2pix-ts/datasets';
 * const describe = (d: ImageDecoder) => d.name; // 'sharp' or 'browser'
 * ```
 */
export interface ImageDecoder {
  readonly name: string;
  readonly decode: (bytes: Uint8Array, path: string) => TaskEither<DatasetError, DecodedImage>;
}

/**
 * Options of the decoders (`sharpDecoder`, {@link browserDecoder}).
 *
 * @example
 * ```ts
 * import type { DecoderOptions } from '@pix2pix-ts/datasets';
 * const o: DecoderOptions = { maxPixels: 4096 * 4096 };
 * ```
 */
export interface DecoderOptions {
  /** Refuse (before decoding) files whose header claims more pixels than this. Default `DEFAULT_MAX_PIXELS` (8192²). */
  readonly maxPixels?: number;
}
