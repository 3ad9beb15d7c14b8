import type { BackendName } from './backend-name';

/**
 * The step of {@link selectBackend} that failed: importing the package, locating the wasm
 * binaries, registering gradients or kernels, or starting the backend.
 *
 * @example
 * ```ts
 * import type { BackendStage } from '@pix2pix-ts/backends';
 *
 * const stage: BackendStage = 'wasm-paths';
 * ```
 */
export type BackendStage = 'import' | 'wasm-paths' | 'gradients' | 'kernels' | 'init';

/**
 * Why a backend could not be selected: which backend, at which step, in words, and the error
 * underneath (if any) for debugging.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { selectBackend } from '@pix2pix-ts/backends';
 * import type { BackendError } from '@pix2pix-ts/backends';
 *
 * const result = await selectBackend('webgl')(); // in Node: a Left
 * if (E.isLeft(result)) {
 *   const e: BackendError = result.left; // { backend: 'webgl', stage: 'init', message: 'cannot start the backend: not registered: …' }
 * }
 * ```
 */
export interface BackendError {
  readonly _tag: 'BackendError';
  readonly backend: BackendName;
  readonly stage: BackendStage;
  readonly message: string;
  readonly cause?: unknown;
}

/**
 * Builds a {@link BackendError}, taking the message of `cause` when it has one.
 *
 * @example
 * ```ts
 * import { backendError } from '@pix2pix-ts/backends';
 *
 * const e = backendError('webgl', 'init', 'no WebGL context in Node.js');
 * // { _tag: 'BackendError', backend: 'webgl', stage: 'init', message: 'no WebGL context in Node.js' }
 * ```
 */
export function backendError(backend: BackendName, stage: BackendStage, what: string, cause?: unknown): BackendError {
  const detail = cause instanceof Error ? `: ${cause.message}` : cause === undefined ? '' : `: ${String(cause)}`;
  const base = { _tag: 'BackendError', backend, stage, message: `${what}${detail}` } as const;
  return cause === undefined ? base : { ...base, cause };
}

/**
 * Turns a {@link BackendError} into a thrown-style `Error` (with `cause`), for `async` callers.
 *
 * @example
 * ```ts
 * import { backendError, backendErrorToError } from '@pix2pix-ts/backends';
 *
 * backendErrorToError(backendError('wasm', 'init', 'failed')).message;
 * // "could not select tfjs backend 'wasm' (init): failed"
 * ```
 */
export function backendErrorToError(e: BackendError): Error {
  return new Error(`could not select tfjs backend '${e.backend}' (${e.stage}): ${e.message}`, { cause: e.cause ?? e });
}
