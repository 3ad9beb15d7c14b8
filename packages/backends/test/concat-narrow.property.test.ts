import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaledError, size, uniform } from './support/compare';
import { onEachBackend } from './support/on-backends';

const RUNS = 40;

/** A random concat: 2-4 inputs of rank 2-4, one axis whose extents differ, rows short or long. */
const concatConfig = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  shape: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 4 }),
  axisPick: fc.nat(),
  extents: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 4 }),
  negativeAxis: fc.boolean(),
});

/**
 * wasm's `Concat` with this package's narrow-row copy (`concatNarrowRows`) equals cpu's own
 * `Concat` exactly, forward and through its gradient, for short and long (fallback) rows.
 */
describe('wasm Concat with narrow rows equals cpu (property, seeded)', () => {
  it(`concat and its gradient, ${RUNS} random configs`, async () => {
    await fc.assert(
      fc.asyncProperty(concatConfig, async (c) => {
        const axis = c.axisPick % c.shape.length;
        const shapes = c.extents.map((e) => c.shape.map((d, i) => (i === axis ? e : d)));
        const values = shapes.map((s, k) => uniform(c.seed + k, size(s)));
        const { cpu, wasm } = await onEachBackend(() => {
          const xs = shapes.map((s, k) => tf.tensor(values[k] ?? [], s));
          const a = c.negativeAxis ? axis - c.shape.length : axis;
          const y = tf.concat(xs, a);
          const r = tf.tensor(uniform(c.seed + 99, size(y.shape)), y.shape);
          const grads = tf.grads((...ts: tf.Tensor[]) => tf.sum(tf.mul(tf.concat(ts, a), r)))(xs);
          const ints = tf.concat(xs.map((x) => tf.cast(tf.mul(x, 1000), 'int32')), a);
          return [y, ...grads, tf.cast(ints, 'float32')];
        });
        const err = Math.max(...cpu.map((v, i) => scaledError(wasm[i] ?? [], v)));
        expect(err, JSON.stringify({ shapes, axis })).toBe(0);
      }),
      { seed: 20261126, numRuns: RUNS },
    );
  });
});
