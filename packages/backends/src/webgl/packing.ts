import * as tf from '@tensorflow/tfjs-core';

/**
 * The tfjs WebGL flags that follow `WEBGL_PACK`. Each defaults to `WEBGL_PACK`'s value the first
 * time it is read and keeps it, so setting `WEBGL_PACK` alone after the first op changes nothing.
 *
 * @example
 * ```ts
 * import { PACKING_FLAGS } from '@pix2pix-ts/backends';
 *
 * PACKING_FLAGS.includes('WEBGL_PACK_BINARY_OPERATIONS'); // true
 * ```
 */
export const PACKING_FLAGS: readonly string[] = [
  'WEBGL_PACK',
  'WEBGL_PACK_NORMALIZATION',
  'WEBGL_PACK_CLIP',
  'WEBGL_PACK_DEPTHWISECONV',
  'WEBGL_PACK_BINARY_OPERATIONS',
  'WEBGL_PACK_UNARY_OPERATIONS',
  'WEBGL_PACK_ARRAY_OPERATIONS',
  'WEBGL_PACK_IMAGE_OPERATIONS',
  'WEBGL_PACK_REDUCE',
  'WEBGL_LAZILY_UNPACK',
  'WEBGL_CONV_IM2COL',
  'WEBGL_PACK_CONV2DTRANSPOSE',
];

/**
 * Turns WebGL texture packing on or off for every op from now on (`WEBGL_PACK` and the flags
 * derived from it, {@link PACKING_FLAGS}). Tensors already on the GPU keep their layout; tfjs
 * converts them when an op needs the other one. Call after the webgl backend package is loaded.
 *
 * @example
 * ```ts
 * // browser only, after useBackend('webgl')
 * import { setWebglPacking } from '@pix2pix-ts/backends';
 * setWebglPacking(false);
 * ```
 */
export function setWebglPacking(on: boolean): void {
  for (const flag of PACKING_FLAGS) tf.env().set(flag, on);
}
