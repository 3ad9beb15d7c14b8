import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containedFile, isInside } from '../src/node/contained-path';
import { isLocalHost } from '../src/node/local-host';
import { startStaticServer, type StaticServer } from '../src/node/static-server';

/** A raw GET: the path is sent as written (no URL normalisation) and the Host header as given. */
function get(url: string, path: string, host?: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, method: 'GET', agent: false, ...(host === undefined ? {} : { headers: { host } }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

describe('static server: containment by real path, Host check, no echoed paths', () => {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'static-server-')));
  const site = join(tmp, 'site');
  const outside = join(tmp, 'outside');
  let server: StaticServer | undefined;
  const url = (): string => {
    if (server === undefined) throw new Error('server not started');
    return server.url;
  };

  beforeAll(async () => {
    mkdirSync(join(site, 'sub'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(site, 'index.html'), '<p>home</p>');
    writeFileSync(join(site, 'sub', 'a.txt'), 'inside');
    writeFileSync(join(outside, 'secret.txt'), 'SECRET');
    writeFileSync(join(outside, 'index.html'), 'SECRET INDEX');
    symlinkSync(join(outside, 'secret.txt'), join(site, 'file-link.txt')); // a file link out
    symlinkSync(outside, join(site, 'dir-link')); // a folder link out
    symlinkSync('/etc', join(site, 'etc')); // a link to a system folder
    symlinkSync(join(site, 'sub', 'a.txt'), join(site, 'inner-link.txt')); // a link that stays inside
    const started = await startStaticServer({ mounts: [{ prefix: '/', dir: site }] })();
    if (E.isLeft(started)) throw started.left;
    server = started.right;
  });
  afterAll(async () => {
    await server?.close()();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('serves files inside the folder, links that stay inside included', async () => {
    expect(await get(url(), '/sub/a.txt')).toEqual({ status: 200, body: 'inside' });
    expect(await get(url(), '/inner-link.txt')).toEqual({ status: 200, body: 'inside' });
    expect(await get(url(), '/')).toEqual({ status: 200, body: '<p>home</p>' });
  });

  it('refuses symlinks out of the folder (files, folders, their index.html)', async () => {
    for (const path of ['/file-link.txt', '/dir-link/secret.txt', '/dir-link/', '/dir-link', '/etc/passwd', '/etc/hostname']) {
      const r = await get(url(), path);
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
      expect(r.body).not.toContain('SECRET');
    }
  });

  it('refuses traversal variants and never echoes the request path', async () => {
    const variants = [
      '/../outside/secret.txt',
      '/sub/../../outside/secret.txt',
      '/%2e%2e/outside/secret.txt',
      '/%2E%2E%2Foutside%2Fsecret.txt',
      '/sub/%2e%2e/%2e%2e/outside/secret.txt',
      '/..%2foutside%2fsecret.txt',
      '/%252e%252e/outside/secret.txt',
      '/..%5coutside%5csecret.txt',
      `/${encodeURIComponent(join(outside, 'secret.txt'))}`,
      '//outside/secret.txt',
      '/sub/a.txt%00.html',
      '/%ff%fe',
      '/nonexistent-marker-7f3a',
    ];
    for (const path of variants) {
      const r = await get(url(), path);
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
      expect(r.body).not.toContain('SECRET');
      expect(r.body).not.toContain('outside');
      expect(r.body).not.toContain('marker');
      expect(r.body).not.toContain(tmp);
    }
  });

  it('answers 421 to a Host that is not this server', async () => {
    const { port } = new URL(url());
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect({ host, status: (await get(url(), '/sub/a.txt', host)).status }).toEqual({ host, status: 200 });
    }
    for (const host of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `127.0.0.1:${Number(port) + 1}`, '127.0.0.1', 'localhost']) {
      const r = await get(url(), '/sub/a.txt', host);
      expect({ host, status: r.status }).toEqual({ host, status: 421 });
      expect(r.body).not.toContain('inside');
      expect(r.body).not.toContain('evil');
    }
  });
});

describe('containedFile', () => {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'contained-')));
  const root = join(tmp, 'root');
  mkdirSync(join(root, 'a', 'b'), { recursive: true });
  writeFileSync(join(root, 'a', 'b', 'f.txt'), 'x');
  writeFileSync(join(tmp, 'out.txt'), 'y');
  symlinkSync(tmp, join(root, 'a', 'up'));
  symlinkSync('.', join(root, 'a', 'loop'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('finds files under the root, through a link back into it, and refuses a link out', async () => {
    expect(await containedFile(root, 'a/b/f.txt')).toBe(join(root, 'a', 'b', 'f.txt'));
    expect(await containedFile(root, 'a/loop/loop/b/f.txt')).toBe(join(root, 'a', 'b', 'f.txt'));
    expect(await containedFile(root, 'a/up/out.txt')).toBeUndefined();
    expect(await containedFile(root, '../out.txt')).toBeUndefined();
    expect(await containedFile(root, 'a/b')).toBeUndefined(); // a folder without index.html
  });

  it('property: whatever the path, the answer lies inside the root', async () => {
    const segment = fc.constantFrom('a', 'b', 'f.txt', 'up', 'loop', '..', '.', '', 'out.txt', '/', '\\', '%2e');
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 8 }), async (parts) => {
        const found = await containedFile(root, parts.join('/'));
        expect(found === undefined || isInside(root, found)).toBe(true);
      }),
      { seed: 16, numRuns: 300 },
    );
  });
});

describe('isLocalHost', () => {
  it('accepts loopback names and the bound address with the port only', () => {
    expect(isLocalHost('127.0.0.1:80', '127.0.0.1', 80)).toBe(true);
    expect(isLocalHost('[::1]:80', '::1', 80)).toBe(true);
    expect(isLocalHost('192.168.1.5:80', '192.168.1.5', 80)).toBe(true);
    expect(isLocalHost('192.168.1.5:80', '127.0.0.1', 80)).toBe(false);
    expect(isLocalHost(undefined, '127.0.0.1', 80)).toBe(false);
    expect(isLocalHost('localhost:81', '127.0.0.1', 80)).toBe(false);
  });
});
