import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { pipe } from 'fp-ts/function';
import { closedStruct, NonEmptyString } from '../config/codecs';
import { decodeInput } from '../config/decode-input';
import { Direction } from '../config/direction';
import type { DatasetError } from '../errors/dataset-error';
import type { PairSource } from './pair-source';

const AlignedUrls = closedStruct(
  { urls: t.array(NonEmptyString) },
  { direction: Direction, requireSquareHalves: t.boolean },
  'aligned URL list',
);

const PairedUrls = closedStruct(
  { pairs: t.array(t.tuple([NonEmptyString, NonEmptyString])) },
  { direction: Direction },
  'paired URL list',
);

/**
 * A browser source of aligned (AB side by side) images at the given URLs, in the given order (serve a listing
 * from your server, or list `1.jpg … 400.jpg` for Facades).
 *
 * @example
 * ```ts
 * import { alignedUrls } from '@pix2pix-ts/datasets';
 * const urls = Array.from({ length: 400 }, (_, i) => `/facades/train/${i + 1}.jpg`);
 * const source = alignedUrls({ urls, direction: 'BtoA' }); // Right(PairSource)
 * ```
 */
export const alignedUrls = (input: t.TypeOf<typeof AlignedUrls>): E.Either<DatasetError, PairSource> =>
  pipe(
    decodeInput(AlignedUrls, 'aligned URL list')(input),
    E.map((o) => ({
      name: `aligned images (${o.urls.length} URLs)`,
      direction: o.direction ?? 'AtoB',
      requireSquareHalves: o.requireSquareHalves ?? true,
      entries: o.urls.map((url) => ({ kind: 'aligned' as const, id: url, path: url })),
    })),
  );

/**
 * A browser source of separate A and B images, as `[urlA, urlB]` pairs.
 *
 * @example
 * ```ts
 * import { pairedUrls } from '@pix2pix-ts/datasets';
 * const source = pairedUrls({ pairs: [['/A/1.png', '/B/1.png']] }); // Right(PairSource)
 * ```
 */
export const pairedUrls = (input: t.TypeOf<typeof PairedUrls>): E.Either<DatasetError, PairSource> =>
  pipe(
    decodeInput(PairedUrls, 'paired URL list')(input),
    E.map((o) => ({
      name: `paired images (${o.pairs.length} URL pairs)`,
      direction: o.direction ?? 'AtoB',
      requireSquareHalves: true,
      entries: o.pairs.map(([a, b]) => ({ kind: 'separate' as const, id: a, pathA: a, pathB: b })),
    })),
  );
