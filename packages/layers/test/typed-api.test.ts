import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { assertShape, type Shape, type Tensor } from '@pix2pix-ts/shape-types';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  batchNorm,
  conv2d,
  convTranspose2d,
  defineLayer,
  key,
  pad2d,
  relu,
  residual,
  serial,
  shaped,
  skip,
  type OutputShape,
  type ParamsOf,
  type ShapeErrorOf,
  type Sig,
  type StateOf,
} from '../src/index';
import { onBackend } from './support/backends';

// Every expectTypeOf and `@ts-expect-error` here is checked by `npm run typecheck` (tsc over test/); each
// `@ts-expect-error` names (part of) the message tsc prints there, checked by test/expect-error-messages.test.ts,
// and ShapeErrorOf asserts the shape errors' exact text.

describe('typed parameters: init and apply are one contract', () => {
  beforeAll(() => onBackend('cpu'));

  it('a conv declares and checks its input channels; its params are typed from the signature', () => {
    const c = conv2d({ inChannels: 3, filters: 8, kernel: 4, stride: 2, pad: 1 });
    const { params, state, inputShape, outputShape } = c.init(key(0), [1, 16, 16, 3]);
    expectTypeOf(params.kernel).toEqualTypeOf<Tensor<readonly [4, 4, 3, 8]>>();
    expectTypeOf(params.bias).toEqualTypeOf<Tensor<readonly [8]> | undefined>();
    expectTypeOf(inputShape).toEqualTypeOf<readonly [1, 16, 16, 3]>();
    expectTypeOf(outputShape).toEqualTypeOf<readonly [1, 8, 8, 8]>();
    expect(params.kernel.shape).toEqual([4, 4, 3, 8]);
    expectTypeOf<ShapeErrorOf<typeof c, readonly [1, 16, 16, 4]>>().toEqualTypeOf<'conv2d: channels 4 ≠ 3 expected'>();
    // @ts-expect-error conv2d: channels 4 ≠ 3 expected
    expect(() => c.init(key(0), [1, 16, 16, 4])).toThrow('conv2d: channels 4 ≠ 3 expected');
    const x = shaped(tf.zeros([2, 16, 16, 3]), [2, 16, 16, 3]);
    expect(c.apply(params, state, x, { training: false }).y.shape).toEqual([2, 8, 8, 8]); // another batch size: fine
    tf.dispose([x, params.kernel, params.bias ?? []]);
  });

  it('params made for 3 channels do not fit an input of 4 (no declared count needed): init/apply mismatch', () => {
    const c = conv2d({ filters: 8, kernel: 3, pad: 1 });
    const three = c.init(key(0), [1, 8, 8, 3]);
    const four = shaped(tf.zeros([1, 8, 8, 4]), [1, 8, 8, 4]);
    // The kernel Tensor<[3, 3, 3, 8]> is not the Tensor<[3, 3, 4, 8]> an input of 4 channels needs:
    // @ts-expect-error Argument of type 'ConvParams<3, 3, 8>' is not assignable to parameter of type 'ConvParams<3, 4, 8>'
    expect(() => c.apply(three.params, three.state, four, { training: false })).toThrow();
    expectTypeOf<ParamsOf<typeof c.sig, readonly [1, 8, 8, 4]>['kernel']>().toEqualTypeOf<Tensor<readonly [3, 3, 4, 8]>>();
    tf.dispose([four, three.params.kernel, three.params.bias ?? []]);
  });

  it('params of another layer do not compile', () => {
    const bn = batchNorm({ channels: 8 });
    const c = conv2d({ filters: 8, kernel: 3, pad: 1 });
    const bnVars = bn.init(key(0), [1, 4, 4, 8]);
    expectTypeOf(bnVars.params.gamma).toEqualTypeOf<Tensor<readonly [8]>>();
    expectTypeOf(bnVars.state.variance).toEqualTypeOf<Tensor<readonly [8]>>();
    expectTypeOf<StateOf<typeof bn.sig, readonly [1, 4, 4, 8]>>().toEqualTypeOf<{ readonly mean: Tensor<readonly [8]>; readonly variance: Tensor<readonly [8]> }>();
    const x = shaped(tf.zeros([1, 4, 4, 8]), [1, 4, 4, 8]);
    // A batch norm's params ({ gamma, beta }) where a conv's are wanted:
    // @ts-expect-error Property 'kernel' is missing in type 'BatchNormParamsOf<readonly [1, 4, 4, 8], 8>' but required in type 'ConvParams<3, 8, 8>'
    expect(() => c.apply(bnVars.params, {}, x, { training: false })).toThrow();
    tf.dispose([x, bnVars.params.gamma, bnVars.params.beta, bnVars.state.mean, bnVars.state.variance]);
  });

  it('a plain tf.Tensor is refused where a shaped one is wanted: the brand says assertShape / shaped', () => {
    const r = relu();
    const raw = tf.zeros([1, 2, 2, 3]);
    // @ts-expect-error Property '[shapeUnknown_useAssertShapeOrShaped]' is missing in type 'Tensor<Rank>'
    r.apply({}, {}, raw, { training: false }).y.dispose();
    const typed = pipe(
      assertShape(raw, [1, 2, 2, 3] as const, 'input'),
      E.map((t) => r.apply({}, {}, t, { training: false }).y),
    );
    expect(E.isRight(typed) && typed.right.shape).toEqual([1, 2, 2, 3]);
    if (E.isRight(typed)) typed.right.dispose();
    raw.dispose();
  });
});

describe('errors at the mistake, in words', () => {
  beforeAll(() => onBackend('cpu'));

  it('names the axis of a kernel that does not fit', () => {
    const c = conv2d({ filters: 1, kernel: 4, stride: 2, pad: 1 });
    expectTypeOf<ShapeErrorOf<typeof c, readonly [1, 8, 1, 3]>>().toEqualTypeOf<'conv2d: kernel 4 larger than padded width 3'>();
    // @ts-expect-error conv2d: kernel 4 larger than padded width 3
    expect(() => c.init(key(0), [1, 8, 1, 3])).toThrow('conv2d: kernel 4 larger than padded width 3');
  });

  it('a bad literal says what is wrong (compile time where the layer meets its input; run time at once)', () => {
    // The options are checked when the layer is built (run time) and where it meets an input (compile time).
    expect(() => conv2d({ filters: 64.5, kernel: 4 })).toThrow('conv2d: filters 64.5 is not a natural number');
    expect(() => conv2d({ filters: -64, kernel: 4 })).toThrow('conv2d: filters -64 is not a natural number');
    expect(() => conv2d({ filters: 64, kernel: 4, stride: 0 })).toThrow('conv2d: stride 0 must be at least 1');
    expect(() => convTranspose2d({ filters: 8, kernel: 4, pad: 0.5 })).toThrow('convTranspose2d: pad 0.5 is not a natural number');
    type Fractional = ReturnType<typeof conv2d<64.5, 4, 1, 0>>;
    type ZeroStride = ReturnType<typeof conv2d<64, 4, 0, 0>>;
    type Negative = ReturnType<typeof conv2d<-64, 4, 1, 0>>;
    expectTypeOf<ShapeErrorOf<Fractional, readonly [1, 8, 8, 3]>>().toEqualTypeOf<'conv2d: filters 64.5 is not a natural number'>();
    expectTypeOf<ShapeErrorOf<ZeroStride, readonly [1, 8, 8, 3]>>().toEqualTypeOf<'conv2d: stride 0 must be at least 1'>();
    expectTypeOf<ShapeErrorOf<Negative, readonly [1, 8, 8, 3]>>().toEqualTypeOf<'conv2d: filters -64 is not a natural number'>();
  });

  it('refuses fractional, negative and NaN dims at the boundary (init, assertShape), with the axis', () => {
    const r = relu();
    expectTypeOf<ShapeErrorOf<typeof r, readonly [1, 64.5, 64, 3]>>().toEqualTypeOf<'init: height 64.5 is not a natural number'>();
    // @ts-expect-error init: height 64.5 is not a natural number
    expect(() => r.init(key(0), [1, 64.5, 64, 3])).toThrow('init: height 64.5 is not a natural number');
    expect(() => r.init(key(0), [1, 64, Number.NaN, 3])).toThrow('init: width NaN is not a natural number');
    // @ts-expect-error init: batch -1 is not a natural number
    expect(() => r.init(key(0), [-1, 64, 64, 3])).toThrow('init: batch -1 is not a natural number');
    const x = tf.zeros([1, 2, 2, 3]);
    const bad = assertShape(x, [1, 2, 2.5, 3] as const, 'input');
    expect(E.isLeft(bad) && bad.left.message).toBe('input: width 2.5 is not a natural number');
    x.dispose();
  });

  it('a residual whose inner changes the channels names them', () => {
    const block = residual(serial(pad2d(1), conv2d({ filters: 8, kernel: 3 })));
    expectTypeOf<ShapeErrorOf<typeof block, readonly [1, 16, 16, 16]>>().toEqualTypeOf<'residual: channels 16 ≠ 8'>();
    // @ts-expect-error residual: channels 16 ≠ 8
    expect(() => block.init(key(0), [1, 16, 16, 16])).toThrow('residual: channels 16 ≠ 8');
  });
});

describe('open signatures and skip paths', () => {
  beforeAll(() => onBackend('cpu'));

  it('a skip through a 1x1 conv: concat([path(x), inner(x)]), params { path, inner }', () => {
    const inner = serial(conv2d({ inChannels: 8, filters: 16, kernel: 4, stride: 2, pad: 1 }), convTranspose2d({ inChannels: 16, filters: 8, kernel: 4, stride: 2, pad: 1 }));
    const block = skip(inner, { path: conv2d({ inChannels: 8, filters: 4, kernel: 1 }), name: 'level1' });
    const { params, state, outputShape } = block.init(key(0), [1, 32, 32, 8]);
    expectTypeOf(outputShape).toEqualTypeOf<readonly [1, 32, 32, 12]>();
    expectTypeOf(params.path.kernel).toEqualTypeOf<Tensor<readonly [1, 1, 8, 4]>>();
    expectTypeOf(params.inner[1].kernel).toEqualTypeOf<Tensor<readonly [4, 4, 8, 16]>>();
    const x = shaped(tf.randomNormal([1, 32, 32, 8], 0, 1, 'float32', 1), [1, 32, 32, 8]);
    const { y } = block.apply(params, state, x, { training: false });
    expect(y.shape).toEqual([1, 32, 32, 12]);
    const direct = tf.conv2d(x as tf.Tensor4D, params.path.kernel as tf.Tensor4D, 1, 0);
    const pathPart = tf.slice(y, [0, 0, 0, 0], [1, 32, 32, 4]);
    const withBias = params.path.bias === undefined ? direct : tf.add(direct, params.path.bias);
    expect(tf.max(tf.abs(tf.sub(pathPart, withBias))).dataSync()[0]).toBeLessThan(1e-5);
    expectTypeOf<ShapeErrorOf<typeof block, readonly [1, 32, 32, 7]>>().toEqualTypeOf<'level1.conv2d: channels 7 ≠ 8 expected'>();
    tf.dispose([x, y, direct, pathPart, withBias]);
  });

  it("a user's combinator declares its own signature without editing the library", () => {
    /** `x -> [x, x]` on channels: a user's layer with its own type lambda and run-time rule. */
    interface TwiceSig extends Sig {
      readonly op: 'twice';
      readonly '~out'?: this['~in'] extends readonly [infer N, infer H, infer W, infer C extends number] ? readonly [N, H, W, Twice<C>] : never;
      readonly '~params'?: Record<string, never>;
      readonly '~state'?: Record<string, never>;
      readonly '~field'?: readonly [1, 1];
    }
    type Twice<C extends number> = import('@pix2pix-ts/shape-types').Add<C, C>;
    const sig: TwiceSig = {
      op: 'twice',
      field: { size: 1, jump: 1 },
      outputShape: (s: Shape) => E.right([s[0] ?? 0, s[1] ?? 0, s[2] ?? 0, 2 * (s[3] ?? 0)]),
    };
    const twice = defineLayer<TwiceSig, Record<string, never>, Record<string, never>>('twice', sig, {
      init: () => ({ params: {}, state: {} }),
      apply: (_p, state, x) => ({ y: tf.concat([x, x], 3), state }),
    });
    // It composes with the library's layers, and declared channels downstream check its output.
    const net = serial(twice, conv2d({ inChannels: 6, filters: 2, kernel: 1 }));
    expectTypeOf<OutputShape<typeof twice.sig, readonly [1, 4, 4, 3]>>().toEqualTypeOf<readonly [1, 4, 4, 6]>();
    expectTypeOf(net.init(key(0), [1, 4, 4, 3]).outputShape).toEqualTypeOf<readonly [1, 4, 4, 2]>();
    expectTypeOf<ShapeErrorOf<typeof net, readonly [1, 4, 4, 4]>>().toEqualTypeOf<'conv2d: channels 8 ≠ 6 expected'>();
    // @ts-expect-error conv2d: channels 8 ≠ 6 expected
    expect(() => net.init(key(0), [1, 4, 4, 4])).toThrow('conv2d: channels 8 ≠ 6 expected');
  });
});
