/**
 * Everything that can go wrong while finding, fetching, decoding or batching paired images, as plain data.
 *
 * Every variant carries a ready-to-print `message` that names the file (or folder, or URL) first and then says
 * what is wrong with it, so a user never has to guess which of 400 images broke the run.
 */

/**
 * What is wrong with one image file.
 *
 * @example
 * ```ts
 * import type { ImageProblem } from '@pix2pix-ts/datasets';
 * const p: ImageProblem = 'aspect';
 * ```
 */
export type ImageProblem =
  /** The file has 0 bytes. */
  | 'empty'
  /** The bytes are neither a JPEG nor a PNG (e.g. a text file named `.jpg`). */
  | 'not-an-image'
  /** A JPEG/PNG that the decoder rejects: truncated, bad Huffman data, CRC error, ... */
  | 'corrupt'
  /** An aligned (AB) image that is not exactly twice as wide as tall, or has an odd width. */
  | 'aspect'
  /** Too small for the requested preprocessing (e.g. `preprocess: 'none'` rounding a side to 0). */
  | 'too-small'
  /** Grayscale, RGBA, palette, CMYK or 16-bit input while `strict: true` asks for 8-bit RGB only. */
  | 'not-rgb'
  /** The A and B files of one pair have different sizes. */
  | 'size-mismatch'
  /** The header claims more pixels than the limit (`maxPixels`): refused before decoding, which would cost gigabytes. */
  | 'too-large';

/**
 * Why a symbolic link in a data folder is not followed.
 *
 * @example
 * ```ts
 * import type { LinkProblem } from '@pix2pix-ts/datasets';
 * const p: LinkProblem = 'loop';
 * ```
 */
export type LinkProblem =
  /** It resolves outside the folder being listed (e.g. `train/usr -> /usr`). */
  | 'outside'
  /** It resolves to a folder that contains it (e.g. `train/sub -> .`): following it would never end. */
  | 'loop'
  /** It resolves to a folder already listed through another name: its images would count twice. */
  | 'duplicate';

/**
 * A failure, tagged by `_tag`; `message` is the human-readable explanation.
 *
 * @example
 * ```ts
 * import type { DatasetError } from '@pix2pix-ts/datasets';
 * const explain = (e: DatasetError) => (e._tag === 'BadImage' ? `${e.problem}: ${e.message}` : e.message);
 * ```
 */
export type DatasetError =
  | { readonly _tag: 'InvalidInput'; readonly what: string; readonly problems: readonly string[]; readonly message: string }
  | { readonly _tag: 'MissingFolder'; readonly path: string; readonly message: string }
  | { readonly _tag: 'NoImages'; readonly path: string; readonly message: string }
  | { readonly _tag: 'BadImage'; readonly path: string; readonly problem: ImageProblem; readonly message: string }
  | {
      readonly _tag: 'MismatchedPairs';
      readonly onlyInA: readonly string[];
      readonly onlyInB: readonly string[];
      readonly message: string;
    }
  | { readonly _tag: 'Io'; readonly path: string; readonly message: string }
  | {
      readonly _tag: 'UnsafeLink';
      readonly path: string;
      readonly target: string;
      readonly reason: LinkProblem;
      readonly message: string;
    }
  | { readonly _tag: 'Download'; readonly url: string; readonly message: string }
  | {
      readonly _tag: 'Checksum';
      readonly what: string;
      readonly expected: string;
      readonly actual: string;
      readonly message: string;
    }
  | { readonly _tag: 'Archive'; readonly path: string; readonly message: string }
  | { readonly _tag: 'Batch'; readonly message: string }
  | { readonly _tag: 'Worker'; readonly message: string };

/**
 * An input (options, a dataset config, an environment variable, an HTTP header) that failed its io-ts codec.
 *
 * @example
 * ```ts
 * import { invalidInput } from '@pix2pix-ts/datasets';
 * invalidInput('loader options', ['cropSize: expected a positive integer, got -1']).message;
 * // 'invalid loader options: cropSize: expected a positive integer, got -1'
 * ```
 */
export const invalidInput = (what: string, problems: readonly string[]): DatasetError => ({
  _tag: 'InvalidInput',
  what,
  problems,
  message: `invalid ${what}: ${problems.join('; ')}`,
});

/**
 * A folder that should exist does not.
 *
 * @example
 * ```ts
 * import { missingFolder } from '@pix2pix-ts/datasets';
 * missingFolder('/data/facades/train', 'the aligned train split').message;
 * // "/data/facades/train: folder not found (the aligned train split)"
 * ```
 */
export const missingFolder = (path: string, role: string): DatasetError => ({
  _tag: 'MissingFolder',
  path,
  message: `${path}: folder not found (${role})`,
});

/**
 * A folder that exists but holds no JPEG or PNG file.
 *
 * @example
 * ```ts
 * import { noImages } from '@pix2pix-ts/datasets';
 * noImages('/data/empty').message; // '/data/empty: no .jpg, .jpeg or .png files found'
 * ```
 */
export const noImages = (path: string): DatasetError => ({
  _tag: 'NoImages',
  path,
  message: `${path}: no .jpg, .jpeg or .png files found`,
});

/**
 * One image file that cannot be used, and why.
 *
 * @example
 * ```ts
 * import { badImage } from '@pix2pix-ts/datasets';
 * badImage('train/7.jpg', 'aspect', 'is 3x1; aligned images must be exactly 2:1').message;
 * // 'train/7.jpg: is 3x1; aligned images must be exactly 2:1'
 * ```
 */
export const badImage = (path: string, problem: ImageProblem, detail: string): DatasetError => ({
  _tag: 'BadImage',
  path,
  problem,
  message: `${path}: ${detail}`,
});

const listSome = (names: readonly string[]): string => {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown}, … (${names.length} in all)` : shown;
};

/**
 * A/B folders whose file names do not match one to one.
 *
 * @example
 * ```ts
 * import { mismatchedPairs } from '@pix2pix-ts/datasets';
 * mismatchedPairs('photos', 'labels', ['3.jpg'], []).message;
 * // 'photos and labels do not pair up: only in A: 3.jpg'
 * ```
 */
export const mismatchedPairs = (
  dirA: string,
  dirB: string,
  onlyInA: readonly string[],
  onlyInB: readonly string[],
  extra?: string,
): DatasetError => {
  const parts = [
    ...(onlyInA.length > 0 ? [`only in A: ${listSome(onlyInA)}`] : []),
    ...(onlyInB.length > 0 ? [`only in B: ${listSome(onlyInB)}`] : []),
    ...(extra === undefined ? [] : [extra]),
  ];
  return { _tag: 'MismatchedPairs', onlyInA, onlyInB, message: `${dirA} and ${dirB} do not pair up: ${parts.join('; ')}` };
};

/**
 * A file-system operation that failed (permissions, disk full, ...).
 *
 * @example
 * ```ts
 * import { ioError } from '@pix2pix-ts/datasets';
 * ioError('/data/a.jpg', new Error('EACCES')).message; // '/data/a.jpg: EACCES'
 * ```
 */
export const ioError = (path: string, cause: unknown): DatasetError => ({
  _tag: 'Io',
  path,
  message: `${path}: ${describeCause(cause)}`,
});

const LINK_PROBLEMS: Record<LinkProblem, (target: string, root: string) => string> = {
  outside: (target, root) => `resolves to ${target}, outside the data folder ${root}; links must stay inside it`,
  loop: (target) => `resolves to ${target}, a folder that contains it (a loop)`,
  duplicate: (target) => `resolves to ${target}, a folder already listed under another name (its images would count twice)`,
};

/**
 * A symbolic link in a data folder that is refused: it leaves the folder, loops, or repeats a folder.
 *
 * @example
 * ```ts
 * import { unsafeLink } from '@pix2pix-ts/datasets';
 * unsafeLink('/data/train/usr', '/usr', 'outside', '/data/train').message;
 * // '/data/train/usr: a symbolic link that resolves to /usr, outside the data folder /data/train; links must stay inside it (not followed; remove or replace the link)'
 * ```
 */
export const unsafeLink = (path: string, target: string, reason: LinkProblem, root: string): DatasetError => ({
  _tag: 'UnsafeLink',
  path,
  target,
  reason,
  message: `${path}: a symbolic link that ${LINK_PROBLEMS[reason](target, root)} (not followed; remove or replace the link)`,
});

/**
 * An HTTP download that failed (status, connection, redirect loop...).
 *
 * @example
 * ```ts
 * import { downloadError } from '@pix2pix-ts/datasets';
 * downloadError('http://host/f.tar.gz', 'HTTP 404').message; // 'http://host/f.tar.gz: download failed: HTTP 404'
 * ```
 */
export const downloadError = (url: string, detail: string): DatasetError => ({
  _tag: 'Download',
  url,
  message: `${url}: download failed: ${detail}`,
});

/**
 * A SHA-256 that is not the one expected.
 *
 * @example
 * ```ts
 * import { checksumError } from '@pix2pix-ts/datasets';
 * checksumError('facades.tar.gz', 'ab', 'cd', 'the partial download was deleted').message;
 * // 'facades.tar.gz: SHA-256 mismatch: expected ab, got cd (the partial download was deleted)'
 * ```
 */
export const checksumError = (what: string, expected: string, actual: string, note: string): DatasetError => ({
  _tag: 'Checksum',
  what,
  expected,
  actual,
  message: `${what}: SHA-256 mismatch: expected ${expected}, got ${actual} (${note})`,
});

/**
 * A tar archive that is malformed or holds an unsafe entry.
 *
 * @example
 * ```ts
 * import { archiveError } from '@pix2pix-ts/datasets';
 * archiveError('f.tar.gz', 'entry "../x" leaves the extraction folder').message;
 * // 'f.tar.gz: entry "../x" leaves the extraction folder'
 * ```
 */
export const archiveError = (path: string, detail: string): DatasetError => ({
  _tag: 'Archive',
  path,
  message: `${path}: ${detail}`,
});

/**
 * Samples that cannot share one batch (different sizes).
 *
 * @example
 * ```ts
 * import { batchError } from '@pix2pix-ts/datasets';
 * batchError('a.jpg is 256x256 but b.jpg is 300x256').message;
 * ```
 */
export const batchError = (detail: string): DatasetError => ({ _tag: 'Batch', message: `cannot batch: ${detail}` });

/**
 * A decode worker that crashed or answered nonsense.
 *
 * @example
 * ```ts
 * import { workerError } from '@pix2pix-ts/datasets';
 * workerError('exited with code 1').message; // 'decode worker: exited with code 1'
 * ```
 */
export const workerError = (detail: string): DatasetError => ({ _tag: 'Worker', message: `decode worker: ${detail}` });

/**
 * The readable text of anything thrown (an `Error`'s message, else `String(x)`).
 *
 * @example
 * ```ts
 * import { describeCause } from '@pix2pix-ts/datasets';
 * describeCause(new Error('boom')); // 'boom'
 * ```
 */
export const describeCause = (cause: unknown): string =>
  cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : JSON.stringify(cause) ?? String(cause);
