import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  addNat,
  assertShape,
  convOutputSize,
  mulNat,
  naturalDims,
  requireNat,
  type ConvOutputSize,
  type NatArg,
  type NaturalDims,
  type PositiveArg,
  type ShapeFail,
} from '../src/index';

describe('sizes that cannot be sizes are refused, with the axis named', () => {
  it('at the type level: fractional, negative, zero where at least 1 is needed', () => {
    expectTypeOf<NatArg<'conv2d', 'filters', 64.5>>().toEqualTypeOf<'conv2d: filters 64.5 is not a natural number'>();
    expectTypeOf<NatArg<'conv2d', 'filters', -64>>().toEqualTypeOf<'conv2d: filters -64 is not a natural number'>();
    expectTypeOf<NatArg<'conv2d', 'filters', 64>>().toEqualTypeOf<never>();
    expectTypeOf<NatArg<'conv2d', 'filters', number>>().toEqualTypeOf<never>();
    expectTypeOf<PositiveArg<'conv2d', 'stride', 0>>().toEqualTypeOf<'conv2d: stride 0 must be at least 1'>();
    expectTypeOf<NaturalDims<'init', readonly [1, 64.5, 64, 3]>>().toEqualTypeOf<ShapeFail<'init: height 64.5 is not a natural number'>>();
    expectTypeOf<NaturalDims<'init', readonly [number, 64, 64, 3]>>().toEqualTypeOf<unknown>();
    expectTypeOf<ConvOutputSize<1, 4, 2, 1, 'width'>>().toEqualTypeOf<ShapeFail<'conv2d: kernel 4 larger than padded width 3'>>();
    expect(true).toBe(true);
  });

  it('at run time: the same words; NaN and Infinity too', () => {
    expect(E.isLeft(naturalDims('init', [1, 64.5, 64, 3])) && naturalDims('init', [1, 64.5, 64, 3])).toMatchObject({ left: { message: 'init: height 64.5 is not a natural number' } });
    expect(naturalDims('init', [1, 64, Number.NaN, 3])).toMatchObject({ left: { message: 'init: width NaN is not a natural number' } });
    expect(naturalDims('init', [Number.POSITIVE_INFINITY, 1])).toMatchObject({ left: { message: 'init: axis 0 Infinity is not a natural number' } });
    expect(E.isRight(naturalDims('init', [null, 64, 64, 3]))).toBe(true);
    expect(() => requireNat('conv2d', 'stride', 0, true)).toThrow('conv2d: stride 0 must be at least 1');
    expect(convOutputSize(1, { kernel: 4, stride: 2, pad: 1 }, 'width')).toMatchObject({ left: { message: 'conv2d: kernel 4 larger than padded width 3' } });
    const x = tf.zeros([1, 2, 2, 3]);
    expect(assertShape(x, [1, 2, -2, 3] as const, 'input')).toMatchObject({ left: { message: 'input: width -2 is not a natural number' } });
    x.dispose();
  });

  it('mulNat and addNat are * and + on naturals, typed as Mul and Add', () => {
    expectTypeOf(mulNat(64, 8)).toEqualTypeOf<512>();
    expectTypeOf(addNat(3, 3)).toEqualTypeOf<6>();
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), (a, b) => mulNat(a, b) === a * b && addNat(a, b) === a + b),
      { seed: 3 },
    );
  });
});
