// The paper's nets, typed end to end: unet_256 and the 70x70 PatchGAN with their channels declared as the
// official constructors declare them. Their type-check time is measured on the same nets in
// `timing/paper-nets.ts` (`npm run typecheck:time -w @pix2pix-ts/pix2pix`).
import * as tf from '@tensorflow/tfjs-core';
import { key, shaped, type Initialized, type ShapeErrorOf, type SigOf } from '@pix2pix-ts/layers';
import type { Tensor } from '@pix2pix-ts/shape-types';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { patchGan, unetGenerator } from '../../src/index';
import { onBackend } from '../support/backends';

const g = unetGenerator({ depth: 8, ngf: 64, inChannels: 3, outChannels: 3 });
const d = patchGan({ nLayers: 3, ndf: 64, inChannels: 6 });

/** One typed forward pass of both nets: checked by the compiler, run below on small instances. */
function forward(a: Tensor<readonly [1, 256, 256, 3]>) {
  const gm = g.init(key(0), [1, 256, 256, 3]);
  const dm = d.init(key(1), [1, 256, 256, 6]);
  const { y } = g.apply(gm.params, gm.state, a, { training: false, dropout: false });
  const pair = shaped(tf.concat([a, y], 3), [1, 256, 256, 6]);
  return d.apply(dm.params, dm.state, pair, { training: false }).y;
}

describe('unet_256 and the 70x70 PatchGAN, typed', () => {
  beforeAll(() => onBackend('cpu'));

  it('init gives typed params and the output shape; apply takes them and a shaped input', () => {
    type GM = Initialized<SigOf<typeof g>, readonly [1, 256, 256, 3]>;
    type DM = Initialized<SigOf<typeof d>, readonly [1, 256, 256, 6]>;
    expectTypeOf<GM['outputShape']>().toEqualTypeOf<readonly [1, 256, 256, 3]>();
    expectTypeOf<GM['params'][0]['kernel']>().toEqualTypeOf<Tensor<readonly [4, 4, 3, 64]>>();
    expectTypeOf<DM['outputShape']>().toEqualTypeOf<readonly [1, 30, 30, 1]>();
    expectTypeOf<DM['params'][0]['kernel']>().toEqualTypeOf<Tensor<readonly [4, 4, 6, 64]>>();
    expectTypeOf(forward).returns.toEqualTypeOf<Tensor<readonly [1, 30, 30, 1]>>();
    // The same structure at run time, small (ngf 2, ndf 2) so the test stays quick.
    const small = unetGenerator({ depth: 8, ngf: 2, inChannels: 3, outChannels: 3 });
    const gm = small.init(key(0), [1, 256, 256, 3]);
    const x = shaped(tf.zeros([1, 256, 256, 3]), [1, 256, 256, 3]);
    const { y } = small.apply(gm.params, gm.state, x, { training: false, dropout: false });
    expect(y.shape).toEqual([1, 256, 256, 3]);
    tf.dispose([x, y]);
  });

  it('refuses what the official constructors refuse, with the block path', () => {
    expectTypeOf<ShapeErrorOf<typeof g, readonly [1, 288, 288, 3]>>().toEqualTypeOf<'unet.down1.down2.down3.down4.down5.skip: height 9 ≠ 8'>();
    expectTypeOf<ShapeErrorOf<typeof g, readonly [1, 256, 256, 4]>>().toEqualTypeOf<'unet.conv2d: channels 4 ≠ 3 expected'>();
    // The conditional D reads input_nc + output_nc = 6 channels: the output alone (3) is refused.
    expectTypeOf<ShapeErrorOf<typeof d, readonly [1, 256, 256, 3]>>().toEqualTypeOf<'conv2d: channels 3 ≠ 6 expected'>();
    // @ts-expect-error unet.conv2d: channels 4 ≠ 3 expected
    expect(() => g.init(key(0), [1, 256, 256, 4])).toThrow('unet.conv2d: channels 4 ≠ 3 expected');
    // @ts-expect-error conv2d: channels 3 ≠ 6 expected
    expect(() => d.init(key(0), [1, 256, 256, 3])).toThrow('conv2d: channels 3 ≠ 6 expected');
    const n: number = 288;
    expect(() => g.init(key(0), [1, n, n, 3])).toThrow('unet.down1.down2.down3.down4.down5.skip: height 9 ≠ 8');
  });
});
