import * as tf from '@tensorflow/tfjs-core';
import type { WasmBackendModule } from './wasm-setup';
import { importNodeBuiltin } from '../node/import-node-builtin';
import { isNode } from '../node/is-node';
import { startedBackend } from '../backend/started-backend';

/**
 * What {@link prepareWasmThreads} changed for the backend's start, undone by `restore` once it has
 * started (`tf.ready()`), whether it started or not.
 *
 * @example
 * ```ts
 * import type { WasmThreadsPreparation } from '@pix2pix-ts/backends';
 *
 * const done = (p: WasmThreadsPreparation): number => { p.restore(); return p.threads; };
 * ```
 */
export interface WasmThreadsPreparation {
  /** The thread count asked of XNNPACK's pool. */
  readonly threads: number;
  /** Puts back what was patched for the start (Node) and removes the temporary files. */
  readonly restore: () => void;
}

/** The Emscripten module of a started wasm backend (only what this file reads of it). */
interface EmscriptenPThreads {
  readonly PThread?: { readonly terminateAllThreads?: () => void; readonly runningWorkers?: readonly { unref?: () => void }[] };
}

const emscriptenModule = (backend: unknown): EmscriptenPThreads | undefined => {
  const m: unknown = typeof backend === 'object' && backend !== null ? Reflect.get(backend, 'wasm') : undefined;
  // Emscripten's module object: not public API, read defensively (every member is checked where used).
  return typeof m === 'object' && m !== null ? (m as EmscriptenPThreads) : undefined;
};

/**
 * The threads a started wasm backend computes on (XNNPACK's pool), `1` when it is not started or has no pool.
 *
 * @example
 * ```ts
 * import { useBackend, wasmThreadsInUse } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm', { threads: 2 });
 * wasmThreadsInUse(await import('@tensorflow/tfjs-backend-wasm')); // 2
 * ```
 */
export function wasmThreadsInUse(wasm: WasmBackendModule): number {
  if (startedBackend('wasm') === undefined) return 1;
  return Math.max(1, wasm.getThreadsCount());
}

/**
 * Stops a started wasm backend whose thread count is not `threads`, so that the next `tf.setBackend('wasm')`
 * starts a new one (a new Emscripten module: tfjs-wasm reads the thread count only at start). Its tensors
 * are gone with it; its pool's workers are terminated. The backend's factory is registered again as it was.
 */
function restartIfOtherThreads(wasm: WasmBackendModule, threads: number): void {
  const started = startedBackend('wasm');
  if (started === null || wasmThreadsInUse(wasm) === threads) return;
  const factory = tf.findBackendFactory('wasm');
  if (factory === null) return;
  const module = emscriptenModule(started);
  tf.removeBackend('wasm');
  module?.PThread?.terminateAllThreads?.();
  // tfjs-backend-wasm registers itself with priority 2 (WASM_PRIORITY).
  tf.registerBackend('wasm', factory, 2);
}

/**
 * Node only: lets tfjs-backend-wasm's threaded SIMD build start under `worker_threads`. tfjs turns it off
 * in Node (tensorflow/tfjs#3830) and its loader only works in browsers: it hands Emscripten the pthread
 * worker script and the main script as `Blob` object URLs, which Node's `Worker` and the worker's
 * `importScripts` (a file read) cannot open, and the main script is a function's source that refers to
 * the bundle's module variables (`require$$0`…, `commonjsGlobal`). For the start only, this writes both
 * scripts to a temporary folder and hands out their paths instead, defines those variables in the main
 * script, and reports twice the asked threads as logical cores (tfjs-wasm caps its pool at
 * `emscripten_num_logical_cores() / 2`, i.e. 1 on a 2-core machine).
 */
async function patchNodeStart(threads: number): Promise<() => void> {
  const [fs, osNamespace, path] = await Promise.all([importNodeBuiltin('node:fs'), importNodeBuiltin('node:os'), importNodeBuiltin('node:path')]);
  // The ES namespace is read-only; its default export is the CommonJS object tfjs-wasm's require('os') gets.
  const osDefault: unknown = Reflect.get(osNamespace, 'default');
  const os: typeof osNamespace = typeof osDefault === 'object' && osDefault !== null ? (osDefault as typeof osNamespace) : osNamespace;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pix2pix-wasm-threads-'));
  const mainScript = path.join(dir, 'tfjs-backend-wasm-threaded-simd.cjs');
  const workerScript = path.join(dir, 'tfjs-backend-wasm-threaded-simd.worker.cjs');
  const OriginalBlob = globalThis.Blob;
  const createObjectURL = URL.createObjectURL;
  const cpus = os.cpus;
  const texts = new WeakMap<Blob, string>();
  const bundleVariables = "var require$$0 = require('fs'), require$$1 = require('path'), require$$3 = require('perf_hooks'), require$$4 = require('os'), commonjsGlobal = globalThis;\n";
  function RecordingBlob(parts?: BlobPart[], options?: BlobPropertyBag): Blob {
    const blob = new OriginalBlob(parts, options);
    const text = (parts ?? []).map((p) => (typeof p === 'string' ? p : '')).join('');
    texts.set(blob, text);
    if (text.startsWith('var WasmBackendModuleThreadedSimd')) fs.writeFileSync(mainScript, bundleVariables + text);
    return blob;
  }
  // A constructor function returning a real Blob: `new Blob(...)` in tfjs gets one, recorded on the way.
  globalThis.Blob = RecordingBlob as unknown as typeof Blob;
  URL.createObjectURL = (blob: Blob): string => {
    const text = texts.get(blob);
    if (text === undefined) return createObjectURL.call(URL, blob);
    // The worker script: it would open the main script from a Blob URL; make it read the file instead.
    fs.writeFileSync(workerScript, text.replace('URL.createObjectURL(e.data.urlOrBlob)', JSON.stringify(mainScript)));
    return workerScript;
  };
  const first = cpus()[0];
  os.cpus = () => (first === undefined ? cpus() : Array.from({ length: 2 * threads }, () => first));
  return () => {
    globalThis.Blob = OriginalBlob;
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * Prepares tfjs-backend-wasm to start with `threads` threads in XNNPACK's pool (the threaded SIMD build):
 * call before `tf.setBackend('wasm')`, and `restore()` after `tf.ready()`. A backend already started with
 * another thread count is stopped first (its tensors are lost). `threads: 1` is the single-threaded SIMD
 * build, as before. In Node it patches the start (see `patchNodeStart`); in browsers the threaded build
 * needs cross-origin isolation (`crossOriginIsolated`), else tfjs falls back to one thread by itself.
 *
 * @throws Error for a thread count that is not a positive integer
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { prepareWasmThreads } from '@pix2pix-ts/backends';
 *
 * const wasm = await import('@tensorflow/tfjs-backend-wasm');
 * const { restore } = await prepareWasmThreads(wasm, 2);
 * try { await tf.setBackend('wasm'); await tf.ready(); } finally { restore(); }
 * ```
 */
export async function prepareWasmThreads(wasm: WasmBackendModule, threads: number): Promise<WasmThreadsPreparation> {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`wasm threads: expected a positive integer, got ${threads}`);
  restartIfOtherThreads(wasm, threads);
  if (startedBackend('wasm') !== undefined) return { threads, restore: () => undefined };
  wasm.setThreadsCount(threads);
  if (threads === 1) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    return { threads, restore: () => undefined };
  }
  if (!isNode()) return { threads, restore: () => undefined };
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  const restore = await patchNodeStart(threads);
  return { threads, restore };
}

/**
 * Node: the pool's workers must not keep the process alive once the work is done (a CLI run ends when
 * its last step has); they are unreferenced after the start. Nothing to do without a started wasm pool.
 *
 * @example
 * ```ts
 * import { unrefWasmWorkers } from '@pix2pix-ts/backends';
 *
 * unrefWasmWorkers(); // selectBackend does this after starting wasm with `threads`
 * ```
 */
export function unrefWasmWorkers(): void {
  const started = startedBackend('wasm');
  for (const w of emscriptenModule(started)?.PThread?.runningWorkers ?? []) w.unref?.();
}
