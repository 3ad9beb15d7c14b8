import type { WebglFlags as BackendWebglFlags } from '@pix2pix-ts/backends';
import * as t from 'io-ts';

/**
 * The io-ts codec of `@pix2pix-ts/backends`' `WebglFlags` (what each flag does is documented there), for
 * the wire between Node and a trainer page, where the flags arrive as JSON and are decoded once.
 *
 * @example
 * ```ts
 * import { WebglFlags } from '@pix2pix-ts/browser';
 * import { isRight } from 'fp-ts/Either';
 *
 * isRight(WebglFlags.decode({ WEBGL_PACK: true })); // true
 * ```
 */
export const WebglFlags = t.partial(
  { WEBGL_PACK: t.boolean, WEBGL_FORCE_F16_TEXTURES: t.boolean, WEBGL_USE_SHAPES_UNIFORMS: t.boolean },
  'WebglFlags',
);
/** See {@link WebglFlags}: the same type as `@pix2pix-ts/backends`' (checked below). */
export type WebglFlags = t.TypeOf<typeof WebglFlags>;

// The codec decodes exactly the backends' flags: each type is assignable to the other.
const sameFlags = (f: WebglFlags): BackendWebglFlags => f;
const sameFlagsBack = (f: BackendWebglFlags): WebglFlags => f;
void sameFlags;
void sameFlagsBack;
