import { flattenTree, key } from '@pix2pix-ts/layers';
import { buildNets, disposeState, initTrainState, patchGanOf, unetGeneratorOf } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { CONFIGS } from '../src/configs';
import { modelSpecOf } from '../src/measure';

describe('the bench builds its networks from the one model spec', () => {
  it.each(CONFIGS.map((c) => [c.id, c] as const))('config %s: the same tensors as the networks it used to build by hand', async (_, config) => {
    await tf.setBackend('cpu');
    // Shapes only: a tiny input of the same depth gives the same parameter tree.
    const size = 2 ** config.depth;
    const shape = [1, size, size, 3] as const;
    const fromSpec = initTrainState(buildNets({ ...modelSpecOf(config), ngf: 1, ndf: 1 }), key(0), shape, 3);
    const byHand = initTrainState({ generator: unetGeneratorOf({ depth: config.depth, ngf: 1, outChannels: 3 }), discriminator: patchGanOf({ nLayers: config.nLayers, ndf: 1 }) }, key(0), shape, 3);
    const paths = (s: typeof fromSpec) => [s.g.params, s.g.state, s.d.params, s.d.state].map((t) => flattenTree(t).map(([p, x]) => `${p}:${x.shape.join('x')}`));
    expect(paths(fromSpec)).toEqual(paths(byHand));
    expect(modelSpecOf(config)).toMatchObject({ netG: `unet_${size}`, ngf: config.ngf, ndf: config.ndf, nLayersD: config.nLayers });
    disposeState(fromSpec);
    disposeState(byHand);
  });
});
