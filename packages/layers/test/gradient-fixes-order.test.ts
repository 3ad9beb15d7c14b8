import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { mirrorPadGradConfig, squaredDifferenceGradConfig, useBackend } from '@pix2pix-ts/backends';

/**
 * Importing the layers registers tfjs-core's gradients (in Node through the `@tensorflow/tfjs`
 * union bundle), which used to put tfjs-core's wrong `MirrorPad` and `SquaredDifference`
 * gradients back when a backend had been selected first. This file selects the backend *before*
 * importing the layers, the order that broke them; the layers must keep the fixes.
 */
describe('gradient fixes survive importing the layers after selectBackend', () => {
  it('keeps the MirrorPad and SquaredDifference fixes and their values', async () => {
    await useBackend('cpu');
    expect(tf.getGradient('MirrorPad')).toBe(mirrorPadGradConfig);
    await import('../src/index');
    expect(tf.getGradient('MirrorPad')).toBe(mirrorPadGradConfig);
    expect(tf.getGradient('SquaredDifference')).toBe(squaredDifferenceGradConfig);
    // ∂ Σ mirrorPad([a, b, c], 1, reflect) / ∂x: b is copied to both borders.
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mirrorPad(x as tf.Tensor1D, [[1, 1]], 'reflect')))(tf.tensor1d([1, 2, 3]));
    expect(Array.from(g.dataSync())).toEqual([1, 3, 1]);
    // A broadcast squared difference (batch-norm's variance) differentiates w.r.t. both operands.
    const [gx, gm] = tf.grads((x: tf.Tensor, m: tf.Tensor) => tf.sum(tf.squaredDifference(x, m)))([tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([1, 1])]);
    expect(gx?.shape).toEqual([2, 2]);
    expect(Array.from(gm?.dataSync() ?? [])).toEqual([-4, -8]);
  });
});
