import { selectBackend, type WebglFlags, type WebglFlagsInForce, type WebglInfo } from '@pix2pix-ts/backends';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';

/**
 * What {@link setupWebgl} started: the GPU (the renderer string names SwiftShader on a software GL) and the
 * flags in force (the same as `backend.flags`).
 *
 * @example
 * ```ts
 * import type { WebglSetup } from '@pix2pix-ts/browser';
 *
 * const packed = (s: WebglSetup): boolean => s.flags.WEBGL_PACK;
 * ```
 */
export interface WebglSetup {
  readonly backend: WebglInfo;
  readonly flags: WebglFlagsInForce;
}

/**
 * A thin alias of `selectBackend('webgl', { webglFlags: flags, allowF16 })` from `@pix2pix-ts/backends`,
 * which does all of it (the flags, the webgl kernels of the one registry, the gradients, the float32
 * check), shaped for the page's wire: `{ backend, flags }`, a `Left` an `Error` whose message starts with
 * the failed stage. New code can call `selectBackend` / `useBackend` directly.
 *
 * @example
 * ```ts
 * // browser only
 * import { setupWebgl } from '@pix2pix-ts/browser';
 * const setup = await setupWebgl()();
 * // Right({ backend: { name: 'webgl', renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader …))', flags: { … }, … }, flags: { WEBGL_RENDER_FLOAT32_ENABLED: true, … } })
 * ```
 */
export function setupWebgl(flags: WebglFlags = {}, options: { readonly allowF16?: boolean } = {}): TE.TaskEither<Error, WebglSetup> {
  return pipe(
    selectBackend('webgl', { webglFlags: flags, ...(options.allowF16 === undefined ? {} : { allowF16: options.allowF16 }) }),
    TE.mapLeft((e) => new Error(`${e.stage}: ${e.message}`)),
    TE.flatMap((info) => (info.name === 'webgl' ? TE.right({ backend: info, flags: info.flags }) : TE.left(new Error(`expected the webgl backend, got ${info.name}`)))),
  );
}
