import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { badImage, describeCause } from '../errors/dataset-error';
import { toRgb } from '../image/to-rgb';
import { checkImageBytes } from './check-bytes';
import type { DecoderOptions, ImageDecoder } from './image-decoder';

/**
 * The bitmap a platform hands back: only its size and `close()` are used.
 *
 * @example
 * ```ts
 * import type { PlatformBitmap } from '@pix2pix-ts/datasets';
 * const fake: PlatformBitmap = { width: 2, height: 1, close: () => {} };
 * ```
 */
export interface PlatformBitmap {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/**
 * The two platform features the browser decoder needs; defaults are the globals. Injectable for tests.
 *
 * @example
 * ```ts
 * import type { BrowserPlatform } from '@pix2pix-ts/datasets';
 * const stub: BrowserPlatform = {
 *   createImageBitmap: async () => ({ width: 1, height: 1, close: () => {} }),
 *   readPixels: () => new Uint8ClampedArray([255, 0, 0, 255]),
 * };
 * ```
 */
export interface BrowserPlatform {
  readonly createImageBitmap: (blob: Blob, options: ImageBitmapOptions) => Promise<PlatformBitmap>;
  /** Draws the bitmap and returns its RGBA pixels (OffscreenCanvas `getImageData`). */
  readonly readPixels: (bitmap: PlatformBitmap) => Uint8ClampedArray;
}

interface CanvasLike {
  getContext(
    kind: '2d',
    options: { willReadFrequently: boolean },
  ): { drawImage(b: PlatformBitmap, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/**
 * The platform of the current global scope (window or worker): `createImageBitmap` + `OffscreenCanvas`.
 * Throws a clear error where either is missing (e.g. plain Node: use `sharpDecoder` there).
 *
 * @example
 * ```ts
 * // browser only: needs createImageBitmap and OffscreenCanvas
 * import { browserDecoder, globalBrowserPlatform } from '@pix2pix-ts/datasets';
 * const decoder = browserDecoder(globalBrowserPlatform());
 * ```
 */
export const globalBrowserPlatform = (): BrowserPlatform => {
  const g: {
    createImageBitmap?: (blob: Blob, options: ImageBitmapOptions) => Promise<PlatformBitmap>;
    OffscreenCanvas?: new (w: number, h: number) => CanvasLike;
  } = globalThis;
  const create = g.createImageBitmap;
  const Canvas = g.OffscreenCanvas;
  if (create === undefined || Canvas === undefined) {
    throw new Error('browserDecoder: this environment has no createImageBitmap/OffscreenCanvas; in Node use sharpDecoder from @pix2pix-ts/datasets/node');
  }
  return {
    createImageBitmap: (blob, options) => create.call(globalThis, blob, options),
    readPixels: (bitmap) => {
      const ctx = new Canvas(bitmap.width, bitmap.height).getContext('2d', { willReadFrequently: true });
      if (ctx === null) throw new Error('OffscreenCanvas has no 2d context');
      ctx.drawImage(bitmap, 0, 0);
      return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    },
  };
};

/**
 * Decodes JPEG/PNG through the browser: `createImageBitmap` (EXIF orientation from the image, no premultiplied
 * alpha, no colour-space conversion) and an `OffscreenCanvas` read-back, then alpha is dropped. Works on the main
 * thread and in Web Workers.
 *
 * Differences from Node worth knowing: browsers' JPEG decoders may differ from libjpeg-turbo by ±1 on some pixels,
 * and a canvas stores premultiplied alpha, so RGB under fully transparent pixels reads back as 0. For identical
 * pixels everywhere, use RGB inputs (everything after decoding, resizing included, is the same code).
 *
 * @example
 * ```ts
 * // browser only: needs createImageBitmap and OffscreenCanvas
 * import { browserDecoder } from '@pix2pix-ts/datasets';
 * const decoder = browserDecoder();
 * const bytes = new Uint8Array(await (await fetch('facades/train/1.jpg')).arrayBuffer());
 * const result = await decoder.decode(bytes, 'facades/train/1.jpg')(); // Right({ image, header })
 * ```
 */
export const browserDecoder = (platform?: BrowserPlatform, options: DecoderOptions = {}): ImageDecoder => ({
  name: 'browser',
  decode: (bytes, path) =>
    pipe(
      TE.fromEither(checkImageBytes(bytes, path, options.maxPixels)),
      TE.chain((header) =>
        TE.tryCatch(
          async () => {
            const p = platform ?? globalBrowserPlatform();
            // Copy into a fresh ArrayBuffer-backed view: Blob wants ArrayBuffer, not SharedArrayBuffer.
            const blob = new Blob([bytes.slice()], { type: header.format === 'png' ? 'image/png' : 'image/jpeg' });
            const bitmap = await p.createImageBitmap(blob, {
              imageOrientation: 'from-image',
              premultiplyAlpha: 'none',
              colorSpaceConversion: 'none',
            });
            try {
              const rgba = p.readPixels(bitmap);
              const data = new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength);
              return { image: toRgb({ width: bitmap.width, height: bitmap.height, channels: 4, data }), header };
            } finally {
              bitmap.close();
            }
          },
          (cause) => badImage(path, 'corrupt', `cannot be decoded (${describeCause(cause)})`),
        ),
      ),
    ),
});
