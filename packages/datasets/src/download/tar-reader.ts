/*
 * A small streaming reader of tar archives (POSIX ustar, GNU long names, pax `path`/`size` records): enough for
 * dataset archives, and nothing that can write outside a folder (the extractor decides what to write). Chosen over
 * the `tar` npm package to keep the dependency tree at zero and the attack surface readable: it only ever yields
 * entries; links and devices are reported as `other` and never created.
 */

/**
 * One archive member. `data` is set for regular files only.
 *
 * @example
 * ```ts
 * import type { TarEntry } from '@pix2pix-ts/datasets/node';
 * const isJpeg = (e: TarEntry) => e.type === 'file' && e.path.endsWith('.jpg');
 * ```
 */
export interface TarEntry {
  readonly path: string;
  readonly type: 'file' | 'directory' | 'other';
  readonly size: number;
  readonly data?: Uint8Array;
}

/**
 * A malformed archive (bad checksum, truncated member, ...).
 *
 * @example
 * ```ts
 * import { TarFormatError } from '@pix2pix-ts/datasets/node';
 * const bad = (e: unknown) => e instanceof TarFormatError;
 * ```
 */
export class TarFormatError extends Error {
  override readonly name = 'TarFormatError';
}

const BLOCK = 512;
const MAX_MEMBER = 2 ** 31; // members are buffered in memory; dataset images are far smaller

const cstring = (b: Uint8Array, start: number, length: number): string => {
  let end = start;
  while (end < start + length && b[end] !== 0) end++;
  return new TextDecoder().decode(b.subarray(start, end));
};

const octal = (b: Uint8Array, start: number, length: number): number => {
  if (((b[start] ?? 0) & 0x80) !== 0) {
    // GNU base-256 for large values: big-endian, first byte's top bit is the marker.
    let v = (b[start] ?? 0) & 0x7f;
    for (let i = start + 1; i < start + length; i++) v = v * 256 + (b[i] ?? 0);
    return v;
  }
  const s = cstring(b, start, length).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarFormatError(`bad octal field ${JSON.stringify(s)}`);
  return parseInt(s, 8);
};

const checksumOk = (h: Uint8Array): boolean => {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] ?? 0);
  try {
    return sum === octal(h, 148, 8);
  } catch {
    return false; // not even a number: not a header
  }
};

const parsePax = (data: Uint8Array): Map<string, string> => {
  const out = new Map<string, string>();
  const text = new TextDecoder().decode(data);
  let i = 0;
  while (i < text.length) {
    const space = text.indexOf(' ', i);
    if (space < 0) break;
    const len = parseInt(text.slice(i, space), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = text.slice(space + 1, i + len - 1); // drop the trailing newline
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    i += len;
  }
  return out;
};

/** Pulls exact byte counts out of an async stream of chunks. */
const byteReader = (source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) => {
  const it: AsyncIterator<Uint8Array> | Iterator<Uint8Array> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  const chunks: Uint8Array[] = [];
  let queued = 0;
  return async (n: number): Promise<Uint8Array | undefined> => {
    while (queued < n) {
      const next = await it.next();
      if (next.done === true) return undefined;
      chunks.push(next.value);
      queued += next.value.length;
    }
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const head = chunks[0] as Uint8Array; // queued >= n guarantees a chunk is there
      const take = Math.min(head.length, n - filled);
      out.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.length) chunks.shift();
      else chunks[0] = head.subarray(take);
    }
    queued -= n;
    return out;
  };
};

/**
 * Reads a tar stream (already decompressed; any async or sync iterable of chunks) entry by entry. Throws {@link TarFormatError} on a malformed or
 * truncated archive.
 *
 * @example
 * ```ts
 * import { createReadStream, existsSync } from 'node:fs';
 * import { pipeline } from 'node:stream';
 * import { createGunzip } from 'node:zlib';
 * import { readTar } from '@pix2pix-ts/datasets/node';
 * if (existsSync('facades.tar.gz')) {
 *   // pipeline, not .pipe: a read error must reach the stream being iterated
 *   for await (const entry of readTar(pipeline(createReadStream('facades.tar.gz'), createGunzip(), () => undefined))) {
 *     console.log(entry.type, entry.path, entry.size);
 *   }
 * }
 * ```
 */
export async function* readTar(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<TarEntry, void, undefined> {
  const read = byteReader(source);
  let longName: string | undefined;
  let pax = new Map<string, string>();
  let index = 0;
  for (;;) {
    const header = await read(BLOCK);
    if (header === undefined) return; // some writers omit the two closing zero blocks
    if (header.every((b) => b === 0)) return;
    if (!checksumOk(header)) throw new TarFormatError(`bad header checksum at member ${index}`);
    const type = String.fromCharCode(header[156] ?? 0);
    const ustar = cstring(header, 257, 6) === 'ustar' && header[262] === 0;
    const prefix = ustar ? cstring(header, 345, 155) : '';
    const name = cstring(header, 0, 100);
    const size = Number(pax.get('size') ?? octal(header, 124, 12));
    if (!Number.isSafeInteger(size) || size < 0 || size > MAX_MEMBER) throw new TarFormatError(`member ${index} has size ${size}`);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    const body = padded === 0 ? new Uint8Array(0) : await read(padded);
    if (body === undefined) throw new TarFormatError(`archive ends inside member ${index} (${name})`);
    const data = body.subarray(0, size);
    index++;
    if (type === 'L') {
      longName = cstring(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      pax = parsePax(data);
      continue;
    }
    if (type === 'g' || type === 'K') continue;
    const path = pax.get('path') ?? longName ?? (prefix === '' ? name : `${prefix}/${name}`);
    longName = undefined;
    pax = new Map();
    if (type === '0' || type === '\0' || type === '7') yield { path, type: 'file', size, data };
    else if (type === '5') yield { path, type: 'directory', size: 0 };
    else yield { path, type: 'other', size };
  }
}
