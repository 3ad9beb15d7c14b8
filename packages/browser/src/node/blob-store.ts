import { randomUUID } from 'node:crypto';

/** A pending upload: the page POSTs to `path`; `received` resolves with the bytes. */
export interface ExpectedUpload {
  readonly path: string;
  readonly received: Promise<Uint8Array>;
  /** Stops waiting (the promise rejects with `reason`) and forgets the path. */
  readonly cancel: (reason: Error) => void;
}

/**
 * In-memory byte exchange between Node and a page, behind the session's static server: `offer`
 * puts bytes behind a one-shot `GET /blob/<id>` (deleted once fetched); `expect` opens a one-shot
 * `POST /upload/<id>`. Ids are random UUIDs and the server listens on 127.0.0.1 only.
 */
export interface BlobStore {
  /** Serves `bytes` once at the returned path. */
  readonly offer: (bytes: Uint8Array) => string;
  /** Waits for one upload at the returned path. */
  readonly expect: () => ExpectedUpload;
  /** Takes the bytes offered at `path` (the server calls this for `GET /blob/…`). */
  readonly take: (path: string) => Uint8Array | undefined;
  /** Delivers an upload (the server calls this for `POST /upload/…`); false when nobody waits. */
  readonly deliver: (path: string, bytes: Uint8Array) => boolean;
  /** Drops everything still offered and rejects every pending upload. */
  readonly clear: (reason: Error) => void;
}

/**
 * Makes an empty {@link BlobStore}.
 *
 * @example
 * ```ts
 * import { blobStore } from '@pix2pix-ts/browser/node';
 * const blobs = blobStore();
 * const path = blobs.offer(new Uint8Array(new Float32Array([1, 2]).buffer)); // '/blob/3f…'
 * ```
 */
export function blobStore(): BlobStore {
  const offered = new Map<string, Uint8Array>();
  const pending = new Map<string, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  return {
    offer(bytes) {
      const path = `/blob/${randomUUID()}`;
      offered.set(path, bytes);
      return path;
    },
    expect() {
      const path = `/upload/${randomUUID()}`;
      let cancel: (reason: Error) => void = () => undefined;
      const received = new Promise<Uint8Array>((resolve, reject) => {
        pending.set(path, { resolve, reject });
        cancel = (reason) => {
          pending.delete(path);
          reject(reason);
        };
      });
      // A caller that abandons the upload must not leave an unhandled rejection behind.
      received.catch(() => undefined);
      return { path, received, cancel };
    },
    take(path) {
      const bytes = offered.get(path);
      offered.delete(path);
      return bytes;
    },
    deliver(path, bytes) {
      const waiter = pending.get(path);
      if (waiter === undefined) return false;
      pending.delete(path);
      waiter.resolve(bytes);
      return true;
    },
    clear(reason) {
      offered.clear();
      for (const w of pending.values()) w.reject(reason);
      pending.clear();
    },
  };
}
