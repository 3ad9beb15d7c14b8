import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { assertGradientsReady, mirrorPadGradConfig, squaredDifferenceGradConfig, useBackend } from '@pix2pix-ts/backends';

/**
 * Issue 12 item 5: importing the layers has no side effect. They used to register tfjs-core's gradients on
 * import (a top-level await that loaded the whole `@tensorflow/tfjs` bundle in Node, and made vite warn on
 * every `npm run demo`); gradients are now registered by `useBackend` alone, with their fixes.
 */
describe('importing the layers', () => {
  it('registers no gradient, and the package says it has no side effects and no @tensorflow/tfjs', async () => {
    await import('../src/index');
    for (const kernel of ['Conv2D', 'MirrorPad', 'FusedBatchNorm', 'LeakyRelu']) expect(tf.getGradient(kernel)).toBeUndefined();
    expect(() => assertGradientsReady('a layers test')).toThrow(/a layers test: tfjs-core's gradients are not registered .*call useBackend/);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { sideEffects?: unknown; dependencies?: Record<string, string> };
    expect(pkg.sideEffects).toBe(false);
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('@tensorflow/tfjs');
  });

  it('then useBackend registers the gradients with the MirrorPad and SquaredDifference fixes', async () => {
    await useBackend('cpu');
    assertGradientsReady('a layers test');
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
