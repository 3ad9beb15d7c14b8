import { key, type ReceptiveField } from '@pix2pix-ts/layers';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { patchGan, unetGenerator } from '../src/index';

// The paper's networks, declared with literal sizes: the compiler computes every intermediate shape.
// Their type-check time: `npm run typecheck:time -w @pix2pix-ts/pix2pix` (test/types/timing/).
export const unet_256 = unetGenerator({ depth: 8, ngf: 64, outChannels: 3, norm: 'batch', dropout: true });
export const patchGan70 = patchGan({ nLayers: 3, ndf: 64, norm: 'batch' });

type GeneratorOut = ReturnType<typeof unet_256.init<readonly [1, 256, 256, 3]>>['outputShape'];
type DiscriminatorOut = ReturnType<typeof patchGan70.init<readonly [1, 256, 256, 6]>>['outputShape'];

describe('the paper\'s networks at type level', () => {
  it('unet_256 maps 256x256x3 to 256x256x3; the 70x70 PatchGAN gives 30x30 logits and a field of 70', () => {
    expectTypeOf<GeneratorOut>().toEqualTypeOf<readonly [1, 256, 256, 3]>();
    expectTypeOf<DiscriminatorOut>().toEqualTypeOf<readonly [1, 30, 30, 1]>();
    expectTypeOf<ReceptiveField<typeof patchGan70>>().toEqualTypeOf<70>();
    expect(unet_256.sig).toMatchObject({ op: 'named', name: 'unet' }); // its errors read 'unet.down1…'
    expect(key(0)).toHaveLength(2);
  });
});
