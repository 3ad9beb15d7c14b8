import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEAKY_RELU_GRAD, leakyReluFusedGradConfig, reluFusedGradConfig } from '../src/index';
import { scaledError } from './support/compare';
import { kernelsRun } from './support/kernels-run';
import { NODE_BACKENDS, onBackend } from './support/on-backends';

/** tfjs-core's own formulas of the two gradients, written out (what the fused kernel replaces). */
const coreGrad = (dy: tf.Tensor, x: tf.Tensor, alpha: number | 'relu'): tf.Tensor =>
  alpha === 'relu' ? tf.mul(dy, tf.cast(tf.step(x), 'float32')) : tf.where(tf.greater(x, 0), dy, tf.mul(dy, alpha));

describe('the LeakyRelu and Relu gradients run one fused kernel and equal tfjs-core\'s', () => {
  for (const backend of NODE_BACKENDS) {
    it(`${backend}: useBackend installs them`, async () => {
      await onBackend(backend);
      expect(tf.getGradient(tf.LeakyRelu)).toBe(leakyReluFusedGradConfig);
      expect(tf.getGradient(tf.Relu)).toBe(reluFusedGradConfig);
      expect(tf.getKernel(LEAKY_RELU_GRAD, backend)).toBeDefined();
    });

    it(`${backend}: the same values as tfjs-core's formula on random tensors (property)`, async () => {
      await onBackend(backend);
      fc.assert(
        fc.property(
          fc.array(fc.float({ min: -4, max: 4, noNaN: true }), { minLength: 1, maxLength: 64 }),
          fc.constantFrom<number | 'relu'>(0.2, 0.01, 'relu'),
          (values, alpha) => {
            const [got, want] = tf.tidy(() => {
              const x = tf.tensor1d(values);
              const dy = tf.tensor1d(values.map((v, i) => Math.sin(3 * i + v)));
              const f = (xs: tf.Tensor): tf.Tensor => (alpha === 'relu' ? tf.relu(xs) : tf.leakyRelu(xs, alpha));
              const fused = tf.grad((xs: tf.Tensor) => tf.sum(tf.mul(f(xs), dy)))(x);
              return [fused.dataSync(), coreGrad(dy, x, alpha).dataSync()];
            });
            expect(scaledError(got, want)).toBe(0);
          },
        ),
        { seed: 15, numRuns: 60 },
      );
    });

    it(`${backend}: one kernel where tfjs-core's runs three`, async () => {
      await onBackend(backend);
      tf.tidy(() => {
        const x = tf.randomNormal([2, 4, 4, 3]);
        const leaky = kernelsRun(() => tf.grad((xs: tf.Tensor) => tf.sum(tf.leakyRelu(xs, 0.2)))(x));
        const relu = kernelsRun(() => tf.grad((xs: tf.Tensor) => tf.sum(tf.relu(xs)))(x));
        for (const names of [leaky, relu]) {
          expect(names.filter((n) => n === LEAKY_RELU_GRAD)).toHaveLength(1);
          expect(names).not.toContain('Select');
          expect(names).not.toContain('Step');
        }
      });
    });

    it(`${backend}: the kernel names what is wrong with its inputs`, async () => {
      await onBackend(backend);
      const run = (inputs: Record<string, tf.Tensor>, attrs: Record<string, number>) => () =>
        tf.tidy(() => {
          tf.engine().runKernel(LEAKY_RELU_GRAD, inputs, attrs);
        });
      expect(run({ dy: tf.ones([2]), x: tf.ones([3]) }, { alpha: 0 })).toThrow(`${LEAKY_RELU_GRAD}: dy [2] and x [3] differ`);
      expect(run({ dy: tf.ones([2]) }, { alpha: 0 })).toThrow(`${LEAKY_RELU_GRAD}: inputs 'dy' and 'x' are required`);
      expect(run({ dy: tf.ones([2]), x: tf.ones([2]) }, {})).toThrow(`${LEAKY_RELU_GRAD}: attribute 'alpha' must be a number`);
    });
  }
});
