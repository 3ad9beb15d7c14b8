import * as t from 'io-ts';

/**
 * The tfjs WebGL flags that decide the numbers a run computes, and how fast it starts:
 *
 * - `WEBGL_FORCE_F16_TEXTURES` (default false): half-float textures. Kept off: training needs fp32.
 * - `WEBGL_PACK`: pack four values per texel. Packed and unpacked both compute in fp32 and agree
 *   with cpu equally well (see the package README). When not given, `setupWebgl` keeps tfjs's
 *   default (packed): on SwiftShader a 64x64 training step takes ~1.0 s packed vs ~1.2 s unpacked,
 *   and a 128x128 one (U-Net 7 ngf 32) 9.4 s vs 14.6 s; only tiny models were faster unpacked.
 * - `WEBGL_USE_SHAPES_UNIFORMS` (default false, as in tfjs): true passes shapes as uniforms, so one
 *   compiled program serves every shape and the first step compiles sooner (64x64: ~3.5 s instead of
 *   ~7 s on SwiftShader), but every later step is slower, since shaders can no longer fold their index
 *   arithmetic into constants (128x128 packed: 12.0 s vs 9.4 s per step). Set it for many short runs
 *   over changing shapes.
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
  WEBGL_USE_SHAPES_UNIFORMS: false,
};
