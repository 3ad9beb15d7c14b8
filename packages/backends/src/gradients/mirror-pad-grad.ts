import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, MirrorPadAttrs, Tensor } from '@tensorflow/tfjs-core';

/**
 * The gradient of `mirrorPad` w.r.t. its input, computed from the gradient of the padded output
 * `dy`: the centre plus the mirrored borders folded back onto the entries they copied
 * (`reflect` copies entries 1..p, `symmetric` entries 0..p-1), axis by axis. tfjs-core's own
 * `MirrorPad` gradient only slices out the centre and drops the borders' contribution.
 *
 * @param dy the gradient of the padded tensor
 * @param paddings `[before, after]` per axis, as given to `tf.mirrorPad`
 * @param mode `'reflect'` or `'symmetric'`
 * @returns the gradient of the unpadded input
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { mirrorPadGrad } from '@pix2pix-ts/backends';
 *
 * await tf.setBackend('cpu');
 * // x = [a, b, c] reflect-padded by 1 is [b, a, b, c, b]: b appears three times.
 * mirrorPadGrad(tf.ones([5]), [[1, 1]], 'reflect').print(); // [1, 3, 1]
 * ```
 */
export function mirrorPadGrad(dy: Tensor, paddings: ReadonlyArray<readonly [number, number]>, mode: MirrorPadAttrs['mode']): Tensor {
  const offset = mode === 'reflect' ? 1 : 0;
  return tf.tidy(() => {
    let g = dy;
    paddings.forEach(([before, after], axis) => {
      if (before === 0 && after === 0) return;
      const n = (g.shape[axis] ?? 0) - before - after;
      const along = (start: number, size: number): Tensor => {
        const begin = g.shape.map((_, d) => (d === axis ? start : 0));
        const sizes = g.shape.map((s, d) => (d === axis ? size : s));
        return tf.slice(g, begin, sizes);
      };
      const fold = (part: Tensor, at: number): Tensor =>
        tf.pad(tf.reverse(part, axis), g.shape.map((_, d): [number, number] => (d === axis ? [at, n - at - (part.shape[axis] ?? 0)] : [0, 0])));
      let next = along(before, n);
      if (before > 0) next = tf.add(next, fold(along(0, before), offset));
      if (after > 0) next = tf.add(next, fold(along(before + n, after), n - offset - after));
      g = next;
    });
    return g;
  });
}

/**
 * A correct `MirrorPad` gradient ({@link mirrorPadGrad}) to register in place of tfjs-core's,
 * which ignores the mirrored borders (wrong for reflection padding in ResNet generators). Gradients
 * are global, so this fixes every backend; {@link registerGradientFixes} installs it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { mirrorPadGradConfig } from '@pix2pix-ts/backends';
 *
 * tf.unregisterGradient(mirrorPadGradConfig.kernelName); // avoid tfjs's "overriding" warning
 * tf.registerGradient(mirrorPadGradConfig);
 * ```
 */
export const mirrorPadGradConfig: GradConfig = {
  kernelName: tf.MirrorPad,
  gradFunc: (dy, _saved, attrs) => {
    // tfjs-core's mirrorPad op builds these attributes; MirrorPad has one output, so one dy.
    const { paddings, mode } = attrs as unknown as MirrorPadAttrs;
    const grad = Array.isArray(dy) ? dy[0] : dy;
    if (grad === undefined) throw new Error('MirrorPad gradient: no upstream gradient');
    return { x: () => mirrorPadGrad(grad, paddings, mode) };
  },
};
