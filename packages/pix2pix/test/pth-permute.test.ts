import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromTfjsFilter, toTfjsFilter } from '../src/pth/layout-permute';
import { onBackend } from './support/backends';

describe('filter layout permutation (tiled)', () => {
  beforeAll(() => onBackend('cpu'));

  it('equals tf.transpose [2, 3, 1, 0], and fromTfjsFilter undoes it, for any 4-D shape', () => {
    fc.assert(
      fc.property(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), (shape) => {
        const n = shape.reduce((x, y) => x * y, 1);
        const values = Float32Array.from({ length: n }, (_, i) => i);
        const ours = toTfjsFilter(values, shape);
        const reference = tf.tidy(() => tf.transpose(tf.tensor(values, shape), [2, 3, 1, 0]).dataSync() as Float32Array);
        expect(ours.shape).toEqual([shape[2], shape[3], shape[1], shape[0]]);
        expect(Array.from(ours.values)).toEqual(Array.from(reference));
        expect(Array.from(fromTfjsFilter(ours.values, ours.shape).values)).toEqual(Array.from(values));
      }),
      { seed: 5, numRuns: 100 },
    );
  });
});
