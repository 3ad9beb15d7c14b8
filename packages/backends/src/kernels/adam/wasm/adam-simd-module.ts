import { ADAM_SIMD_PLAIN, ADAM_SIMD_SHARED } from './adam-simd-binary';

/**
 * The exported function of `adam-simd.wat`: one Adam step over `n` float32 elements, in one SIMD
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

/** One instance per memory: the module is tiny, but compiling it on every call would not be. */
const instances = new WeakMap<WebAssembly.Memory, AdamSimd | undefined>();

/**
 * tfjs-wasm's `WebAssembly.Memory`: Emscripten keeps it as `wasmMemory` on the module in the
 * threaded build and as the export `asm.memory` in the others. Neither is public API, so a missing
 * one means "no SIMD Adam" (the caller falls back to wasm's element-wise kernels), not an error.
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

function instantiate(memory: WebAssembly.Memory): AdamSimd | undefined {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  try {
    // Synchronous compile is allowed for a module this small (~600 bytes) on every engine.
    const module = new WebAssembly.Module(decodeBase64(shared ? ADAM_SIMD_SHARED : ADAM_SIMD_PLAIN));
    const instance = new WebAssembly.Instance(module, { tfjs: { memory } });
    const adam: unknown = instance.exports['adam'];
    return typeof adam === 'function' ? (adam as AdamSimd) : undefined; // checked to be the module's function just above
  } catch {
    // No wasm SIMD in this engine (tfjs then runs its non-SIMD binary too): use the fallback.
    return undefined;
  }
}

/**
 * The SIMD Adam bound to the memory of `backend` (tfjs-wasm's backend, as handed to a kernel), or
 * `undefined` where it cannot be had (not the wasm backend, or an engine without wasm SIMD).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { adamSimdFor, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm');
 * typeof adamSimdFor(tf.backend()); // 'function'
 * ```
 */
export function adamSimdFor(backend: unknown): AdamSimd | undefined {
  const memory = backendMemory(backend);
  if (memory === undefined) return undefined;
  if (!instances.has(memory)) instances.set(memory, instantiate(memory));
  return instances.get(memory);
}
