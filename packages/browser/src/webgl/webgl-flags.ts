import * as t from 'io-ts';

/**
 * The tfjs WebGL flags that decide the numbers a run computes, and how fast it starts:
 *
 * - `WEBGL_FORCE_F16_TEXTURES` (default false): half-float textures. Kept off: training needs fp32.
 * - `WEBGL_PACK`: pack four values per texel. Packed and unpacked both compute in fp32 and agree
 *   with cpu equally well (see the package README). When not given, `setupWebgl` keeps tfjs's
 *   default (packed) on a GPU and turns packing off on SwiftShader, where unpacked training steps
 *   were measured 1.7x faster.
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
/** See {@link WebglFlags}. */
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
export const DEFAULT_WEBGL_FLAGS: Required<Omit<WebglFlags, 'WEBGL_PACK'>> = {
  WEBGL_FORCE_F16_TEXTURES: false,
  WEBGL_USE_SHAPES_UNIFORMS: true,
};
