import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer } from '../core/layer';
import type { PadSig } from '../core/signature';

/** How {@link pad2d} fills the border. */
export type PadMode = 'reflect' | 'zeros';

/**
 * Pads H and W by `size` on every side: `reflect` is PyTorch's `ReflectionPad2d` (the ResNet
 * generator's padding), `zeros` plain zero padding.
 *
 * @example
 * ```ts
 * import { key, pad2d } from '@pix2pix-ts/layers';
 * pad2d(3, 'reflect').init(key(0), [1, 256, 256, 3]).outputShape; // readonly [1, 262, 262, 3]
 * ```
 */
export function pad2d<const P extends number>(size: P, mode: PadMode = 'reflect'): Layer<PadSig<P>> {
  const paddings: Array<[number, number]> = [
    [0, 0],
    [size, size],
    [size, size],
    [0, 0],
  ];
  return defineLayer(`pad2d(${size}, ${mode})`, { op: 'pad', pad: size }, {
    init: () => ({ params: {}, state: {} }),
    apply: (_params, state, x) => ({ y: mode === 'reflect' ? tf.mirrorPad(x, paddings, 'reflect') : tf.pad(x, paddings), state }),
  });
}
