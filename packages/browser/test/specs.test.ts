import { flattenTree, key } from '@pix2pix-ts/layers';
import { disposeState, initTrainState, patchGan, unetGenerator } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as E from 'fp-ts/Either';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeWith, netsFromSpec, netsSpecFromOptions, objectiveFromSpec, parseOfficialNetG, TrainerConfig } from '../src/index';

describe('specs: the networks and objective as data', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('parses official netG names', () => {
    expect(parseOfficialNetG('unet_256')).toEqual({ kind: 'unet', depth: 8 });
    expect(parseOfficialNetG('unet_64')).toEqual({ kind: 'unet', depth: 6 });
    expect(parseOfficialNetG('resnet_6blocks')).toEqual({ kind: 'resnet', blocks: 6 });
    expect(parseOfficialNetG('unet_100')).toBeUndefined();
    expect(parseOfficialNetG('unet_16')).toBeUndefined();
  });

  it('official model options build the same networks as pix2pix directly (same tensor paths and shapes)', () => {
    const spec = netsSpecFromOptions({ netG: 'unet_64', netD: 'n_layers', nLayersD: 2, ngf: 4, ndf: 4, norm: 'batch', dropout: true, outputNc: 3 });
    if (E.isLeft(spec)) throw spec.left;
    const ours = initTrainState(netsFromSpec(spec.right), key(0), [1, 64, 64, 3], 3);
    const direct = initTrainState({ generator: unetGenerator({ depth: 6, ngf: 4, outChannels: 3 }), discriminator: patchGan({ nLayers: 2, ndf: 4 }) }, key(0), [1, 64, 64, 3], 3);
    const describe = (s: typeof ours) => [s.g.params, s.g.state, s.d.params, s.d.state].map((t) => flattenTree(t).map(([p, x]) => `${p}:${x.shape.join('x')}`));
    expect(describe(ours)).toEqual(describe(direct));
    // Same seed, same initial values (initialisation draws from tfjs-core's seeded generators).
    expect(Array.from(flattenTree(ours.g.params)[0]?.[1].dataSync() ?? [])).toEqual(Array.from(flattenTree(direct.g.params)[0]?.[1].dataSync() ?? []));
    disposeState(ours);
    disposeState(direct);
    expect(E.isLeft(netsSpecFromOptions({ netG: 'unet_100', netD: 'basic', nLayersD: 3, ngf: 4, ndf: 4, norm: 'batch', dropout: true, outputNc: 3 }))).toBe(true);
    expect(E.isLeft(netsSpecFromOptions({ netG: 'unet_64', netD: 'huge', nLayersD: 3, ngf: 4, ndf: 4, norm: 'batch', dropout: true, outputNc: 3 }))).toBe(true);
  });

  it('decodes a trainer config at the boundary, naming what is wrong', () => {
    const decode = decodeWith(TrainerConfig, 'trainer config');
    expect(E.isRight(decode({ nets: { generator: { kind: 'unet', depth: 5, ngf: 4 }, discriminator: { nLayers: 3, ndf: 4 }, outChannels: 3 }, inputShape: [1, 32, 32, 3], seed: 0 }))).toBe(true);
    const bad = decode({ nets: { generator: { kind: 'unet', depth: '5', ngf: 4 }, discriminator: { nLayers: 3, ndf: 4 }, outChannels: 3 }, inputShape: [1, 32, 32], seed: 0 });
    expect(E.isLeft(bad) && bad.left.message).toMatch(/trainer config: .*depth/);
    expect(objectiveFromSpec({ lambdaL1: 10 })).toMatchObject({ ganMode: 'vanilla', lambdaL1: 10, adam: { lr: 2e-4, beta1: 0.5 } });
  });
});
