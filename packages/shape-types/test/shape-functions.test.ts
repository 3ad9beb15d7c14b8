import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  assertShape,
  concatChannels,
  convField,
  convOutputSize,
  convTransposeOutputSize,
  IDENTITY_FIELD,
  shaped,
  type ConcatChannels,
  type ConvField,
  type ConvOutputSize,
  type ConvTransposeOutputSize,
  type ShapeFail,
  type ShapeOf,
} from '../src/index';

describe('shape functions', () => {
  it('type level and value level agree on literal cases', () => {
    expectTypeOf<ConvOutputSize<256, 4, 2, 1>>().toEqualTypeOf<128>();
    expectTypeOf<ConvOutputSize<31, 4, 1, 1>>().toEqualTypeOf<30>();
    expectTypeOf<ConvOutputSize<2048, 7, 3, 3>>().toEqualTypeOf<683>();
    expectTypeOf<ConvOutputSize<number, 4, 2, 1>>().toEqualTypeOf<number>();
    expectTypeOf<ConvOutputSize<2, 7, 1, 1>>().toEqualTypeOf<ShapeFail<'conv2d: kernel 7 larger than padded input 4'>>();
    expectTypeOf<ConvTransposeOutputSize<128, 4, 2, 1>>().toEqualTypeOf<256>();
    expectTypeOf<ConvTransposeOutputSize<1, 4, 2, 1>>().toEqualTypeOf<2>();
    expectTypeOf<ConcatChannels<512, 512>>().toEqualTypeOf<1024>();
    expectTypeOf<ConvField<ConvField<readonly [1, 1], 4, 2>, 4, 2>>().toEqualTypeOf<readonly [10, 4]>();
    expect(convOutputSize(2048, { kernel: 7, stride: 3, pad: 3 })).toEqual(E.right(683));
    expect(convTransposeOutputSize(1, { kernel: 4, stride: 2, pad: 1 })).toEqual(E.right(2));
    expect(concatChannels(512, 512)).toBe(1024);
    expect(convField(convField(IDENTITY_FIELD, 4, 2), 4, 2)).toEqual({ size: 10, jump: 4 });
  });

  it('conv then transposed conv with the same geometry restores every size divisible by the stride', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 4 }), (h0, s) => {
        const h = h0 * s;
        const k = 2 * s;
        const p = s / 2;
        fc.pre(Number.isInteger(p));
        const down = convOutputSize(h, { kernel: k, stride: s, pad: p });
        expect(E.isRight(down)).toBe(true);
        if (E.isRight(down)) expect(convTransposeOutputSize(down.right, { kernel: k, stride: s, pad: p })).toEqual(E.right(h));
      }),
      { seed: 3 },
    );
  });

  it('value-level conv output size matches the shape tfjs really computes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }), (h, k, s, p) => {
        const out = convOutputSize(h, { kernel: k, stride: s, pad: p });
        if (E.isLeft(out)) {
          expect(h + 2 * p).toBeLessThan(k);
          return;
        }
        const y = tf.tidy(() => tf.conv2d(tf.zeros([1, h, h, 1]) as tf.Tensor4D, tf.zeros([k, k, 1, 1]) as tf.Tensor4D, s, p));
        expect(y.shape).toEqual([1, out.right, out.right, 1]);
        y.dispose();
      }),
      { seed: 5, numRuns: 60 },
    );
  });
});

describe('assertShape', () => {
  it('returns the typed tensor, or an error naming every dim that disagrees', () => {
    const x = tf.zeros([2, 32, 32, 3]);
    const ok = assertShape(x, [null, 32, 32, 3] as const);
    expect(E.isRight(ok)).toBe(true);
    if (E.isRight(ok)) expectTypeOf<ShapeOf<typeof ok.right>>().toEqualTypeOf<readonly [number, 32, 32, 3]>();
    const bad = assertShape(x, [null, 64, 64, 3] as const, 'input');
    expect(E.isLeft(bad) && bad.left.message).toBe('input: height 64 ≠ 32, width 64 ≠ 32 (expected [*, 64, 64, 3], got [2, 32, 32, 3])');
    expect(E.isLeft(bad) && bad.left.mismatches.map((m) => m.name)).toEqual(['height', 'width']);
    expect(E.isLeft(assertShape(x, [2, 32, 32] as const))).toBe(true);
    expect(() => shaped(x, [1, 32, 32, 3])).toThrow('shaped: batch 1 ≠ 2');
    x.dispose();
  });
});
