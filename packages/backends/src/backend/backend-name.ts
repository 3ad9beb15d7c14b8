/**
 * The tfjs backends this project runs on, the reference (`cpu`) first.
 *
 * @example
 * ```ts
 * import { BACKEND_NAMES } from '@pix2pix-ts/backends';
 *
 * const usage = `--backend ${BACKEND_NAMES.join('|')}`; // '--backend cpu|wasm|webgl|webgpu'
 * ```
 */
export const BACKEND_NAMES = ['cpu', 'wasm', 'webgl', 'webgpu'] as const;

/**
 * A tfjs backend this package can select: `cpu` (reference), `wasm` (fast CPU, Node and
 * browsers), `webgl` (GPU, browsers only), `webgpu` (GPU through WebGPU, browsers with an adapter only).
 *
 * @example
 * ```ts
 * import type { BackendName } from '@pix2pix-ts/backends';
 *
 * const fast: BackendName = 'wasm';
 * ```
 */
export type BackendName = (typeof BACKEND_NAMES)[number];

/**
 * Narrows a string (a CLI flag, a URL parameter) to a {@link BackendName}.
 *
 * @example
 * ```ts
 * import { isBackendName } from '@pix2pix-ts/backends';
 *
 * isBackendName('wasm'); // true
 * isBackendName('tensorflow'); // false
 * ```
 */
export function isBackendName(s: string): s is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(s);
}
