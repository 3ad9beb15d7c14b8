import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  conv2d,
  fieldOf,
  key,
  receptiveField,
  relu,
  serial,
  skip,
  convTranspose2d,
  shaped,
  tidyTree,
  untyped,
  type ReceptiveField,
} from '../src/index';
import { NODE_BACKENDS, onBackend } from './support/backends';

interface ConvSpec {
  readonly kernel: number;
  readonly stride: number;
  readonly pad: number;
}

const convSpec = fc.record({
  kernel: fc.integer({ min: 1, max: 7 }),
  stride: fc.integer({ min: 1, max: 3 }),
  pad: fc.integer({ min: 0, max: 3 }),
});

/** Analytic field and effective left padding (in input pixels) of a conv stack. */
function analytic(specs: readonly ConvSpec[]): { size: number; jump: number; padLeft: number } {
  let size = 1;
  let jump = 1;
  let padLeft = 0;
  for (const s of specs) {
    size += (s.kernel - 1) * jump;
    padLeft += s.pad * jump;
    jump *= s.stride;
  }
  return { size, jump, padLeft };
}

/**
 * Empirical field: the extent of the rows (and columns) of the input with a non-zero gradient of one
 * output pixel. All
 * weights and inputs are positive and there are no activations, so no contribution can cancel.
 */
function empiricalField(specs: readonly ConvSpec[]): { rows: number; cols: number; expected: number } {
  const { size, jump, padLeft } = analytic(specs);
  // Pick an output pixel whose field starts inside the input, and an input large enough to hold it.
  const o = Math.ceil(padLeft / jump);
  const start = o * jump - padLeft;
  const h = start + size + jump + 2 * padLeft + 1;
  const layers = specs.map((s) => conv2d({ filters: 1, kernel: s.kernel, stride: s.stride, pad: s.pad, bias: false }));
  const net = untyped(serial(...layers));
  const { params, state } = net.impl.init(key(1), [1, h, h, 1]);
  const positive = tidyTree(() => ({ params: positiveCopy(params), x: tf.fill([1, h, h, 1], 1) }));
  const g = tf.tidy(() => {
    const grad = tf.grad((x: tf.Tensor) => {
      const y = net.impl.apply(positive.params, state, x, { training: false }).y;
      return tf.sum(tf.slice(y, [0, o, o, 0], [1, 1, 1, 1]));
    })(positive.x);
    return tf.squeeze(tf.greater(tf.abs(grad), 0), [0, 3]);
  });
  const mask = g.arraySync() as unknown as number[][];
  const rows = mask.map((r) => r.some((v) => v !== 0));
  const cols = mask[0]?.map((_, j) => mask.some((r) => r[j] !== 0)) ?? [];
  tf.dispose([g, positive.x]);
  tf.dispose(flat(positive.params));
  tf.dispose(flat(params));
  // The field is the extent of the support: with a stride above the kernel size it has holes.
  const extent = (v: readonly boolean[]): number => v.lastIndexOf(true) - v.indexOf(true) + 1;
  return { rows: extent(rows), cols: extent(cols), expected: size };
}

function positiveCopy(tree: unknown): import('../src/index').ParamTree {
  if (tree instanceof tf.Tensor) return tf.add(tf.abs(tree), 0.1);
  if (Array.isArray(tree)) return tree.map(positiveCopy);
  return Object.fromEntries(Object.entries(tree as object).map(([k, v]) => [k, positiveCopy(v)]));
}

function flat(tree: unknown): tf.Tensor[] {
  if (tree instanceof tf.Tensor) return [tree];
  if (Array.isArray(tree)) return tree.flatMap(flat);
  return Object.values(tree as object).flatMap(flat);
}

describe.each(NODE_BACKENDS)('receptive field on %s', (backend) => {
  beforeAll(() => onBackend(backend));

  it('analytic field = empirical gradient support, for random conv stacks', () => {
    fc.assert(
      fc.property(
        fc.array(convSpec, { minLength: 1, maxLength: 6 }).filter((specs) => analytic(specs).size <= 48),
        (specs) => {
          const layers = specs.map((s) => conv2d({ filters: 1, kernel: s.kernel, stride: s.stride, pad: s.pad }));
          const value = receptiveField(serial(...layers));
          const e = empiricalField(specs);
          expect(value).toBe(e.expected);
          expect(e.rows).toBe(e.expected);
          expect(e.cols).toBe(e.expected);
        },
      ),
      { seed: 20261125, numRuns: 40 },
    );
  });
});

describe('receptive field at type level', () => {
  it('literal stacks: the type equals the value', () => {
    const a = serial(conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }), conv2d({ filters: 1, kernel: 4, stride: 1, pad: 1 }));
    expectTypeOf<ReceptiveField<typeof a>>().toEqualTypeOf<10>();
    expect(receptiveField(a)).toBe(10);

    const b = serial(
      conv2d({ filters: 8, kernel: 7, stride: 1, pad: 3 }),
      relu(),
      conv2d({ filters: 8, kernel: 3, stride: 3 }),
      conv2d({ filters: 8, kernel: 5, stride: 2, pad: 2 }),
      conv2d({ filters: 8, kernel: 2, stride: 1 }),
    );
    // 7, +2·1 = 9, +4·3 = 21, +1·6 = 27
    expectTypeOf<ReceptiveField<typeof b>>().toEqualTypeOf<27>();
    expect(receptiveField(b)).toBe(27);

    const patch70 = serial(
      conv2d({ filters: 64, kernel: 4, stride: 2, pad: 1 }),
      conv2d({ filters: 128, kernel: 4, stride: 2, pad: 1 }),
      conv2d({ filters: 256, kernel: 4, stride: 2, pad: 1 }),
      conv2d({ filters: 512, kernel: 4, stride: 1, pad: 1 }),
      conv2d({ filters: 1, kernel: 4, stride: 1, pad: 1 }),
    );
    expectTypeOf<ReceptiveField<typeof patch70>>().toEqualTypeOf<70>();
    expect(receptiveField(patch70)).toBe(70);
  });

  it('skip keeps the grid; a down/up pair sees 6 pixels', () => {
    const pair = skip(serial(conv2d({ filters: 4, kernel: 4, stride: 2, pad: 1 }), convTranspose2d({ filters: 4, kernel: 4, stride: 2, pad: 1 })));
    expect(fieldOf(pair.sig)).toEqual({ size: 6, jump: 1 });
    // A transposed conv has a fractional jump: the type level says `number` rather than lie.
    expectTypeOf<ReceptiveField<typeof pair>>().toEqualTypeOf<number>();
    const x = shaped(tf.zeros([1, 8, 8, 4]), [1, 8, 8, 4]);
    expect(x.shape).toEqual([1, 8, 8, 4]);
    x.dispose();
  });
});
