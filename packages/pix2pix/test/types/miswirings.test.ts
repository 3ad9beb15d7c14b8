import { conv2d, key, skip, type ReceptiveField, type ShapeErrorOf } from '@pix2pix-ts/layers';
import { addNat, mulNat } from '@pix2pix-ts/shape-types';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { blockPath, encoderDecoder, innermostPath, patchGan, resnetBlock, resnetGenerator, unetBlock, unetInnermost, unetOutermost } from '../../src/index';
import { onBackend } from '../support/backends';

// Each mis-wiring below is a compile error whose exact text ShapeErrorOf asserts, and the same words at
// run time. Every `@ts-expect-error` is checked by `npm run typecheck` (tsc over test/).

describe('channel mis-wirings are compile errors at the block that is wrong', () => {
  beforeAll(() => onBackend('cpu'));

  it('U-Net: a sub-block giving 39 channels where the up conv reads 2·inner = 64', () => {
    // 32 channels in, concat with a 7-channel conv: 39, not the 64 the official upconv(inner_nc * 2) reads.
    const wrongSub = skip(conv2d({ inChannels: 32, filters: 7, kernel: 3, pad: 1 }));
    const block = unetBlock(16, 32, wrongSub, { name: 'down1' });
    expectTypeOf<ShapeErrorOf<typeof block, readonly [1, 32, 32, 16]>>().toEqualTypeOf<'down1.convTranspose2d: channels 39 ≠ 64 expected'>();
    // @ts-expect-error down1.convTranspose2d: channels 39 ≠ 64 expected
    expect(() => block.init(key(0), [1, 32, 32, 16])).toThrow('down1.convTranspose2d: channels 39 ≠ 64 expected');
    // Right: the innermost block gives 2·32.
    const good = unetBlock(16, 32, unetInnermost(32, 32), { name: 'down1' });
    expectTypeOf(good.init(key(0), [1, 32, 32, 16]).outputShape).toEqualTypeOf<readonly [1, 32, 32, 32]>();
  });

  it('U-Net: the outermost block reads input_nc channels when declared', () => {
    const g = unetOutermost(3, 8, unetInnermost(8, 8), 16, { inChannels: 1 });
    expectTypeOf<ShapeErrorOf<typeof g, readonly [1, 8, 8, 3]>>().toEqualTypeOf<'conv2d: channels 3 ≠ 1 expected'>();
    // @ts-expect-error conv2d: channels 3 ≠ 1 expected
    expect(() => g.init(key(0), [1, 8, 8, 3])).toThrow('conv2d: channels 3 ≠ 1 expected');
  });

  it('ResNet: a block of 64 channels after a layer giving 32', () => {
    const block = resnetBlock(64);
    expectTypeOf<ShapeErrorOf<typeof block, readonly [1, 16, 16, 32]>>().toEqualTypeOf<'conv2d: channels 32 ≠ 64 expected'>();
    // @ts-expect-error conv2d: channels 32 ≠ 64 expected
    expect(() => block.init(key(0), [1, 16, 16, 32])).toThrow('conv2d: channels 32 ≠ 64 expected');
  });

  it('ResNet generator: 254 is refused (it would come out 256), 256 is kept', () => {
    const g = resnetGenerator({ blocks: 6, ngf: 4, inChannels: 3, outChannels: 3 });
    expectTypeOf(g.init(key(0), [1, 32, 32, 3]).outputShape).toEqualTypeOf<readonly [1, 32, 32, 3]>();
    expectTypeOf<ShapeErrorOf<typeof g, readonly [1, 254, 254, 3]>>().toEqualTypeOf<'resnet: height 254 ≠ 256'>();
    // @ts-expect-error resnet: height 254 ≠ 256
    expect(() => g.init(key(0), [1, 254, 254, 3])).toThrow('resnet: height 254 ≠ 256');
    const n: number = 30;
    expect(() => g.init(key(0), [1, n, n, 3])).toThrow('resnet: height 30 ≠ 32');
  });

  it('PatchGAN: the conditional D reads input_nc + output_nc channels', () => {
    const d = patchGan({ nLayers: 3, ndf: 8, inChannels: addNat(3, 3) });
    expectTypeOf(d.init(key(0), [1, 64, 64, 6]).outputShape).toEqualTypeOf<readonly [1, 6, 6, 1]>();
    expectTypeOf<ShapeErrorOf<typeof d, readonly [1, 64, 64, 3]>>().toEqualTypeOf<'conv2d: channels 3 ≠ 6 expected'>();
    // @ts-expect-error conv2d: channels 3 ≠ 6 expected
    expect(() => d.init(key(0), [1, 64, 64, 3])).toThrow('conv2d: channels 3 ≠ 6 expected');
    expectTypeOf<ReceptiveField<typeof d>>().toEqualTypeOf<70>();
  });

  it('the no-skip ablation: a block path wired as if the block below concatenated', () => {
    // Without a skip the innermost path gives 64 channels; an up conv declared for 2·64 = 128 is wrong.
    const wrong = blockPath(32, 64, innermostPath(64, 64), mulNat(64, 2));
    expectTypeOf<ShapeErrorOf<typeof wrong, readonly [1, 16, 16, 32]>>().toEqualTypeOf<'convTranspose2d: channels 64 ≠ 128 expected'>();
    // @ts-expect-error convTranspose2d: channels 64 ≠ 128 expected
    expect(() => wrong.init(key(0), [1, 16, 16, 32])).toThrow('convTranspose2d: channels 64 ≠ 128 expected');
    const ed = encoderDecoder({ depth: 5, ngf: 4, inChannels: 3, outChannels: 3 });
    expectTypeOf(ed.init(key(0), [1, 32, 32, 3]).outputShape).toEqualTypeOf<readonly [1, 32, 32, 3]>();
    expectTypeOf<ShapeErrorOf<typeof ed, readonly [1, 32, 32, 1]>>().toEqualTypeOf<'encoderDecoder.conv2d: channels 1 ≠ 3 expected'>();
  });
});
