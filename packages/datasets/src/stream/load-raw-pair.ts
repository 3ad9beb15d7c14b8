import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { sequenceT } from 'fp-ts/Apply';
import { badImage, type DatasetError } from '../errors/dataset-error';
import type { ImageDecoder } from '../decode/image-decoder';
import { describeHeader, isPlainRgb, readImageHeader } from '../decode/image-header';
import { checkPixelLimit, DEFAULT_MAX_PIXELS } from '../decode/pixel-limit';
import type { RgbImage } from '../image/rgb-image';
import type { PairEntry } from '../sources/pair-entry';
import { orient } from '../sources/orient';
import { splitAligned } from '../sources/split-aligned';
import { syntheticPair } from '../sources/synthetic';
import type { ReadBytes } from './read-bytes';
import type { Sample } from './sample';
import type { SampleSettings } from './sample-settings';

/**
 * A pair decoded and oriented (`a` = input, `b` = target), before preprocessing.
 *
 * @example
 * ```ts
 * import type { RawPair } from '@pix2pix-ts/datasets';
 * const sizes = (p: RawPair) => [p.a.width, p.a.height, p.b.width, p.b.height];
 * ```
 */
export interface RawPair {
  readonly id: string;
  readonly a: RgbImage;
  readonly b: RgbImage;
  readonly converted: Sample['converted'];
}

/**
 * How bytes are fetched and decoded where the loading runs.
 *
 * @example
 * ```ts
 * import { browserDecoder, fetchBytes, type LoadEnv } from '@pix2pix-ts/datasets';
 * const env: LoadEnv = { readBytes: fetchBytes, decoder: browserDecoder() };
 * ```
 */
export interface LoadEnv {
  readonly readBytes: ReadBytes;
  readonly decoder: ImageDecoder;
}

// The loader's pixel limit holds whatever limit the decoder was built with: checked on the header, before decoding.
const withinLimit = (bytes: Uint8Array, path: string, maxPixels: number): E.Either<DatasetError, Uint8Array> => {
  const header = readImageHeader(bytes);
  return E.isLeft(header) ? E.right(bytes) : pipe(checkPixelLimit(header.right, path, maxPixels), E.map(() => bytes));
};

const decodeFile = (env: LoadEnv, path: string, settings: SampleSettings) =>
  pipe(
    env.readBytes(path),
    TE.chainEitherK((bytes) => withinLimit(bytes, path, settings.maxPixels ?? DEFAULT_MAX_PIXELS)),
    TE.chain((bytes) => env.decoder.decode(bytes, path)),
    TE.chainEitherK(({ image, header }) =>
      isPlainRgb(header)
        ? E.right({ image, converted: [] })
        : settings.strict
          ? E.left(
              badImage(path, 'not-rgb', `is a ${describeHeader(header)}; strict mode accepts 8-bit RGB only (strict: false converts it)`),
            )
          : E.right({ image, converted: [{ path, from: describeHeader(header) }] }),
    ),
  );

/**
 * Reads, decodes, checks and orients one pair: an aligned file is split in half (and must be 2:1), separate files
 * must have the same size, synthetic pairs are generated. Only the reading and decoding are effects (`env`).
 *
 * @example
 * ```ts
 * import { loadRawPair, browserDecoder, fetchBytes, PAPER_TRANSFORM } from '@pix2pix-ts/datasets';
 * const raw = await loadRawPair(
 *   { readBytes: fetchBytes, decoder: browserDecoder() },
 *   { kind: 'aligned', id: 'train/1.jpg', path: 'train/1.jpg' },
 *   { transform: PAPER_TRANSFORM, direction: 'BtoA', strict: false, requireSquareHalves: true, seed: 0 },
 * )(); // Right({ id, a: labels 256x256, b: photo 256x256, converted: [] })
 * ```
 */
export const loadRawPair = (env: LoadEnv, entry: PairEntry, settings: SampleSettings): TE.TaskEither<DatasetError, RawPair> => {
  switch (entry.kind) {
    case 'aligned':
      return pipe(
        decodeFile(env, entry.path, settings),
        TE.chainEitherK(({ image, converted }) =>
          pipe(
            splitAligned(image, entry.path, settings.requireSquareHalves),
            E.map((halves) => ({ id: entry.id, ...orient(halves, settings.direction), converted })),
          ),
        ),
      );
    case 'separate':
      return pipe(
        sequenceT(TE.ApplyPar)(decodeFile(env, entry.pathA, settings), decodeFile(env, entry.pathB, settings)),
        TE.chainEitherK(([a, b]) =>
          a.image.width !== b.image.width || a.image.height !== b.image.height
            ? E.left(
                badImage(
                  entry.pathB,
                  'size-mismatch',
                  `is ${b.image.width}x${b.image.height} but its A file ${entry.pathA} is ${a.image.width}x${a.image.height}; A and B of a pair must have the same size`,
                ),
              )
            : E.right({ id: entry.id, ...orient({ a: a.image, b: b.image }, settings.direction), converted: [...a.converted, ...b.converted] }),
        ),
      );
    case 'photo':
      // One photo: a dataset mode makes the pair from it (prepareModeSample), so both sides are the photo.
      return pipe(
        decodeFile(env, entry.path, settings),
        TE.map(({ image, converted }) => ({ id: entry.id, a: image, b: image, converted })),
      );
    case 'synthetic':
      return TE.right({ id: entry.id, ...orient(syntheticPair(entry.seed, entry.index, entry.size), settings.direction), converted: [] });
  }
};
