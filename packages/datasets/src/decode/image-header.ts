import * as E from 'fp-ts/Either';

/**
 * How a file stores its pixels, read from its header without decoding it.
 *
 * @example
 * ```ts
 * import type { ColourModel } from '@pix2pix-ts/datasets';
 * const c: ColourModel = 'gray-alpha';
 * ```
 */
export type ColourModel = 'gray' | 'gray-alpha' | 'rgb' | 'rgba' | 'palette' | 'cmyk';

/**
 * What a JPEG's SOF segment or a PNG's IHDR chunk says. Width and height are as stored (before any EXIF
 * rotation).
 *
 * @example
 * ```ts
 * import type { ImageHeader } from '@pix2pix-ts/datasets';
 * const h: ImageHeader = { format: 'jpeg', width: 512, height: 256, colour: 'rgb', bitDepth: 8 };
 * ```
 */
export interface ImageHeader {
  readonly format: 'jpeg' | 'png';
  readonly width: number;
  readonly height: number;
  readonly colour: ColourModel;
  /** Bits per sample: 8 for ordinary files, 16 for 16-bit PNGs, 1–4 for low-depth gray/palette PNGs. */
  readonly bitDepth: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

const PNG_COLOURS: Partial<Record<number, ColourModel>> = { 0: 'gray', 2: 'rgb', 3: 'palette', 4: 'gray-alpha', 6: 'rgba' };

const u16 = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u32 = (b: Uint8Array, i: number): number => u16(b, i) * 65536 + u16(b, i + 2);

const readPng = (b: Uint8Array): E.Either<string, ImageHeader> => {
  // IHDR is always the first chunk: length(4) "IHDR"(4) width(4) height(4) depth(1) colour type(1).
  if (b.length < 8 + 8 + 13) return E.left('is a truncated PNG (no complete IHDR chunk)');
  const type = String.fromCharCode(b[12] ?? 0, b[13] ?? 0, b[14] ?? 0, b[15] ?? 0);
  if (type !== 'IHDR') return E.left('is a corrupt PNG (first chunk is not IHDR)');
  const width = u32(b, 16);
  const height = u32(b, 20);
  const bitDepth = b[24] ?? 0;
  const colourType = b[25] ?? -1;
  const colour = PNG_COLOURS[colourType];
  if (colour === undefined) return E.left(`is a corrupt PNG (unknown colour type ${colourType})`);
  return E.right({ format: 'png', width, height, colour, bitDepth });
};

// SOF markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

const readJpeg = (b: Uint8Array): E.Either<string, ImageHeader> => {
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return E.left(`is a corrupt JPEG (expected a marker at byte ${i})`);
    while (b[i] === 0xff) i++; // fill bytes
    const marker = b[i] ?? -1;
    i++;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xda || marker === 0xd9) return E.left('is a corrupt JPEG (no frame header before the image data)');
    if (i + 2 > b.length) break;
    const length = u16(b, i);
    if (isSof(marker)) {
      if (i + 8 > b.length) break;
      const bitDepth = b[i + 2] ?? 0;
      const height = u16(b, i + 3);
      const width = u16(b, i + 5);
      const components = b[i + 7] ?? 0;
      const colour: ColourModel | undefined =
        components === 1 ? 'gray' : components === 3 ? 'rgb' : components === 4 ? 'cmyk' : undefined;
      if (colour === undefined) return E.left(`is a corrupt JPEG (${components} colour components)`);
      return E.right({ format: 'jpeg', width, height, colour, bitDepth });
    }
    if (length < 2) return E.left(`is a corrupt JPEG (segment length ${length} at byte ${i})`);
    i += length;
  }
  return E.left('is a truncated JPEG (ends before its frame header)');
};

const preview = (b: Uint8Array): string => {
  const head = b.subarray(0, 16);
  const printable = [...head].every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127));
  return printable
    ? `text ${JSON.stringify(String.fromCharCode(...head))}`
    : `bytes ${[...head.subarray(0, 8)].map((c) => c.toString(16).padStart(2, '0')).join(' ')}`;
};

/**
 * Reads the format, size and colour model from the first bytes of a JPEG or PNG, without decoding pixels. `Left`
 * holds what is wrong, phrased to follow a file name ("is empty (0 bytes)", "is not a JPEG or PNG (starts with
 * text "hello")").
 *
 * @example
 * ```ts
 * import { readImageHeader } from '@pix2pix-ts/datasets';
 * readImageHeader(new Uint8Array(0)); // Left('is empty (0 bytes)')
 * ```
 */
export const readImageHeader = (bytes: Uint8Array): E.Either<string, ImageHeader> => {
  if (bytes.length === 0) return E.left('is empty (0 bytes)');
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return readJpeg(bytes);
  if (bytes.length >= 8 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return readPng(bytes);
  return E.left(`is not a JPEG or PNG (starts with ${preview(bytes)})`);
};

/**
 * True when the header describes plain 8-bit RGB, the only input `strict: true` accepts.
 *
 * @example
 * ```ts
 * import { isPlainRgb } from '@pix2pix-ts/datasets';
 * isPlainRgb({ format: 'png', width: 2, height: 2, colour: 'rgba', bitDepth: 8 }); // false
 * ```
 */
export const isPlainRgb = (h: ImageHeader): boolean => h.colour === 'rgb' && h.bitDepth === 8;

/**
 * A short description such as `8-bit RGBA PNG`, used in reports and strict-mode errors.
 *
 * @example
 * ```ts
 * import { describeHeader } from '@pix2pix-ts/datasets';
 * describeHeader({ format: 'jpeg', width: 8, height: 8, colour: 'gray', bitDepth: 8 }); // '8-bit gray JPEG'
 * ```
 */
export const describeHeader = (h: ImageHeader): string =>
  `${h.bitDepth}-bit ${h.colour === 'rgb' || h.colour === 'rgba' || h.colour === 'cmyk' ? h.colour.toUpperCase() : h.colour} ${h.format.toUpperCase()}`;
