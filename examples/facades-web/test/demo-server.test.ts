import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../server/demo-server';

/** A raw GET (path sent as written, Host as given). */
function get(url: string, path: string, host?: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, agent: false, ...(host === undefined ? {} : { headers: { host } }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('demo server (no browser): the build and the model, nothing else', () => {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'demo-server-')));
  const dist = join(tmp, 'dist');
  const model = join(tmp, 'model');
  mkdirSync(dist);
  mkdirSync(model);
  writeFileSync(join(dist, 'index.html'), 'demo page');
  writeFileSync(join(model, 'model.json'), '{}');
  writeFileSync(join(tmp, 'private.txt'), 'PRIVATE');
  symlinkSync(join(tmp, 'private.txt'), join(dist, 'leak.txt'));
  symlinkSync(tmp, join(model, 'up'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('serves the page and model.json, refuses symlinks out, traversal and foreign Hosts, echoes no path', async () => {
    const started = await startDemoServer({ dist, model })();
    if (E.isLeft(started)) throw started.left;
    const { url, close } = started.right;
    try {
      expect(await get(url, '/')).toEqual({ status: 200, body: 'demo page' });
      expect(await get(url, '/model/model.json')).toEqual({ status: 200, body: '{}' });
      expect(await get(url, '/demo-config.json')).toEqual({ status: 200, body: '{"model":"./model/model.json"}' });
      for (const path of ['/leak.txt', '/model/up/private.txt', '/model/../private.txt', '/model/%2e%2e/private.txt', '/%2e%2e/private.txt', '/model/up/dist/index.html']) {
        const r = await get(url, path);
        expect({ path, status: r.status }).toEqual({ path, status: 404 });
        expect(r.body).toBe('not found');
      }
      const { port } = new URL(url);
      expect((await get(url, '/', `attacker.example:${port}`)).status).toBe(421);
      expect((await get(url, '/', `localhost:${port}`)).status).toBe(200);
    } finally {
      await close()();
    }
  });

  it('without a model, /demo-config.json says so (the page then asks for no model.json)', async () => {
    const started = await startDemoServer({ dist })();
    if (E.isLeft(started)) throw started.left;
    try {
      expect(await get(started.right.url, '/demo-config.json')).toEqual({ status: 200, body: '{"model":null}' });
    } finally {
      await started.right.close()();
    }
  });
});
