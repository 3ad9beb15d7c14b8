import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { decodeLoaderOptions, type LoaderOptionsInput } from '../config/loader-options';
import { browserDecoder, type BrowserPlatform } from '../decode/browser-decoder';
import type { DatasetError } from '../errors/dataset-error';
import type { PairSource } from '../sources/pair-source';
import { fetchBytes } from '../stream/fetch-bytes';
import { createLoader, type Loader } from './loader';
import type { ReadBytes } from '../stream/read-bytes';
import { inProcessSampleLoader } from '../stream/sample-loader';
import { sampleSettingsOf } from '../stream/sample-settings-of';

/**
 * A loader for browsers (main thread or a Web Worker): bytes through `fetch` (or your `readBytes`), decoding
 * through `createImageBitmap`/`OffscreenCanvas`, the same preprocessing as Node. Options are decoded with io-ts;
 * `workers` is ignored (run the whole loader in a Web Worker to move it off the main thread).
 *
 * @example
 * ```ts
 * // browser only: fetches the page's /facades/train/*.jpg and decodes with createImageBitmap
 * import * as E from 'fp-ts/Either';
 * import { pipe } from 'fp-ts/function';
 * import { alignedUrls, browserLoader } from '@pix2pix-ts/datasets';
 * const urls = Array.from({ length: 400 }, (_, i) => `/facades/train/${i + 1}.jpg`);
 * const loader = pipe(alignedUrls({ urls, direction: 'BtoA' }), E.chain((s) => browserLoader(s, { batchSize: 1 })));
 * if (E.isRight(loader)) for await (const batch of loader.right.epoch(0)) console.log(batch.paths);
 * ```
 */
export const browserLoader = (
  source: PairSource,
  options: LoaderOptionsInput = {},
  deps: { readonly readBytes?: ReadBytes; readonly platform?: BrowserPlatform } = {},
): E.Either<DatasetError, Loader> =>
  pipe(
    decodeLoaderOptions(options),
    E.map((o) =>
      createLoader(
        source,
        o,
        inProcessSampleLoader(source, sampleSettingsOf(source, o), {
          readBytes: deps.readBytes ?? fetchBytes,
          decoder: browserDecoder(deps.platform),
        }),
      ),
    ),
  );
