import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@pix2pix-ts/backends';

/** The backends every numeric test runs on in Node. */
export const NODE_BACKENDS = ['cpu', 'wasm'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** Switches the global tfjs backend (tensors are bound to the backend they were made on). */
export async function onBackend(name: NodeBackend): Promise<void> {
  await useBackend(name);
  if (tf.getBackend() !== name) throw new Error(`backend ${name} did not activate (got ${tf.getBackend()})`);
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
