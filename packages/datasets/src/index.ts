/**
 * `@pix2pix-ts/datasets`: paired image data for pix2pix, the way users bring it (aligned AB files, A/B folders,
 * the CMP Facades set, a synthetic set), preprocessed exactly as the official implementation, seeded through
 * keys, streamed as batches.
 *
 * This entry is browser-safe: no `fs`, `sharp` or `worker_threads`. Node-only parts (folders, sharp decoding,
 * decode workers, the Facades download) are in `@pix2pix-ts/datasets/node`, which also re-exports everything here.
 *
 * @example
 * ```ts
 * // browser only: fetches the page's /facades/train/*.jpg and decodes with createImageBitmap
 * import * as E from 'fp-ts/Either';
 * import { pipe } from 'fp-ts/function';
 * import { alignedUrls, browserLoader, batchToTensors } from '@pix2pix-ts/datasets';
 * const urls = Array.from({ length: 400 }, (_, i) => `/facades/train/${i + 1}.jpg`);
 * const loader = pipe(alignedUrls({ urls, direction: 'BtoA' }), E.chain((s) => browserLoader(s, { batchSize: 1 })));
 * if (E.isRight(loader)) for await (const batch of loader.right.epoch(0)) { const { a, b } = batchToTensors(batch); a.dispose(); b.dispose(); }
 * ```
 * @packageDocumentation
 */

// errors
export * from './errors/dataset-error';
export * from './errors/dataset-load-error';
// config (io-ts codecs for every external input)
export * from './config/codecs';
export * from './config/report';
export * from './config/decode-input';
export * from './config/direction';
export * from './config/transform-options';
export * from './config/loader-options';
export * from './config/source-options';
export * from './config/dataset-config';
// images and decoding
export * from './image/rgb-image';
export * from './image/to-rgb';
export * from './image/lab';
export * from './decode/image-header';
export * from './decode/pixel-limit';
export * from './decode/check-bytes';
export * from './decode/image-decoder';
export * from './decode/browser-decoder';
// preprocessing and augmentation (the official get_params / get_transform)
export * from './augment/resize-bicubic';
export * from './augment/crop';
export * from './augment/flip';
export * from './augment/round-half-even';
export * from './augment/sizes';
export * from './augment/params';
export * from './augment/transform';
export * from './augment/normalize';
// header checks (pure; the file pass is in ./node)
export * from './check/pair-header-check';
// sources
export * from './sources/pair-entry';
export * from './sources/pair-source';
export * from './sources/split-aligned';
export * from './sources/orient';
export * from './sources/match-pairs';
export * from './sources/cmp-palette';
export * from './sources/synthetic';
export * from './sources/urls';
// streaming
export * from './stream/keys';
export * from './stream/sample';
export * from './stream/sample-settings';
export * from './stream/sample-settings-of';
export * from './stream/read-bytes';
export * from './stream/fetch-bytes';
export * from './stream/load-raw-pair';
export * from './stream/prepare-sample';
export * from './stream/sample-loader';
export * from './stream/batch';
export * from './stream/load-report';
export * from './loader/start-at';
export * from './loader/loader-options-codec';
export * from './loader/loader';
export * from './loader/browser-loader';
export * from './stream/to-tensors';
// the official datasets by name (the catalogue; fetching them is in ./node)
export * from './catalog/facades-digest';
export * from './catalog/official-dataset';
export * from './catalog/official-datasets';
export * from './catalog/datasets-url';
// download progress (formatting only; the downloader is in ./node)
export * from './download/progress-format';
// dataset modes (the paper's other tasks, made from plain photos; the folder source is in ./node)
export * from './modes/dataset-mode';
export * from './modes/canny';
export * from './modes/edges';
export * from './modes/inpaint';
export * from './modes/colorization';
export * from './modes/mode-pair';
export * from './modes/mode-display';
