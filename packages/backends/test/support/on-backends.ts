import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../src/index';
import type { SelectBackendOptions } from '../../src/index';

/** The backends compared in Node: the reference and the one with this package's kernels. */
export const NODE_BACKENDS = ['cpu', 'wasm'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/**
 * How the reference backend is selected: cpu with its **own** kernels (this package also replaces
 * cpu's `Conv2DBackpropFilter`, with the same formulation it uses on wasm, so a check against the
 * replaced cpu would not be independent).
 */
export const ORACLE_OPTIONS: SelectBackendOptions = { replaceKernels: false };

/** Activates cpu with its own kernels, the reference the wasm kernels are checked against. */
export async function onOracle(): Promise<void> {
  await onBackend('cpu', ORACLE_OPTIONS);
}

/** Activates `name` (tensors are bound to their backend: build them after this). */
export async function onBackend(name: NodeBackend, options: SelectBackendOptions = {}): Promise<void> {
  await useBackend(name, options);
  if (tf.getBackend() !== name) throw new Error(`backend ${name} did not activate (got ${tf.getBackend()})`);
}

/**
 * Runs `compute` on cpu with its own kernels (the oracle), then on wasm (with `wasmOptions`, e.g. wasm's own kernels), and returns
 * its results as plain arrays (so they outlive the backend switch), disposing everything it made.
 * Leaves wasm with this package's kernels installed (and cpu with its own).
 */
export async function onEachBackend(
  compute: () => tf.Tensor[],
  wasmOptions: SelectBackendOptions = {},
): Promise<Record<NodeBackend, Float32Array[]>> {
  const out: Partial<Record<NodeBackend, Float32Array[]>> = {};
  for (const name of NODE_BACKENDS) {
    await onBackend(name, name === 'wasm' ? wasmOptions : ORACLE_OPTIONS);
    out[name] = tf.tidy(() => compute()).map((t) => {
      const values = t.dataSync();
      t.dispose();
      return Float32Array.from(values);
    });
  }
  if (wasmOptions.replaceKernels === false) await useBackend('wasm');
  return { cpu: out.cpu ?? [], wasm: out.wasm ?? [] };
}
