import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { conv2d, convTranspose2d, key, leaves, relu, serial, shaped, skip, type ConvSig, type OutputShape } from '../src/index';
import { onBackend } from './support/backends';

// These lines are checked by `npm run typecheck` (tsc over test/): each @ts-expect-error must see an error, and
// test/expect-error-messages.test.ts checks that it is the error its text names.
const down = conv2d({ filters: 16, kernel: 4, stride: 2, pad: 1 });
const up = convTranspose2d({ filters: 8, kernel: 4, stride: 2, pad: 1 });
/** Two downs, one up: the inner output is half the size of its input. */
const halving = serial(down, conv2d({ filters: 16, kernel: 4, stride: 2, pad: 1 }), relu(), up);
/** Mis-wired: a skip around it concatenates 64x64 with 32x32. */
const miswired = skip(halving);

describe('compile-time shapes', () => {
  beforeAll(() => onBackend('cpu'));

  it('computes output shapes of literal inputs', () => {
    const good = skip(serial(down, relu(), up));
    const { outputShape } = good.init(key(0), [1, 64, 64, 8]);
    expectTypeOf(outputShape).toEqualTypeOf<readonly [1, 64, 64, 16]>();
    expectTypeOf<OutputShape<ConvSig<4, 2, 1, 64>, readonly [1, 256, 256, 3]>>().toEqualTypeOf<readonly [1, 128, 128, 64]>();
    // A batch size known only at run time stays `number`.
    const n: number = 2;
    const { outputShape: o2 } = good.init(key(0), [n, 64, 64, 8]);
    expectTypeOf(o2).toEqualTypeOf<readonly [number, 64, 64, 16]>();
  });

  it('a mis-wired skip does not compile, and fails at run time with the same words', () => {
    // @ts-expect-error skip: height 64 ≠ 32
    expect(() => miswired.init(key(0), [1, 64, 64, 8])).toThrow('skip: height 64 ≠ 32');
    const x = shaped(tf.zeros([1, 64, 64, 8]), [1, 64, 64, 8]);
    // The skip's params are its inner path's, so real ones of the right type come from the path alone:
    // the input is then what the compiler refuses.
    const { params, state } = halving.init(key(0), [1, 64, 64, 8]);
    // @ts-expect-error skip: height 64 ≠ 32
    expect(() => miswired.apply(params, state, x, { training: false })).toThrow('skip: height 64 ≠ 32');
    tf.dispose([x, ...leaves(params)]);
  });

  it('a kernel larger than its padded input does not compile', () => {
    const big = conv2d({ filters: 1, kernel: 7 });
    // @ts-expect-error conv2d: kernel 7 larger than padded height 5
    expect(() => big.init(key(0), [1, 5, 5, 1])).toThrow('conv2d: kernel 7 larger than padded height 5');
  });
});
