/**
 * Fetches little-endian float32 data (a one-shot URL of the trainer's server) into a `Float32Array`,
 * checking the length against what the caller expects.
 *
 * @example
 * ```ts
 * import { fetchFloats } from '@pix2pix-ts/browser';
 * // in the trainer page: await fetchFloats('/blob/…', 1 * 32 * 32 * 3); any URL fetch takes works
 * const bytes = new Uint8Array(new Float32Array([1, 2]).buffer);
 * const a = await fetchFloats(`data:application/octet-stream;base64,${btoa(String.fromCharCode(...bytes))}`, 2); // Float32Array [1, 2]
 * ```
 */
export async function fetchFloats(url: string, expected: number): Promise<Float32Array> {
  const bytes = await fetchBytes(url);
  if (bytes.byteLength !== expected * 4) throw new Error(`${url}: ${bytes.byteLength} bytes, expected ${expected} float32 values (${expected * 4} bytes)`);
  return new Float32Array(bytes);
}

/**
 * Fetches raw bytes, failing on any HTTP error status.
 *
 * @example
 * ```ts
 * import { fetchBytes } from '@pix2pix-ts/browser';
 * const weights = await fetchBytes('data:application/octet-stream;base64,AAECAw=='); // 4 bytes: 0 1 2 3
 * ```
 */
export async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/**
 * POSTs raw bytes to the trainer's server.
 *
 * @example
 * ```ts
 * // browser only: posts to the trainer page's own server
 * import { postBytes } from '@pix2pix-ts/browser';
 * await postBytes('/upload/…', new Float32Array([1, 2]));
 * ```
 */
export async function postBytes(url: string, bytes: ArrayBufferView | ArrayBuffer): Promise<void> {
  // An ArrayBuffer goes as is; a view is copied into one (`fetch` takes no view of a SharedArrayBuffer).
  let body: ArrayBuffer;
  if (bytes instanceof ArrayBuffer) body = bytes;
  else {
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = copy.buffer;
  }
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });
  if (!response.ok) throw new Error(`POST ${url}: HTTP ${response.status}`);
}
