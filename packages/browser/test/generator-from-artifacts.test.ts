import { disposeTree, key } from '@pix2pix-ts/layers';
import { buildNets, checkpointArtifacts, disposeState, initTrainState, translate, type GeneratorSpec, type ModelSpec } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatorFromArtifacts, generatorSpecFromConfig, modelHints } from '../src/index';

const model = (g: Pick<GeneratorSpec, 'netG' | 'ngf'> & Partial<GeneratorSpec>): ModelSpec => ({ norm: 'batch', dropout: true, outputNc: 3, ...g, netD: 'n_layers', nLayersD: 1, ndf: 4, inputNc: 3 });

describe('generatorFromArtifacts (cpu)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    [{ netG: 'unet_64', ngf: 4 }, 64, 'with config'],
    [{ netG: 'unet_32', ngf: 8, norm: 'instance' }, 32, 'without config'],
    [{ netG: 'resnet_2blocks', ngf: 4 }, 16, 'without config'],
    [{ netG: 'encoder_decoder_32', ngf: 4 }, 32, 'with config'],
  ] as const)('%j from a training checkpoint (%i px, %s): the same translation as the state it was saved from', async (spec, size, mode) => {
    const n = buildNets(model(spec));
    const state = initTrainState(n, key(3), [1, size, size, 3], 3);
    const config = mode === 'with config' ? { model: model(spec) } : { something: 'else' };
    const loaded = generatorFromArtifacts(await checkpointArtifacts(state, config));
    if (E.isLeft(loaded)) throw loaded.left;
    const g = loaded.right;
    expect(g.specFrom).toBe(mode === 'with config' ? 'config' : 'inferred');
    expect(g.spec).toMatchObject(spec);
    expect([g.inChannels, g.outChannels, g.source, g.hints.step]).toEqual([3, 3, 'checkpoint', 0]);
    const x = tf.randomUniform([1, size, size, 3], -1, 1, 'float32', 4) as tf.Tensor4D;
    const want = translate(n.generator, state.g, x, { dropout: false });
    const got = translate(g.generator, g.vars, x, { dropout: false });
    expect(Array.from(got.dataSync())).toEqual(Array.from(want.dataSync()));
    tf.dispose([x, want, got]);
    disposeTree(g.vars.params);
    disposeTree(g.vars.state);
    disposeState(state);
  });

  it('frees every tensor it does not return (D, Adam moments), and everything on failure', async () => {
    const state = initTrainState(buildNets(model({ netG: 'unet_32', ngf: 2 })), key(1), [1, 32, 32, 3], 3);
    const artifacts = await checkpointArtifacts(state, {});
    disposeState(state);
    const before = tf.memory().numTensors;
    const loaded = generatorFromArtifacts(artifacts);
    if (E.isLeft(loaded)) throw loaded.left;
    disposeTree(loaded.right.vars.params);
    disposeTree(loaded.right.vars.state);
    expect(tf.memory().numTensors).toBe(before);
    const bad = generatorFromArtifacts({ ...artifacts, weightSpecs: (artifacts.weightSpecs ?? []).map((s) => ({ ...s, name: `x.${s.name}` })) });
    expect(E.isLeft(bad) && bad.left.message).toMatch(/could not recognise the generator/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads the official option names from a config', () => {
    expect(generatorSpecFromConfig({ netG: 'unet_256', ngf: 64, norm: 'batch', no_dropout: true })).toEqual(O.some({ netG: 'unet_256', ngf: 64, norm: 'batch', dropout: false, outputNc: 3 }));
    // What the config leaves out: the official defaults, ngf read off the weights later.
    expect(generatorSpecFromConfig({ netG: 'resnet_9blocks' })).toEqual(O.some({ netG: 'resnet_9blocks', ngf: 1, norm: 'batch', dropout: true, outputNc: 3 }));
    expect(generatorSpecFromConfig({ netG: 'transformer' })).toEqual(O.none);
    // The CLI's run config, exported generator manifest and a trainer page's config keep the model spec under `model`.
    expect(generatorSpecFromConfig({ model: { netG: 'encoder_decoder_64', ngf: 16, norm: 'instance', dropout: true, outputNc: 2 } })).toEqual(
      O.some({ netG: 'encoder_decoder_64', ngf: 16, norm: 'instance', dropout: true, outputNc: 2 }),
    );
  });

  it('still reads the structured generator of checkpoints written before the one model spec', () => {
    expect(generatorSpecFromConfig({ nets: { generator: { kind: 'unet', depth: 7, ngf: 16 } } })).toEqual(O.some({ netG: 'unet_128', ngf: 16, norm: 'batch', dropout: true, outputNc: 3 }));
    expect(generatorSpecFromConfig({ nets: { generator: { kind: 'resnet', blocks: 6, ngf: 8, norm: 'instance', dropout: false } } })).toEqual(
      O.some({ netG: 'resnet_6blocks', ngf: 8, norm: 'instance', dropout: false, outputNc: 3 }),
    );
  });

  it('reads usage hints from a checkpoint or an export manifest', () => {
    expect(modelHints({ step: 40, config: { data: { cropSize: 64, direction: 'BtoA' }, test: { dropout: true, batchStats: true } } })).toEqual({ size: 64, direction: 'BtoA', dropout: true, batchStats: true, step: 40 });
    expect(modelHints({ size: 256, direction: 'AtoB', testTime: { dropout: false, batchStats: false }, step: 1 })).toEqual({ size: 256, direction: 'AtoB', dropout: false, batchStats: false, step: 1 });
    expect(modelHints('nonsense')).toEqual({});
  });
});
