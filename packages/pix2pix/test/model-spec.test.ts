import { flattenTree, key, receptiveField } from '@pix2pix-ts/layers';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDiscriminator,
  buildGenerator,
  buildNets,
  disposeState,
  initialisedNets,
  initTrainState,
  ModelSpec,
  NetGName,
  objectiveOf,
  ObjectiveSpec,
  PAPER_OBJECTIVE,
  PAPER_OBJECTIVE_SPEC,
} from '../src/index';
import { onBackend } from './support/backends';

const PAPER: ModelSpec = { netG: 'unet_256', netD: 'basic', nLayersD: 3, ngf: 64, ndf: 64, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 };

describe('ModelSpec: one codec for the networks', () => {
  it('decodes the paper spec and every ablation, and refuses what no network has', () => {
    expect(ModelSpec.is(PAPER)).toBe(true);
    for (const netG of ['unet_64', 'encoder_decoder_256', 'resnet_9blocks']) expect(E.isRight(ModelSpec.decode({ ...PAPER, netG }))).toBe(true);
    expect(E.isRight(ModelSpec.decode({ ...PAPER, netDInput: 'unconditional' }))).toBe(true);
    expect(E.isLeft(ModelSpec.decode({ ...PAPER, netG: 'unet_100' }))).toBe(true);
    expect(E.isLeft(ModelSpec.decode({ ...PAPER, netD: 'huge' }))).toBe(true);
    expect(E.isLeft(ModelSpec.decode({ ...PAPER, ngf: 0 }))).toBe(true);
    expect(E.isLeft(ModelSpec.decode({ ...PAPER, netDInput: 'both' }))).toBe(true);
    // JSON round trip: the spec is plain data.
    expect(ModelSpec.decode(JSON.parse(JSON.stringify(PAPER)))).toEqual(E.right(PAPER));
  });

  it('NetGName accepts exactly the unet/encoder_decoder powers of two >= 32 and resnet block counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4096 }), (n) => {
        const power = Number.isInteger(Math.log2(n)) && n >= 32;
        expect(NetGName.is(`unet_${n}`)).toBe(power);
        expect(NetGName.is(`encoder_decoder_${n}`)).toBe(power);
      }),
    );
    expect(NetGName.is('resnet_6blocks')).toBe(true);
    expect(NetGName.is('resnet_0blocks')).toBe(false);
  });
});

describe('buildNets', () => {
  beforeAll(() => onBackend('cpu'));

  it('builds the discriminator each netD names, with its receptive field', () => {
    expect(receptiveField(buildDiscriminator({ netD: 'basic', nLayersD: 1, ndf: 8, norm: 'batch' }))).toBe(70);
    expect(receptiveField(buildDiscriminator({ netD: 'pixel', nLayersD: 1, ndf: 8, norm: 'batch' }))).toBe(1);
    expect(receptiveField(buildDiscriminator({ netD: 'n_layers', nLayersD: 5, ndf: 8, norm: 'batch' }))).toBe(286);
  });

  it('sizes D by netDInput and keeps it on the nets through initialisedNets', () => {
    const spec: ModelSpec = { ...PAPER, netG: 'encoder_decoder_32', ngf: 2, ndf: 2, netDInput: 'unconditional', initType: 'xavier' };
    const nets = initialisedNets(spec, buildNets(spec));
    expect(nets.discriminatorInput).toBe('unconditional');
    const state = initTrainState(nets, key(0), [1, 32, 32, 3], 3);
    expect(flattenTree(state.d.params)[0]?.[1].shape).toEqual([4, 4, 3, 2]);
    disposeState(state);
    expect(buildNets(PAPER).discriminatorInput).toBe('conditional');
  });

  it('refuses a netG the codec would refuse', () => {
    expect(() => buildGenerator({ netG: 'vgg', ngf: 8, norm: 'batch', dropout: true, outputNc: 3 })).toThrow(/unknown netG vgg/);
  });
});

describe('ObjectiveSpec', () => {
  it("the paper's spec is the paper's objective; gan_mode none is L1 alone", () => {
    expect(objectiveOf(PAPER_OBJECTIVE_SPEC)).toEqual(PAPER_OBJECTIVE);
    expect(objectiveOf({ ...PAPER_OBJECTIVE_SPEC, ganMode: 'none' }).l1Only).toBe(true);
    expect(objectiveOf({ ...PAPER_OBJECTIVE_SPEC, lrPolicy: 'step', lrDecayIters: 7 }).lrPolicy).toEqual({ kind: 'step', stepSize: 7 });
    expect(E.isLeft(ObjectiveSpec.decode({ ...PAPER_OBJECTIVE_SPEC, ganMode: 'wgan' }))).toBe(true);
  });
});
