/**
 * `@pix2pix-ts/datasets/node`: everything of the browser-safe entry, plus what needs Node: folders on disk, sharp
 * decoding, decode workers (`worker_threads`), and the CMP Facades set (found locally or downloaded).
 *
 * @example
 * ```ts
 * import * as TE from 'fp-ts/TaskEither';
 * import { pipe } from 'fp-ts/function';
 * import { facades, nodeLoader } from '@pix2pix-ts/datasets/node';
 * const loader = await pipe(facades({ phase: 'train' }), TE.chain((s) => nodeLoader(s, { seed: 1 })))();
 * ```
 * @packageDocumentation
 */
export * from './index';
export * from './decode/sharp-decoder';
export * from './stream/read-file-bytes';
export * from './stream/worker-pool';
export * from './loader/node-loader';
export * from './sources/list-images';
export * from './sources/aligned-folder';
export * from './sources/paired-folders';
export * from './sources/facades';
export * from './sources/shared-data';
export * from './sources/open-dataset';
export * from './check/read-header-bytes';
export * from './check/check-source';
export * from './download/tar-reader';
export * from './download/extract-tar-gz';
export * from './download/sha256-file';
export * from './download/tree-digest';
export * from './download/progress-reporter';
export * from './download/download-file';
export * from './download/install-archive';
export * from './download/digest-record';
export * from './catalog/fetch-official-dataset';
export * from './modes/photo-folder';
