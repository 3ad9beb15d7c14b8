import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../src/index';

/** The backends compared in Node: the reference and the one with this package's kernels. */
export const NODE_BACKENDS = ['cpu', 'wasm'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** Activates `name` (tensors are bound to their backend: build them after this). */
export async function onBackend(name: NodeBackend): Promise<void> {
  await useBackend(name);
  if (tf.getBackend() !== name) throw new Error(`backend ${name} did not activate (got ${tf.getBackend()})`);
}

/**
 * Runs `compute` on each Node backend in turn and returns its results as plain arrays (so they
 * outlive the backend switch), disposing everything it made.
 */
export async function onEachBackend(compute: () => tf.Tensor[]): Promise<Record<NodeBackend, Float32Array[]>> {
  const out: Partial<Record<NodeBackend, Float32Array[]>> = {};
  for (const name of NODE_BACKENDS) {
    await onBackend(name);
    out[name] = tf.tidy(() => compute()).map((t) => {
      const values = t.dataSync();
      t.dispose();
      return Float32Array.from(values);
    });
  }
  return { cpu: out.cpu ?? [], wasm: out.wasm ?? [] };
}
