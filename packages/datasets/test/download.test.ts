import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderWithoutSharedAbove } from '../../../test-support/folder-without-shared';
import {
  downloadFile,
  extractTarGz,
  facades,
  facadesRoot,
  FACADES_CONTENT_SHA256,
  formatProgress,
  installArchive,
  locateSharedFacades,
  progressReporter,
  readTar,
  safeMemberPath,
  treeDigest,
  type DownloadProgress,
} from '../src/node';
import { unwrap, unwrapLeft } from './support/either';
import { serveFile } from './support/http-server';
import { makeTar, tarGzOfFolder } from './support/make-tar';
import { sharedFacades } from './support/shared';

let work = '';
let archive: Uint8Array = new Uint8Array(0);
let archiveSha = '';
const fresh = (name: string): string => {
  const d = join(work, name);
  mkdirSync(d, { recursive: true });
  return d;
};
const quiet = { progress: 'none' } as const;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'datasets-download-'));
  if (sharedFacades !== undefined) {
    archive = tarGzOfFolder(sharedFacades, 'facades');
    archiveSha = createHash('sha256').update(archive).digest('hex');
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(sharedFacades === undefined)('the Facades download (served from 127.0.0.1)', () => {
  it('the shared data has the known content digest', async () => {
    expect(await treeDigest(sharedFacades ?? '')).toBe(FACADES_CONTENT_SHA256);
  });

  it('downloads, checks and extracts into the cache, then finds it there', async () => {
    const server = await serveFile('facades.tar.gz', archive);
    try {
      const cacheDir = fresh('cache-ok');
      const where = unwrap(await facadesRoot({ url: server.url, cacheDir, sha256: archiveSha, ...quiet }, {})());
      expect(where).toEqual({ root: join(cacheDir, 'facades'), origin: 'download' });
      expect(readdirSync(cacheDir)).toEqual(['facades']); // no archive, no temp folder left
      const source = unwrap(await facades({ url: server.url, cacheDir, ...quiet }, {})());
      expect(source.entries).toHaveLength(400);
      expect(unwrap(await facadesRoot({ url: server.url, cacheDir, phase: 'test' }, {})()).origin).toBe('cache');
      expect(server.requests).toHaveLength(1); // the second and third calls used the cache
    } finally {
      await server.close();
    }
  });

  it('resumes with an HTTP Range after the server drops the connection halfway', async () => {
    const half = Math.floor(archive.length / 2);
    const server = await serveFile('facades.tar.gz', archive, { dropAfter: half, drops: 1 });
    try {
      const dest = join(fresh('resume'), 'facades.tar.gz');
      const result = unwrap(await downloadFile({ url: server.url, dest, sha256: archiveSha, retries: 2 })());
      expect(result.sha256).toBe(archiveSha);
      expect(result.attempts[0]).toBe(0);
      // the second attempt starts from what reached the disk before the drop (at most what was sent)
      expect(result.attempts[1]).toBeGreaterThan(0);
      expect(result.attempts[1]).toBeLessThanOrEqual(half);
      expect(server.requests.map((r) => r.range)).toEqual([undefined, `bytes=${result.attempts[1]}-`]);
      expect(existsSync(`${dest}.part`)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('keeps the .part file when it gives up, and the next run resumes from it', async () => {
    const server = await serveFile('facades.tar.gz', archive, { dropAfter: 1_000_000, drops: 1 });
    try {
      const cacheDir = fresh('resume-later');
      const first = unwrapLeft(await facadesRoot({ url: server.url, cacheDir, retries: 0, ...quiet }, {})());
      expect(first.message).toMatch(/download failed: connection lost after .* gave up after 1 attempts \(the part file is kept/);
      expect(readdirSync(cacheDir)).toEqual(['facades.tar.gz.part']);
      const second = unwrap(await facadesRoot({ url: server.url, cacheDir, ...quiet }, {})());
      expect(second.origin).toBe('download');
      expect(server.requests[1]?.range).toMatch(/^bytes=\d+-$/);
      expect(readdirSync(cacheDir)).toEqual(['facades']);
    } finally {
      await server.close();
    }
  });

  it('restarts from scratch when the server ignores Range', async () => {
    const server = await serveFile('facades.tar.gz', archive, { dropAfter: 500_000, drops: 1, ranges: false });
    try {
      const dest = join(fresh('restart'), 'f.tar.gz');
      const result = unwrap(await downloadFile({ url: server.url, dest, sha256: archiveSha, retries: 1 })());
      expect(result.sha256).toBe(archiveSha);
      expect(result.bytes).toBe(archive.length);
    } finally {
      await server.close();
    }
  });

  it('a checksum mismatch is a clear error and leaves no folder, archive or part file', async () => {
    const server = await serveFile('facades.tar.gz', archive);
    try {
      const cacheDir = fresh('bad-sum');
      const wrong = 'ab'.repeat(32);
      const e = unwrapLeft(await facadesRoot({ url: server.url, cacheDir, sha256: wrong, ...quiet }, {})());
      expect(e).toMatchObject({ _tag: 'Checksum', expected: wrong, actual: archiveSha });
      expect(e.message).toBe(`${server.url}: SHA-256 mismatch: expected ${wrong}, got ${archiveSha} (the download was deleted)`);
      expect(readdirSync(cacheDir)).toEqual([]);
      // the content digest is checked too: a different data set is refused after extraction, nothing kept
      const other = unwrapLeft(await facadesRoot({ url: server.url, cacheDir, contentSha256: 'cd'.repeat(32), ...quiet }, {})());
      expect(other.message).toMatch(/\(extracted content\): SHA-256 mismatch: expected cdcd.* \(nothing was kept\)/);
      expect(readdirSync(cacheDir)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('Facades resolution order', () => {
  it('the shared copy is found from $PIX2PIX_SHARED or by walking up, and not elsewhere', async () => {
    // Not from a folder with no shared/ on its way up (tmpdir() is not one when the checkout sits in /tmp).
    const lonely = folderWithoutSharedAbove();
    if (lonely !== undefined) expect(await locateSharedFacades(lonely, {})).toBeUndefined();
    if (sharedFacades !== undefined) {
      const sharedRoot = join(sharedFacades, '..', '..');
      expect(await locateSharedFacades(lonely ?? tmpdir(), { PIX2PIX_SHARED: sharedRoot })).toBe(sharedFacades);
    }
  });

  it('explicit root, then $PIX2PIX_DATA/facades, then the cache; never downloads into a named folder', async () => {
    const named = fresh('named');
    const e = unwrapLeft(await facadesRoot({ root: named }, {})());
    expect(e.message).toBe(`${join(named, 'train')}: folder not found (the Facades train split under the root you gave)`);
    expect(readdirSync(named)).toEqual([]);
    const data = fresh('data');
    mkdirSync(join(data, 'facades', 'train'), { recursive: true });
    expect(unwrap(await facadesRoot({ cacheDir: fresh('c1') }, { PIX2PIX_DATA: data })())).toEqual({ root: join(data, 'facades'), origin: 'PIX2PIX_DATA' });
    const cache = fresh('c2');
    mkdirSync(join(cache, 'facades', 'val'), { recursive: true });
    expect(unwrap(await facadesRoot({ cacheDir: cache, phase: 'val' }, { PIX2PIX_DATA: fresh('empty-data') })()).origin).toBe('cache');
    const off = unwrapLeft(await facadesRoot({ cacheDir: fresh('c3'), download: false }, {})());
    expect(off.message).toMatch(/Facades not found \(looked in .*c3\/facades\); download: false/);
    expect(unwrapLeft(await facadesRoot({ phase: 'training' as never }, {})()).message).toMatch(/phase: expected 'train', 'val' or 'test'/);
  });

  it('an unreachable URL or a 404 is a download error naming the URL', async () => {
    const server = await serveFile('facades.tar.gz', new Uint8Array(10));
    try {
      const url = server.url.replace('facades.tar.gz', 'missing.tar.gz');
      const e = unwrapLeft(await facadesRoot({ url, cacheDir: fresh('c404'), ...quiet }, {})());
      expect(e.message).toBe(`${url}: download failed: HTTP 404 Not Found`);
    } finally {
      await server.close();
    }
  });
});

describe('tar extraction', () => {
  it('reads GNU long names, skips links, and refuses paths that leave the folder', async () => {
    const long = `${'d'.repeat(60)}/${'f'.repeat(70)}.txt`;
    const tar = makeTar([
      { path: 'top/', type: 'directory' },
      { path: 'top/a.txt', data: new TextEncoder().encode('hello') },
      { path: `top/${long}`, data: new TextEncoder().encode('long') },
      { path: 'top/link', type: 'symlink', linkTarget: '/etc/passwd' },
    ]);
    const entries = [];
    for await (const e of readTar([tar.subarray(0, 700), tar.subarray(700)])) entries.push([e.type, e.path, e.size]);
    expect(entries).toEqual([
      ['directory', 'top/', 0],
      ['file', 'top/a.txt', 5],
      ['file', `top/${long}`, 4],
      ['other', 'top/link', 0],
    ]);
    const dir = fresh('x1');
    const path = join(work, 'ok.tar.gz');
    writeFileSync(path, gzipSync(tar));
    expect(unwrap(await extractTarGz(path, dir)())).toEqual({ files: 2, directories: 1, skipped: ['top/link'] });
    expect(existsSync(join(dir, 'top', long))).toBe(true);

    const evil = join(work, 'evil.tar.gz');
    writeFileSync(evil, gzipSync(makeTar([{ path: '../evil.txt', data: new Uint8Array(1) }])));
    const e = unwrapLeft(await extractTarGz(evil, fresh('x2'))());
    expect(e.message).toMatch(/evil\.tar\.gz: cannot be extracted: entry "\.\.\/evil\.txt" would be written outside the extraction folder/);
    expect(existsSync(join(work, 'evil.txt'))).toBe(false);
    expect(() => safeMemberPath('/tmp/x', '/etc/passwd')).toThrow(/outside/);
  });

  it('a missing archive is an Archive error, not a wait forever (the read error reaches the gunzip stream)', async () => {
    const missing = join(work, 'missing.tar.gz');
    const e = unwrapLeft(await extractTarGz(missing, fresh('x3'))());
    expect(e.message).toMatch(/missing\.tar\.gz: cannot be extracted: .*ENOENT/);
  });

  it('a damaged archive is an Archive error and installArchive leaves nothing behind', async () => {
    const server = await serveFile('broken.tar.gz', gzipSync(new Uint8Array(2048).fill(7)));
    try {
      const cacheDir = fresh('broken');
      const e = unwrapLeft(await installArchive({ name: 'broken', url: server.url, cacheDir, retries: 0 })());
      expect(e._tag).toBe('Archive');
      expect(e.message).toMatch(/broken\.tar\.gz: cannot be extracted: bad header checksum at member 0/);
      expect(readdirSync(cacheDir)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('download progress', () => {
  const p = (received: number, total: number | undefined, done = false): DownloadProgress => ({ label: 'f.tar.gz', received, total, rate: 2e6, done });

  it('formats a bar, or bytes when the size is unknown', () => {
    expect(formatProgress(p(5e6, 1e7), 10)).toBe('f.tar.gz [=====>    ]  50%  5.0/10.0 MB  2.0 MB/s');
    expect(formatProgress(p(1e7, 1e7), 10)).toBe('f.tar.gz [==========] 100%  10.0/10.0 MB  2.0 MB/s');
    expect(formatProgress(p(3e6, undefined))).toBe('f.tar.gz  3.0 MB  2.0 MB/s');
  });

  it('draws a bar on a TTY and plain lines every 10% otherwise', () => {
    const tty: string[] = [];
    const show = progressReporter('auto', { isTTY: true, write: (s: string) => tty.push(s) });
    show(p(1, 100));
    show(p(100, 100, true));
    expect(tty[0]?.startsWith('\rf.tar.gz [')).toBe(true);
    expect(tty.at(-1)?.endsWith('\n')).toBe(true);
    const log: string[] = [];
    const lines = progressReporter('auto', { isTTY: false, write: (s: string) => log.push(s) });
    for (let r = 0; r <= 100; r += 1) lines(p(r, 100, r === 100));
    expect(log).toHaveLength(11);
    expect(log.every((l) => !l.includes('\r'))).toBe(true);
    expect(progressReporter('none', { write: () => { throw new Error('no'); } })).toBeTypeOf('function');
  });
});
