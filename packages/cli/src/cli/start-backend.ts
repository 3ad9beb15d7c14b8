import * as TE from 'fp-ts/TaskEither';
import { useBackend, type BackendInfo } from '@pix2pix-ts/backends';
import { backendError, messageOf, type CliError } from './cli-error';

/** The message for `--backend webgl` outside `train` (only training runs in the browser). */
export const WEBGL_NEEDS_BROWSER =
  '--backend webgl: only `pix2pix train` runs on WebGL (its steps in headless Chromium); this command runs in Node: use --backend wasm (fast) or cpu.';

/** The message for `--backend webgpu` outside `train` (only training runs in the browser). */
export const WEBGPU_NEEDS_BROWSER =
  '--backend webgpu: only `pix2pix train` runs on WebGPU (its steps in headless Chromium); this command runs in Node: use --backend wasm (fast) or cpu.';

/**
 * Starts a tfjs backend in Node: `wasm` or `cpu`; `webgl` fails at once with a one-line message (WebGL exists
 * only in a browser: `train` drives one itself, see `startWebgl`, and keeps `wasm` here for samples and eval). `wasmKernels` picks the backends package's default, its replacement
 * convolution kernels (`backends`), or tfjs-wasm's own (`native`, to compare); `threads` (wasm) the size of XNNPACK's pool
 * (`--threads`; unset: one). Returns the backend's description for the start-up line.
 */
export function startBackend(name: 'cpu' | 'wasm' | 'webgl' | 'webgpu', wasmKernels: 'native' | 'backends' = 'backends', threads?: number): TE.TaskEither<CliError, BackendInfo> {
  if (name === 'webgl') return TE.left(backendError(WEBGL_NEEDS_BROWSER));
  if (name === 'webgpu') return TE.left(backendError(WEBGPU_NEEDS_BROWSER));
  return TE.tryCatch(
    // The package's default (its replacement kernels) is the fast one: a pix2pix step measured 165 ms with
    // tfjs-wasm's own kernels and 106 ms with the replacements at 64x64 ngf 16 (1537 vs 760 ms at 128x128 ngf 32).
    () => useBackend(name, { ...(wasmKernels === 'native' ? { replaceKernels: false } : {}), ...(name === 'wasm' && threads !== undefined ? { threads } : {}) }),
    (e) => backendError(`--backend ${name}: ${messageOf(e)}`),
  );
}

/**
 * The backend in words, for the line printed at start: `wasm (SIMD, 1 thread)`, `cpu (reference)`.
 *
 * @example
 * ```ts
 * import { useBackend } from '@pix2pix-ts/backends';
 * import { describeBackend } from '@pix2pix-ts/cli/node';
 * describeBackend(await useBackend('cpu')); // 'cpu (reference JavaScript)'; on wasm: 'wasm (SIMD, 1 thread)'
 * ```
 */
export function describeBackend(info: BackendInfo): string {
  switch (info.name) {
    case 'cpu':
      return 'cpu (reference JavaScript)';
    case 'wasm':
      return `wasm (${info.simd ? 'SIMD' : 'no SIMD'}, ${info.threadsCount} thread${info.threadsCount === 1 ? '' : 's'})`;
    case 'webgl':
      return 'webgl';
    case 'webgpu':
      return 'webgpu';
  }
}
