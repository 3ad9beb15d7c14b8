import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNorm, conv2d, convTranspose2d, countParams, disposeTree, flattenTree, key, leakyRelu, serial, skip } from '../src/index';
import { onBackend } from './support/backends';

const net = serial(
  conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }),
  leakyRelu(0.2),
  skip(serial(conv2d({ filters: 16, kernel: 4, stride: 2, pad: 1, bias: false }), batchNorm(), convTranspose2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }))),
);

const valuesOf = (tree: Parameters<typeof flattenTree>[0]): Array<[string, number[]]> =>
  flattenTree(tree).map(([p, t]) => [p, Array.from(t.dataSync())]);

describe('init', () => {
  beforeAll(() => onBackend('cpu'));

  it('same key: identical params; different keys: different params', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 40 }), (s1, s2) => {
        fc.pre(s1 !== s2);
        const a = net.init(key(s1), [1, 16, 16, 3]);
        const b = net.init(key(s1), [1, 16, 16, 3]);
        const c = net.init(key(s2), [1, 16, 16, 3]);
        expect(valuesOf(a.params)).toEqual(valuesOf(b.params));
        const ka = valuesOf(a.params).filter(([p]) => p.endsWith('kernel'));
        const kc = valuesOf(c.params).filter(([p]) => p.endsWith('kernel'));
        ka.forEach(([p, v], i) => expect(v, p).not.toEqual(kc[i]?.[1]));
        for (const r of [a, b, c]) {
          disposeTree(r.params);
          disposeTree(r.state);
        }
      }),
      { seed: 11, numRuns: 15 },
    );
  });

  it('names every tensor and counts parameters', () => {
    const { params, state } = net.init(key(0), [1, 16, 16, 3]);
    expect(flattenTree(params).map(([p]) => p)).toEqual(['0.kernel', '0.bias', '2.0.kernel', '2.1.gamma', '2.1.beta', '2.2.kernel', '2.2.bias']);
    // conv 4·4·3·8 + 8, conv 4·4·8·16, bn 16 + 16, convT 4·4·16·8 + 8
    expect(countParams(params)).toBe(4 * 4 * 3 * 8 + 8 + 4 * 4 * 8 * 16 + 32 + 4 * 4 * 16 * 8 + 8);
    expect(flattenTree(state).map(([p]) => p)).toEqual(['2.1.mean', '2.1.variance']);
    const w = flattenTree(params)[0]?.[1] as tf.Tensor;
    const values = Array.from(w.dataSync());
    const std = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
    expect(std).toBeGreaterThan(0.015);
    expect(std).toBeLessThan(0.025);
    disposeTree(params);
    disposeTree(state);
  });
});
