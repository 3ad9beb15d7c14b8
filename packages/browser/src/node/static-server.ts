import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import * as TE from 'fp-ts/TaskEither';
import type { BlobStore } from './blob-store';
import { containedFile } from './contained-path';
import { contentTypeOf } from './content-type';
import { isLocalHost } from './local-host';

/** A file held in memory, served at a fixed path. */
export interface StaticRoute {
  readonly body: Uint8Array | string;
  readonly contentType: string;
}

/** A folder on disk served under a URL prefix (`/model/` → `runs/x/checkpoints/latest/`). */
export interface StaticMount {
  /** URL prefix, starting and ending with `/`. */
  readonly prefix: string;
  readonly dir: string;
}

/** What {@link startStaticServer} serves. */
export interface StaticServerOptions {
  /** Exact paths served from memory (checked first). */
  readonly routes?: Readonly<Record<string, StaticRoute>>;
  /** Folders, longest prefix first; `…/` serves the folder's `index.html`. */
  readonly mounts?: readonly StaticMount[];
  /** One-shot byte exchange with the page (`GET /blob/…`, `POST /upload/…`). */
  readonly blobs?: BlobStore;
  /** Port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number;
  /** Largest upload accepted, bytes (default 2 GiB). */
  readonly maxUploadBytes?: number;
}

/** A running server: its origin (`http://127.0.0.1:<port>`) and how to stop it. */
export interface StaticServer {
  readonly url: string;
  readonly close: () => TE.TaskEither<Error, void>;
}

/** The only interface the server listens on. */
const HOST = '127.0.0.1';

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * Every response makes the page cross-origin isolated (COOP + COEP): only then do browsers give it
 * `SharedArrayBuffer`, which tfjs-backend-wasm needs for its multithreaded binary. Everything is served
 * from this one origin, so `require-corp` blocks nothing the pages use.
 */
const CROSS_ORIGIN_ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } as const;

function send(res: ServerResponse, status: number, contentType: string, body: Uint8Array | string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body), ...CROSS_ORIGIN_ISOLATION });
  res.end(body);
}

/** The request's body, or `undefined` once it grows past `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    total += b.byteLength;
    if (total > limit) return undefined;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** The file a URL path names inside a mount (real path inside the mount's real path), else `undefined`. */
async function fromMount(mount: StaticMount, path: string): Promise<string | undefined> {
  let rel: string;
  try {
    rel = decodeURIComponent(path.slice(mount.prefix.length));
  } catch {
    return undefined;
  }
  return containedFile(mount.dir, rel);
}

/**
 * Starts an HTTP server on 127.0.0.1 (never another interface) that serves in-memory routes, folders
 * and the one-shot byte exchange of a {@link BlobStore}. Responses are never cached. Requests whose
 * `Host` is not this server ({@link isLocalHost}) get 421; files are served only when their real path
 * lies inside their folder's ({@link containedFile}: no `..`, no symlink out); error bodies never echo
 * the request or a file system path.
 *
 * @example
 * ```ts
 * import { startStaticServer } from '@pix2pix-ts/browser/node';
 * const server = await startStaticServer({ routes: { '/': { body: '<!doctype html>hi', contentType: 'text/html' } } })();
 * // Right({ url: 'http://127.0.0.1:41234', close })
 * ```
 */
export function startStaticServer(options: StaticServerOptions): TE.TaskEither<Error, StaticServer> {
  const routes = options.routes ?? {};
  const mounts = [...(options.mounts ?? [])].sort((a, b) => b.prefix.length - a.prefix.length);
  const limit = options.maxUploadBytes ?? 2 ** 31;
  const handle = async (req: IncomingMessage, res: ServerResponse, port: number): Promise<void> => {
    if (!isLocalHost(req.headers.host, HOST, port)) return send(res, 421, 'text/plain', 'misdirected request: this server answers only to 127.0.0.1, localhost and [::1]');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const blobs = options.blobs;
    if (req.method === 'POST' && blobs !== undefined && path.startsWith('/upload/')) {
      const body = await readBody(req, limit);
      if (body === undefined) return send(res, 413, 'text/plain', `upload larger than ${limit} bytes`);
      return blobs.deliver(path, body) ? send(res, 204, 'text/plain', '') : send(res, 404, 'text/plain', 'nobody waits for this upload');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    if (blobs !== undefined && path.startsWith('/blob/')) {
      const bytes = blobs.take(path);
      return bytes === undefined ? send(res, 404, 'text/plain', 'no such blob') : send(res, 200, 'application/octet-stream', bytes);
    }
    const route = routes[path];
    if (route !== undefined) return send(res, 200, route.contentType, route.body);
    for (const mount of mounts) {
      if (!path.startsWith(mount.prefix)) continue;
      const file = await fromMount(mount, path);
      if (file !== undefined) return send(res, 200, contentTypeOf(file), await readFile(file));
    }
    return send(res, 404, 'text/plain', 'not found');
  };
  return TE.tryCatch(
    () =>
      new Promise<StaticServer>((resolvePromise, reject) => {
        const server = createServer((req, res) => {
          // The port is known once listening; no request arrives before.
          const { port } = server.address() as AddressInfo;
          handle(req, res, port).catch(() => {
            // The error's message may name files on this machine: the body stays generic.
            if (!res.headersSent) send(res, 500, 'text/plain', 'internal server error');
            else res.destroy();
          });
        });
        server.on('error', reject);
        server.listen(options.port ?? 0, HOST, () => {
          const { port } = server.address() as AddressInfo;
          resolvePromise({
            url: `http://127.0.0.1:${port}`,
            close: () =>
              TE.tryCatch(
                () =>
                  new Promise<void>((done, fail) => {
                    server.close((e) => (e === undefined ? done() : fail(e)));
                    server.closeAllConnections();
                  }),
                toError,
              ),
          });
        });
      }),
    toError,
  );
}
