import * as tf from '@tensorflow/tfjs-core';
import { countParams, disposeTree, key, receptiveField, type ReceptiveField } from '@pix2pix-ts/layers';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { patchGan16, patchGan286, patchGan70, patchGanOf, pixelGan, resnetGeneratorOf, unet128, unet256, unetGenerator } from '../src/index';
import { onBackend } from './support/backends';

describe('models', () => {
  beforeAll(() => onBackend('cpu'));

  it('preset types carry their receptive fields as literals', () => {
    expectTypeOf<ReceptiveField<ReturnType<typeof pixelGan>>>().toEqualTypeOf<1>();
    expectTypeOf<ReceptiveField<ReturnType<typeof patchGan16>>>().toEqualTypeOf<16>();
    expectTypeOf<ReceptiveField<ReturnType<typeof patchGan70>>>().toEqualTypeOf<70>();
    expectTypeOf<ReceptiveField<ReturnType<typeof patchGan286>>>().toEqualTypeOf<286>();
    expect([0, 1, 3, 5].map((n) => receptiveField(patchGanOf({ nLayers: n, ndf: 8 })))).toEqual([1, 16, 70, 286]);
  });

  it.each([
    [0, 1],
    [1, 16],
    [3, 70],
  ])('PatchGAN n_layers=%i: the empirical field (gradient support of one patch) is %i', (nLayers, field) => {
    const d = patchGanOf({ nLayers, ndf: 4 });
    const size = 96;
    const { params, state } = d.init(key(0), [1, size, size, 2]);
    const g = tf.tidy(() => {
      const x = tf.randomUniform([1, size, size, 2], -1, 1, 'float32', 3);
      const grad = tf.grad((xx: tf.Tensor) => {
        // Eval mode: batch norm is a per-pixel affine map, so the field is the convolutions'.
        const y = d.apply(params, state, xx as never, { training: false }).y;
        const o = Math.floor((y.shape[1] ?? 0) / 2);
        return tf.sum(tf.slice(y, [0, o, o, 0], [1, 1, 1, 1]));
      })(x);
      return tf.squeeze(tf.sum(tf.abs(grad), [0, 3]));
    });
    const rows = (g.arraySync() as number[][]).map((r) => r.some((v) => v !== 0));
    expect(rows.lastIndexOf(true) - rows.indexOf(true) + 1).toBe(field);
    g.dispose();
    disposeTree(params);
    disposeTree(state);
  });

  it('unet256 and the 70x70 PatchGAN have the paper\'s parameter counts', () => {
    const g = unet256();
    const gInit = g.init(key(0), [1, 256, 256, 3]);
    expectTypeOf(gInit.outputShape).toEqualTypeOf<readonly [1, 256, 256, 3]>();
    const gCount = countParams(gInit.params);
    disposeTree(gInit.params);
    disposeTree(gInit.state);
    const d = patchGan70();
    const dInit = d.init(key(1), [1, 256, 256, 6]);
    expectTypeOf(dInit.outputShape).toEqualTypeOf<readonly [1, 30, 30, 1]>();
    const dCount = countParams(dInit.params);
    disposeTree(dInit.params);
    disposeTree(dInit.state);
    console.log(`unet256: ${gCount} params; 70x70 PatchGAN: ${dCount} params`);
    // The official code prints 54.414 M and 2.769 M; the paper rounds to 54.4M and 2.77M.
    expect(gCount).toBe(54_413_955);
    expect(dCount).toBe(2_768_705);
  });

  it('a size that does not halve 8 times is a compile error, and the same words at run time', () => {
    const g = unet256(8);
    // 288 halves to 9 then 4: the decoder brings back 8, which cannot be concatenated with 9.
    // @ts-expect-error skip: height 9 ≠ 8
    expect(() => g.init(key(0), [1, 288, 288, 3])).toThrow('skip: height 9 ≠ 8');
    const n: number = 288;
    expect(() => g.init(key(0), [1, n, n, 3])).toThrow('skip: height 9 ≠ 8');
    // 200 reaches 1x1 after 7 halvings; the 8th conv has nothing to slide over.
    // @ts-expect-error conv2d: kernel 4 larger than padded height 3
    expect(() => g.init(key(0), [1, 200, 200, 3])).toThrow('conv2d: kernel 4 larger than padded height 3');
    const g128 = unet128(8);
    expectTypeOf(g128.init(key(0), [1, 128, 128, 3]).outputShape).toEqualTypeOf<readonly [1, 128, 128, 3]>();
  });

  it('ResNet generator keeps the image size; U-Net with instance norm has biases', () => {
    const r = resnetGeneratorOf({ blocks: 2, ngf: 4, outChannels: 3 });
    const init = r.init(key(0), [1, 32, 32, 3]);
    expect(init.outputShape).toEqual([1, 32, 32, 3]);
    const x = tf.randomUniform([1, 32, 32, 3], -1, 1, 'float32', 1);
    const { y } = r.apply(init.params, init.state, x as never, { training: false, dropout: false });
    expect(y.shape).toEqual([1, 32, 32, 3]);
    tf.dispose([x, y]);
    disposeTree(init.params);
    disposeTree(init.state);
    const u = unetGenerator({ depth: 5, ngf: 4, outChannels: 3, norm: 'instance' }).init(key(0), [1, 32, 32, 3]);
    expect(countParams(u.params)).toBeGreaterThan(0);
    disposeTree(u.params);
  });
});
