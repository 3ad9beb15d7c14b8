import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the test server behaves. */
export interface ServeOptions {
  /** Honour `Range` requests (default true). */
  readonly ranges?: boolean;
  /** Drop the connection after this many body bytes, on the first `drops` requests. */
  readonly dropAfter?: number;
  readonly drops?: number;
}

/** A running server of one file on 127.0.0.1 (ephemeral port), recording the requests it saw. */
export interface TestServer {
  readonly url: string;
  readonly requests: { readonly path: string; readonly range: string | undefined }[];
  close(): Promise<void>;
}

/** Serves `body` at `/<name>` (404 elsewhere) with optional Range support and connection drops. */
export const serveFile = async (name: string, body: Uint8Array, options: ServeOptions = {}): Promise<TestServer> => {
  const requests: { path: string; range: string | undefined }[] = [];
  let dropsLeft = options.drops ?? 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const range = req.headers.range;
    requests.push({ path: req.url ?? '', range });
    if (req.url !== `/${name}`) {
      res.writeHead(404).end('not found');
      return;
    }
    let start = 0;
    const m = options.ranges !== false && typeof range === 'string' ? /^bytes=(\d+)-$/.exec(range) : null;
    if (m !== null) {
      start = Number(m[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, {
        'content-length': String(body.length - start),
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'accept-ranges': 'bytes',
      });
    } else {
      res.writeHead(200, { 'content-length': String(body.length) });
    }
    const rest = body.subarray(start);
    if (dropsLeft > 0 && options.dropAfter !== undefined && options.dropAfter < rest.length) {
      dropsLeft--;
      res.write(rest.subarray(0, options.dropAfter), () => {
        // Let the bytes reach the client, then cut the connection mid-body.
        setTimeout(() => res.socket?.destroy(), 20);
      });
      return;
    }
    res.end(rest);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listen() on a TCP port: address() is an AddressInfo
  return {
    url: `http://127.0.0.1:${port}/${name}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
