import * as t from 'io-ts';

/**
 * The tfjs WebGL flags that decide the numbers a run computes, and how fast it starts:
 *
 * - `WEBGL_FORCE_F16_TEXTURES` (default false): half-float textures. Kept off: training needs fp32.
 * - `WEBGL_PACK` (default false here, tfjs's own default is true): pack four values per texel. Packed
 *   and unpacked both compute in fp32; unpacked was measured a little faster on SwiftShader and
 *   compiles fewer shader programs (see the package README for both errors).
 * - `WEBGL_USE_SHAPES_UNIFORMS` (default true here): pass shapes as uniforms so one compiled program
 *   serves every shape; the first training step of a tiny model compiles in ~5 s instead of ~14 s on
 *   SwiftShader.
 *
 * @example
 * ```ts
 * import type { WebglFlags } from '@pix2pix-ts/browser';
 * const packed: WebglFlags = { WEBGL_PACK: true };
 * ```
 */
export const WebglFlags = t.partial(
  { WEBGL_PACK: t.boolean, WEBGL_FORCE_F16_TEXTURES: t.boolean, WEBGL_USE_SHAPES_UNIFORMS: t.boolean },
  'WebglFlags',
);
export type WebglFlags = t.TypeOf<typeof WebglFlags>;

/**
 * The flags this package sets unless told otherwise (see {@link WebglFlags}).
 *
 * @example
 * ```ts
 * import { DEFAULT_WEBGL_FLAGS } from '@pix2pix-ts/browser';
 * DEFAULT_WEBGL_FLAGS.WEBGL_FORCE_F16_TEXTURES; // false
 * ```
 */
export const DEFAULT_WEBGL_FLAGS: Required<WebglFlags> = {
  WEBGL_PACK: false,
  WEBGL_FORCE_F16_TEXTURES: false,
  WEBGL_USE_SHAPES_UNIFORMS: true,
};
