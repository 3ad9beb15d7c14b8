import { flattenTree, key } from '@pix2pix-ts/layers';
import { buildNets, disposeState, initTrainState, objectiveOf, PAPER_OBJECTIVE, PAPER_OBJECTIVE_SPEC, patchGanOf, unetGeneratorOf } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as E from 'fp-ts/Either';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeWith, TrainerConfig } from '../src/index';

const TINY = { netG: 'unet_32', netD: 'basic', nLayersD: 3, ngf: 4, ndf: 4, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 } as const;

describe('the trainer page builds what pix2pix builds from the one model spec', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('a model spec builds the same networks as pix2pix directly (same tensor paths, shapes and initial values)', () => {
    const ours = initTrainState(buildNets({ ...TINY, netG: 'unet_64', netD: 'n_layers', nLayersD: 2 }), key(0), [1, 64, 64, 3], 3);
    const direct = initTrainState({ generator: unetGeneratorOf({ depth: 6, ngf: 4, outChannels: 3 }), discriminator: patchGanOf({ nLayers: 2, ndf: 4 }) }, key(0), [1, 64, 64, 3], 3);
    const describe = (s: typeof ours) => [s.g.params, s.g.state, s.d.params, s.d.state].map((t) => flattenTree(t).map(([p, x]) => `${p}:${x.shape.join('x')}`));
    expect(describe(ours)).toEqual(describe(direct));
    expect(Array.from(flattenTree(ours.g.params)[0]?.[1].dataSync() ?? [])).toEqual(Array.from(flattenTree(direct.g.params)[0]?.[1].dataSync() ?? []));
    disposeState(ours);
    disposeState(direct);
  });

  it('decodes a trainer config at the boundary, naming what is wrong', () => {
    const decode = decodeWith(TrainerConfig, 'trainer config');
    expect(E.isRight(decode({ model: TINY, inputShape: [1, 32, 32, 3], seed: 0 }))).toBe(true);
    expect(E.isRight(decode({ model: { ...TINY, netG: 'encoder_decoder_32', netDInput: 'unconditional' }, inputShape: [1, 32, 32, 3], seed: 0, objective: { ...PAPER_OBJECTIVE_SPEC, lambdaL1: 0 } }))).toBe(true);
    const bad = decode({ model: { ...TINY, netG: 'unet_100' }, inputShape: [1, 32, 32], seed: 0 });
    expect(E.isLeft(bad) && bad.left.message).toMatch(/trainer config: .*netG/);
    expect(E.isLeft(decode({ model: { ...TINY, netDInput: 'sideways' }, inputShape: [1, 32, 32, 3], seed: 0 }))).toBe(true);
    expect(objectiveOf(PAPER_OBJECTIVE_SPEC)).toEqual(PAPER_OBJECTIVE);
  });

  it('an unconditional D from the spec reads the output channels only', () => {
    const state = initTrainState(buildNets({ ...TINY, netDInput: 'unconditional' }), key(0), [1, 32, 32, 3], 3);
    expect(flattenTree(state.d.params)[0]?.[1].shape[2]).toBe(3);
    disposeState(state);
  });
});
