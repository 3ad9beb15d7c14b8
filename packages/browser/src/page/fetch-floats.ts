/**
 * Fetches little-endian float32 data (a one-shot URL of the trainer's server) into a `Float32Array`,
 * checking the length against what the caller expects.
 *
 * @example
 * ```ts
 * // in the trainer page
 * // const a = await fetchFloats('/blob/…', 1 * 32 * 32 * 3);
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
 * // const weights = await fetchBytes('/blob/…');
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
 * // await postBytes('/upload/…', new Float32Array([1, 2]));
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
