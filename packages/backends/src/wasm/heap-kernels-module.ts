import { HEAP_KERNELS_PLAIN, HEAP_KERNELS_SHARED } from './heap-kernels-binary';

/**
 * The `adam` export of `heap-kernels.wat`: one Adam step over `n` float32 elements, in one SIMD
 * pass. Pointers are byte offsets into the wasm backend's memory; the scalars are those of
 * `adamUpdateArrays` (`c1 = 1 − β1`, `c2 = 1 − β2`, `k = stepSize·sqrtBc2`, `e = ε·sqrtBc2`).
 *
 * @example
 * ```ts
 * import type { AdamSimd } from '@pix2pix-ts/backends';
 *
 * const step = (adam: AdamSimd, at: number, n: number): void => adam(at, at + 4 * n, at + 8 * n, at + 12 * n, at, at + 8 * n, at + 12 * n, n, 0.5, 0.5, 0.999, 0.001, 4e-4, 1e-8);
 * ```
 */
export type AdamSimd = (
  p: number,
  g: number,
  m: number,
  v: number,
  pOut: number,
  mOut: number,
  vOut: number,
  n: number,
  beta1: number,
  c1: number,
  beta2: number,
  c2: number,
  k: number,
  e: number,
) => void;

/**
 * The `transpose` export of `heap-kernels.wat`: writes the `cols × rows` transpose of the
 * `rows × cols` float32 matrix at byte offset `src` to byte offset `dst` (which must not overlap it).
 *
 * @example
 * ```ts
 * import type { TransposeSimd } from '@pix2pix-ts/backends';
 *
 * const flip = (transpose: TransposeSimd, src: number, dst: number): void => transpose(src, dst, 64, 256);
 * ```
 */
export type TransposeSimd = (src: number, dst: number, rows: number, cols: number) => void;

/**
 * The functions of `heap-kernels.wat`, bound to one wasm backend's memory.
 *
 * @example
 * ```ts
 * import type { HeapKernels } from '@pix2pix-ts/backends';
 *
 * const names = (k: HeapKernels): string[] => Object.keys(k); // ['adam', 'transpose']
 * ```
 */
export interface HeapKernels {
  readonly adam: AdamSimd;
  readonly transpose: TransposeSimd;
}

/** One instance per memory: the module is tiny, but compiling it on every call would not be. */
const instances = new WeakMap<WebAssembly.Memory, HeapKernels | undefined>();

/**
 * tfjs-wasm's `WebAssembly.Memory`: Emscripten keeps it as `wasmMemory` on the module in the
 * threaded build and as the export `asm.memory` in the others. Neither is public API, so a missing
 * one means "no heap kernels" (callers fall back to wasm's own kernels), not an error.
 */
function backendMemory(backend: unknown): WebAssembly.Memory | undefined {
  const module: unknown = typeof backend === 'object' && backend !== null ? Reflect.get(backend, 'wasm') : undefined;
  if (typeof module !== 'object' || module === null) return undefined;
  const asm: unknown = Reflect.get(module, 'asm');
  const candidates: unknown[] = [Reflect.get(module, 'wasmMemory'), typeof asm === 'object' && asm !== null ? Reflect.get(asm, 'memory') : undefined];
  return candidates.find((c): c is WebAssembly.Memory => c instanceof WebAssembly.Memory);
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function instantiate(memory: WebAssembly.Memory): HeapKernels | undefined {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  try {
    // Synchronous compile is allowed for a module this small (~1 kB) on every engine.
    const module = new WebAssembly.Module(decodeBase64(shared ? HEAP_KERNELS_SHARED : HEAP_KERNELS_PLAIN));
    const { adam, transpose } = new WebAssembly.Instance(module, { tfjs: { memory } }).exports;
    if (typeof adam !== 'function' || typeof transpose !== 'function') return undefined;
    // The signatures are those declared in heap-kernels.wat; wasm checks the argument count and types.
    return { adam: adam as AdamSimd, transpose: transpose as TransposeSimd };
  } catch {
    // No wasm SIMD in this engine (tfjs then runs its non-SIMD binary too): callers fall back.
    return undefined;
  }
}

/**
 * The {@link HeapKernels} bound to the memory of `backend` (tfjs-wasm's backend, as handed to a
 * kernel), or `undefined` where they cannot be had (not the wasm backend, or an engine without wasm
 * SIMD). Used by the wasm Adam kernel and by the matrix transposes of the convolutions by matmul.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { heapKernelsFor, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * heapKernelsFor(tf.backend()) !== undefined; // true
 * ```
 */
export function heapKernelsFor(backend: unknown): HeapKernels | undefined {
  const memory = backendMemory(backend);
  if (memory === undefined) return undefined;
  if (!instances.has(memory)) instances.set(memory, instantiate(memory));
  return instances.get(memory);
}
