import * as tf from '@tensorflow/tfjs-core';
import { setWebglPacking } from './packing';

/**
 * The tfjs WebGL flags that decide the numbers a run computes, and how fast it starts:
 *
 * - `WEBGL_FORCE_F16_TEXTURES` (default false): half-float textures. Kept off: training needs fp32.
 * - `WEBGL_PACK`: pack four values per texel. Packed and unpacked both compute in fp32 and agree
 *   with cpu equally well. When not given, `useBackend('webgl')` keeps tfjs's default (packed): on
 *   SwiftShader a 64x64 training step takes ~1.0 s packed vs ~1.2 s unpacked, and a 128x128 one
 *   (U-Net 7 ngf 32) 9.4 s vs 14.6 s; only tiny models were faster unpacked.
 * - `WEBGL_USE_SHAPES_UNIFORMS` (default false, as in tfjs): true passes shapes as uniforms, so one
 *   compiled program serves every shape and the first step compiles sooner (64x64: ~3.5 s instead of
 *   ~7 s on SwiftShader), but every later step is slower, since shaders can no longer fold their index
 *   arithmetic into constants (128x128 packed: 12.0 s vs 9.4 s per step). Set it for many short runs
 *   over changing shapes.
 *
 * @example
 * ```ts
 * import type { WebglFlags } from '@pix2pix-ts/backends';
 *
 * const packed: WebglFlags = { WEBGL_PACK: true };
 * ```
 */
export interface WebglFlags {
  readonly WEBGL_PACK?: boolean;
  readonly WEBGL_FORCE_F16_TEXTURES?: boolean;
  readonly WEBGL_USE_SHAPES_UNIFORMS?: boolean;
}

/**
 * The flags `useBackend('webgl')` sets unless told otherwise (see {@link WebglFlags}).
 *
 * @example
 * ```ts
 * import { DEFAULT_WEBGL_FLAGS } from '@pix2pix-ts/backends';
 *
 * DEFAULT_WEBGL_FLAGS.WEBGL_FORCE_F16_TEXTURES; // false
 * ```
 */
export const DEFAULT_WEBGL_FLAGS: Required<Omit<WebglFlags, 'WEBGL_PACK'>> = {
  WEBGL_FORCE_F16_TEXTURES: false,
  WEBGL_USE_SHAPES_UNIFORMS: false,
};

/**
 * The WebGL flags in force once the backend started, as tfjs reports them, including whether the GPU
 * renders to float32 textures (`WEBGL_RENDER_FLOAT32_ENABLED`), without which training would run in
 * half precision. (A type alias, not an interface, so that it stays assignable to a record of flags.)
 *
 * @example
 * ```ts
 * import type { WebglFlagsInForce } from '@pix2pix-ts/backends';
 *
 * const fp32 = (f: WebglFlagsInForce): boolean => f.WEBGL_RENDER_FLOAT32_ENABLED && !f.WEBGL_FORCE_F16_TEXTURES;
 * ```
 */
export type WebglFlagsInForce = {
  readonly WEBGL_VERSION: number;
  readonly WEBGL_PACK: boolean;
  readonly WEBGL_FORCE_F16_TEXTURES: boolean;
  readonly WEBGL_USE_SHAPES_UNIFORMS: boolean;
  readonly WEBGL_RENDER_FLOAT32_ENABLED: boolean;
  readonly WEBGL_RENDER_FLOAT32_CAPABLE: boolean;
};

/**
 * Sets `flags` over {@link DEFAULT_WEBGL_FLAGS}; `WEBGL_PACK`, when given, through
 * {@link setWebglPacking} (the flags derived from it follow). Call after the webgl backend package is
 * imported (importing it registers the flags) and before the backend starts.
 *
 * @example
 * ```ts
 * // browser only
 * import { applyWebglFlags } from '@pix2pix-ts/backends';
 *
 * await import('@tensorflow/tfjs-backend-webgl');
 * applyWebglFlags({ WEBGL_PACK: false });
 * ```
 */
export function applyWebglFlags(flags: WebglFlags): void {
  const { WEBGL_PACK: pack, ...others } = flags;
  for (const [name, value] of Object.entries({ ...DEFAULT_WEBGL_FLAGS, ...others })) tf.env().set(name, value);
  if (pack !== undefined) setWebglPacking(pack);
}

/**
 * Reads {@link WebglFlagsInForce} from tfjs's environment (after the webgl backend started).
 *
 * @example
 * ```ts
 * // browser only
 * import { useBackend, webglFlagsInForce } from '@pix2pix-ts/backends';
 *
 * await useBackend('webgl');
 * webglFlagsInForce().WEBGL_RENDER_FLOAT32_ENABLED; // true on SwiftShader
 * ```
 */
export function webglFlagsInForce(): WebglFlagsInForce {
  const env = tf.env();
  return {
    WEBGL_VERSION: env.getNumber('WEBGL_VERSION'),
    WEBGL_PACK: env.getBool('WEBGL_PACK'),
    WEBGL_FORCE_F16_TEXTURES: env.getBool('WEBGL_FORCE_F16_TEXTURES'),
    WEBGL_USE_SHAPES_UNIFORMS: env.getBool('WEBGL_USE_SHAPES_UNIFORMS'),
    WEBGL_RENDER_FLOAT32_ENABLED: env.getBool('WEBGL_RENDER_FLOAT32_ENABLED'),
    WEBGL_RENDER_FLOAT32_CAPABLE: env.getBool('WEBGL_RENDER_FLOAT32_CAPABLE'),
  };
}
