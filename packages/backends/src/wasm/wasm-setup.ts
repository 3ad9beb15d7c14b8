import * as tf from '@tensorflow/tfjs-core';
import { isNode } from '../node/is-node';
import { wasmBinaryDir } from '../node/wasm-binary-dir';
import { startedBackend } from '../backend/started-backend';

/**
 * The `@tensorflow/tfjs-backend-wasm` module, loaded lazily by {@link selectBackend}.
 *
 * @example
 * ```ts
 * import type { WasmBackendModule } from '@pix2pix-ts/backends';
 *
 * const wasm: WasmBackendModule = await import('@tensorflow/tfjs-backend-wasm');
 * ```
 */
export type WasmBackendModule = typeof import('@tensorflow/tfjs-backend-wasm');

/**
 * Points the wasm backend at its `.wasm` binaries before it starts: `wasmPaths` when given (a
 * directory URL or path ending in `/`, e.g. where a web app serves them), else, in Node, the
 * installed package's `dist/` directory as a file path, so Node never touches the network. Does
 * nothing once the backend has started (paths are read only at start-up).
 *
 * @returns the prefix configured, or `undefined` when the backend's default is kept
 *
 * @example
 * ```ts
 * import { configureWasmPaths } from '@pix2pix-ts/backends';
 *
 * const wasm = await import('@tensorflow/tfjs-backend-wasm');
 * await configureWasmPaths(wasm); // Node: '/…/node_modules/@tensorflow/tfjs-backend-wasm/dist/'
 * // A web app serving the binaries itself: configureWasmPaths(wasm, '/static/tfjs-wasm/')
 * ```
 */
export async function configureWasmPaths(wasm: WasmBackendModule, wasmPaths?: string): Promise<string | undefined> {
  if (startedBackend('wasm') !== undefined) return undefined;
  const prefix = wasmPaths ?? (isNode() ? await wasmBinaryDir() : undefined);
  if (prefix !== undefined) wasm.setWasmPaths(prefix);
  return prefix;
}

/**
 * What the running wasm backend uses: the SIMD binary, the threaded binary, how many threads.
 * Call after the backend has started.
 *
 * @example
 * ```ts
 * import { useBackend, wasmFeatures } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * await wasmFeatures(await import('@tensorflow/tfjs-backend-wasm')); // { simd: true, threads: false, threadsCount: 1 } in Node
 * ```
 */
export async function wasmFeatures(
  wasm: WasmBackendModule,
): Promise<{ readonly simd: boolean; readonly threads: boolean; readonly threadsCount: number }> {
  const [simd, threads] = await Promise.all([
    tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  ]);
  return { simd: simd === true, threads: threads === true, threadsCount: wasm.getThreadsCount() };
}
