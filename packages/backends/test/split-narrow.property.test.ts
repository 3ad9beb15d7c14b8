import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaledError, size, uniform } from './support/compare';
import { onEachBackend } from './support/on-backends';

const RUNS = 40;

/** A random split: rank 2-4, sizes along one axis (as a list, or an even count), rows short or long. */
const splitConfig = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  shape: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 4 }),
  axisPick: fc.nat(),
  sizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 4 }),
  asCount: fc.boolean(),
  negativeAxis: fc.boolean(),
});

/**
 * wasm's `SplitV` with this package's narrow-row copy (`splitNarrowRows`) equals cpu's own
 * `SplitV` exactly, forward and through its gradient, for short and long (fallback) rows.
 */
describe('wasm SplitV with narrow rows equals cpu (property, seeded)', () => {
  it(`split and its gradient, ${RUNS} random configs`, async () => {
    await fc.assert(
      fc.asyncProperty(splitConfig, async (c) => {
        const axis = c.axisPick % c.shape.length;
        const first = c.sizes[0] ?? 1;
        const splits: number | number[] = c.asCount ? c.sizes.length : c.sizes;
        const extent = c.asCount ? first * c.sizes.length : c.sizes.reduce((a, b) => a + b, 0);
        const shape = c.shape.map((d, i) => (i === axis ? extent : d));
        const values = uniform(c.seed, size(shape));
        const { cpu, wasm } = await onEachBackend(() => {
          const x = tf.tensor(values, shape);
          const a = c.negativeAxis ? axis - c.shape.length : axis;
          const parts = tf.split(x, splits, a);
          const rs = parts.map((p, k) => tf.tensor(uniform(c.seed + 1 + k, size(p.shape)), p.shape));
          const grad = tf.grad((t: tf.Tensor) => tf.addN(tf.split(t, splits, a).map((p, k) => tf.sum(tf.mul(p, rs[k] ?? 0)))))(x);
          const ints = tf.split(tf.cast(tf.mul(x, 1000), 'int32'), splits, a).map((p) => tf.cast(p, 'float32'));
          return [...parts, grad, ...ints];
        });
        expect(cpu.length).toBe(wasm.length);
        const err = Math.max(...cpu.map((v, i) => scaledError(wasm[i] ?? [], v)));
        expect(err, JSON.stringify({ shape, axis, splits })).toBe(0);
      }),
      { seed: 20261127, numRuns: RUNS },
    );
  });
});
