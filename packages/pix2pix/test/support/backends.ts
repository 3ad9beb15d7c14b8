import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@pix2pix-ts/backends';

/** The backends every numeric test runs on in Node. */
export const NODE_BACKENDS = ['cpu', 'wasm'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** wasm with XNNPACK's pool on 2 threads (the threaded SIMD build under worker_threads): the parity tests run on it too. */
export const WASM_2_THREADS = 'wasm-2-threads' as const;

/** Switches the global tfjs backend (tensors are bound to the backend they were made on). */
export async function onBackend(name: NodeBackend | typeof WASM_2_THREADS): Promise<void> {
  const info = name === WASM_2_THREADS ? await useBackend('wasm', { threads: 2 }) : await useBackend(name);
  const expected = name === WASM_2_THREADS ? 'wasm' : name;
  if (tf.getBackend() !== expected) throw new Error(`backend ${name} did not activate (got ${tf.getBackend()})`);
  if (name === WASM_2_THREADS && (info.name !== 'wasm' || info.threadsCount !== 2)) throw new Error(`${name}: wasm started without its 2 threads: ${JSON.stringify(info)}`);
}

/** Max |a - b| / max(1, |b|) over two arrays: relative error with an absolute floor near zero. */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    worst = Math.max(worst, Math.abs(x - y) / Math.max(1, Math.abs(y)));
  }
  return worst;
}
