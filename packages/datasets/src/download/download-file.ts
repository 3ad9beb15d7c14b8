import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { basename } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { checksumError, describeCause, downloadError, type DatasetError } from '../errors/dataset-error';
import type { DownloadProgress } from './progress-format';
import { sha256File } from './sha256-file';

/**
 * Options of {@link downloadFile}.
 *
 * @example
 * ```ts
 * import type { DownloadOptions } from '@pix2pix-ts/datasets/node';
 * const o: DownloadOptions = { url: 'http://127.0.0.1:8080/f.tar.gz', dest: '/tmp/f.tar.gz', retries: 3 };
 * ```
 */
export interface DownloadOptions {
  readonly url: string;
  /** Final path; the data goes to `dest + '.part'` until it is complete and verified. */
  readonly dest: string;
  /** Expected SHA-256 of the whole file (lowercase hex); unchecked when absent. */
  readonly sha256?: string | undefined;
  /** Further attempts after a dropped connection or a server error, each resuming where the last stopped. */
  readonly retries: number;
  readonly onProgress?: (p: DownloadProgress) => void;
  /** Idle socket timeout (ms, default 30 000). */
  readonly timeoutMs?: number;
}

/**
 * What {@link downloadFile} did.
 *
 * @example
 * ```ts
 * import type { DownloadResult } from '@pix2pix-ts/datasets/node';
 * const resumed = (r: DownloadResult) => r.attempts.some((offset) => offset > 0);
 * ```
 */
export interface DownloadResult {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** One entry per attempt: the byte offset it started from (0 = from scratch). */
  readonly attempts: readonly number[];
}

// HTTP headers are external input: decoded with io-ts, never trusted as they come.
const Digits = new t.Type<number, string, unknown>(
  'a decimal byte count',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'string' && /^\d{1,15}$/.test(u) ? t.success(Number(u)) : t.failure(u, c)),
  String,
);
const ContentRange = new t.Type<{ start: number; end: number; total: number | undefined }, string, unknown>(
  'a Content-Range "bytes start-end/total"',
  (u): u is { start: number; end: number; total: number | undefined } => typeof u === 'object' && u !== null,
  (u, c) => {
    const m = typeof u === 'string' ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(u.trim()) : null;
    return m === null
      ? t.failure(u, c)
      : t.success({ start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? undefined : Number(m[3]) });
  },
  (r) => `bytes ${r.start}-${r.end}/${r.total ?? '*'}`,
);
const UnsatisfiedRange = new t.Type<number, string, unknown>(
  'a Content-Range "bytes */total"',
  (u): u is number => typeof u === 'number',
  (u, c) => {
    const m = typeof u === 'string' ? /^bytes \*\/(\d+)$/.exec(u.trim()) : null;
    return m === null ? t.failure(u, c) : t.success(Number(m[1]));
  },
  (n) => `bytes */${n}`,
);
const decodeOr = <A>(codec: t.Decoder<unknown, A>, u: unknown): A | undefined => {
  const r = codec.decode(u);
  return E.isRight(r) ? r.right : undefined;
};

class Retryable extends Error {}
class Fatal extends Error {}

const request = (url: string, headers: Record<string, string>, timeoutMs: number, redirects = 5): Promise<http.IncomingMessage> =>
  new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      reject(new Fatal(`not a valid URL`));
      return;
    }
    const get = parsed.protocol === 'https:' ? https.get : parsed.protocol === 'http:' ? http.get : undefined;
    if (get === undefined) {
      reject(new Fatal(`unsupported protocol ${parsed.protocol}`));
      return;
    }
    const req = get(parsed, { headers: { 'user-agent': 'pix2pix-ts-datasets', ...headers } }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && typeof location === 'string') {
        res.resume();
        if (redirects <= 0) reject(new Fatal('too many redirects'));
        else request(new URL(location, parsed).href, headers, timeoutMs, redirects - 1).then(resolve, reject);
        return;
      }
      resolve(res);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Retryable(`no data for ${timeoutMs / 1000} s`)));
    req.on('error', (e) => reject(e instanceof Fatal || e instanceof Retryable ? e : new Retryable(e.message)));
  });

const sizeOf = async (path: string): Promise<number> => {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
};

/** One attempt: resume from what `.part` holds. Resolves when the file is complete. */
const attempt = async (o: DownloadOptions, part: string, offset0: number): Promise<void> => {
  let offset = offset0;
  const res = await request(o.url, offset > 0 ? { range: `bytes=${offset}-` } : {}, o.timeoutMs ?? 30_000);
  const status = res.statusCode ?? 0;
  if (status === 416 && offset > 0) {
    res.resume();
    const total = decodeOr(UnsatisfiedRange, res.headers['content-range']);
    if (total === offset) return; // the part file already holds everything
    await rm(part, { force: true });
    throw new Retryable(`server refused to resume at byte ${offset}; restarting`);
  }
  if (status >= 500) {
    res.resume();
    throw new Retryable(`HTTP ${status}`);
  }
  if (status !== 200 && status !== 206) {
    res.resume();
    throw new Fatal(`HTTP ${status} ${res.statusMessage ?? ''}`.trim());
  }
  let total: number | undefined;
  const length = decodeOr(Digits, res.headers['content-length']);
  if (status === 206) {
    const range = decodeOr(ContentRange, res.headers['content-range']);
    if (range === undefined || range.start !== offset) {
      res.resume();
      await rm(part, { force: true });
      throw new Retryable(`server answered a range that does not start at byte ${offset}; restarting`);
    }
    total = range.total;
  } else {
    offset = 0; // 200: the server ignores ranges (or we asked for none): start over
    total = length;
  }
  const expected = length === undefined ? undefined : offset + length;
  let received = offset;
  const started = Date.now();
  const label = basename(o.dest);
  const report = (done: boolean): void =>
    o.onProgress?.({ label, received, total: total ?? expected, rate: (received - offset) / Math.max(0.001, (Date.now() - started) / 1000), done });
  const file = createWriteStream(part, { flags: offset > 0 ? 'a' : 'w' });
  let lost: unknown;
  try {
    for await (const chunk of res) {
      const bytes = chunk as Buffer; // an IncomingMessage without setEncoding yields Buffers
      received += bytes.length;
      report(false);
      if (!file.write(bytes)) await once(file, 'drain');
    }
  } catch (e) {
    lost = e;
  }
  // What arrived reaches `.part` before anything else: a dropped connection must not take the received bytes
  // with it (a pipeline destroys the file stream and loses its buffered writes), so the retry resumes from them.
  try {
    file.end();
    await finished(file);
  } catch (e) {
    throw new Retryable(`cannot write ${part} (${describeCause(e)})`);
  }
  if (lost !== undefined) throw new Retryable(`connection lost after ${received} bytes (${describeCause(lost)})`);
  if (!res.complete || (expected !== undefined && received < expected)) {
    throw new Retryable(`connection lost after ${received} of ${expected ?? '?'} bytes`);
  }
  report(true);
};

/**
 * Downloads `url` to `dest`, streaming to `dest.part`: resumable (a dropped connection is retried with an HTTP
 * `Range` from the bytes already there; a server without ranges restarts from 0), then the SHA-256 is checked
 * (a mismatch deletes the part file) and the file renamed into place. Follows up to 5 redirects; http and https.
 *
 * @example
 * ```ts
 * import { downloadFile } from '@pix2pix-ts/datasets/node';
 * const r = await downloadFile({ url: 'http://127.0.0.1:8080/facades.tar.gz', dest: '/tmp/f.tar.gz', retries: 3 })();
 * // Right({ path: '/tmp/f.tar.gz', bytes: 30_000_000, sha256: '...', attempts: [0] })
 * ```
 */
export const downloadFile = (o: DownloadOptions): TE.TaskEither<DatasetError, DownloadResult> => async () => {
  const part = `${o.dest}.part`;
  const attempts: number[] = [];
  let lastError = '';
  for (let i = 0; i <= o.retries; i++) {
    const offset = await sizeOf(part);
    attempts.push(offset);
    try {
      await attempt(o, part, offset);
      lastError = '';
      break;
    } catch (e) {
      lastError = describeCause(e);
      if (e instanceof Fatal) return E.left(downloadError(o.url, lastError));
    }
  }
  if (lastError !== '') {
    return E.left(downloadError(o.url, `${lastError}; gave up after ${attempts.length} attempts (the part file is kept; run again to resume)`));
  }
  const digest = await sha256File(part);
  if (o.sha256 !== undefined && digest !== o.sha256.toLowerCase()) {
    await rm(part, { force: true });
    return E.left(checksumError(o.url, o.sha256.toLowerCase(), digest, 'the download was deleted'));
  }
  try {
    await rename(part, o.dest);
  } catch (e) {
    return E.left(downloadError(o.url, `cannot move ${part} into place: ${describeCause(e)}`));
  }
  return E.right({ path: o.dest, bytes: await sizeOf(o.dest), sha256: digest, attempts });
};
