import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { useBackend } from '@pix2pix-ts/backends';
import { disposeTree, flattenTree, key } from '@pix2pix-ts/layers';
import { buildNets, initialisedNets, objectiveOf } from '@pix2pix-ts/pix2pix';
import { buildRunConfig, DEFAULT_PRESET, parseNetG, parseCommandLine, PAPER_PRESET, RunConfig, sizeProblem, type TrainOptions } from '../src/index';

const build = (o: TrainOptions) => buildRunConfig(o);
const ok = (o: TrainOptions) => {
  const r = build(o);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const err = (o: TrainOptions): string => {
  const r = build(o);
  if (E.isRight(r)) throw new Error('expected an error');
  return r.left.message;
};
const fromArgv = (argv: string[]) => {
  const p = parseCommandLine(['train', ...argv]);
  if (E.isLeft(p) || p.right.command !== 'train') throw new Error('bad argv');
  return ok(p.right.options);
};

describe('buildRunConfig', () => {
  it('default preset: 64x64, unet_64 ngf 16, 34x34 PatchGAN ndf 16, the paper objective, BtoA', () => {
    const c = ok({ dataroot: 'd' });
    expect(c.data).toMatchObject({ mode: 'aligned', dataroot: 'd', direction: 'BtoA', loadSize: 72, cropSize: 64, batchSize: 1, preprocess: 'resize_and_crop' });
    expect(c.model).toMatchObject({ netG: 'unet_64', ngf: 16, netD: 'n_layers', nLayersD: 2, ndf: 16, norm: 'batch', dropout: true });
    expect(c.objective).toMatchObject({ ganMode: 'vanilla', lambdaL1: 100, lr: 2e-4, beta1: 0.5, lrPolicy: 'linear' });
    expect(c.test).toEqual({ dropout: true, batchStats: true, numTest: null });
    expect(RunConfig.is(c)).toBe(true);
    expect(c.preset).toBe(DEFAULT_PRESET.preset);
  });

  it('the paper configuration is one flag away', () => {
    const c = fromArgv(['--dataroot', 'd', '--preset', 'paper']);
    expect(c.data).toMatchObject({ loadSize: 286, cropSize: 256, noFlip: false, batchSize: 1 });
    expect(c.model).toMatchObject({ netG: 'unet_256', ngf: 64, ndf: 64, netD: 'basic', nLayersD: 3 });
    expect(c.objective).toMatchObject({ nEpochs: 100, nEpochsDecay: 100, lambdaL1: 100 });
    expect(c.model).toEqual(PAPER_PRESET.model);
  });

  it('options override the preset; a crop size alone scales the load size', () => {
    const c = fromArgv(['--dataroot', 'd', '--crop_size', '128', '--netG', 'unet_128', '--ngf', '32', '--no_dropout', '--eval']);
    expect(c.data.loadSize).toBe(144);
    expect(c.model).toMatchObject({ netG: 'unet_128', ngf: 32, dropout: false });
    expect(c.test).toMatchObject({ dropout: false, batchStats: false });
  });

  it('--l1_only and --gan_mode none are the L1-only objective', () => {
    expect(objectiveOf(ok({ dataroot: 'd', l1_only: true }).objective).l1Only).toBe(true);
    expect(objectiveOf(ok({ dataroot: 'd', gan_mode: 'none' }).objective).l1Only).toBe(true);
    expect(objectiveOf(ok({ dataroot: 'd' }).objective).l1Only).toBeUndefined();
    expect(err({ dataroot: 'd', l1_only: true, gan_mode: 'lsgan' })).toBe('--l1_only conflicts with --gan_mode lsgan');
  });

  it('checks sizes against the network before any compute', () => {
    expect(err({ dataroot: 'd', crop_size: 60 })).toBe('--crop_size 60 does not fit unet_64: cannot halve 15 (after 2 of 6 downsamplings); use a multiple of 64');
    expect(err({ dataroot: 'd', load_size: 32 })).toBe('--load_size 32 must be >= --crop_size 64 with --preprocess resize_and_crop');
    expect(sizeProblem('resnet_9blocks', 64)).toBeUndefined();
    expect(sizeProblem('resnet_9blocks', 66)).toMatch(/multiple of 4/);
  });

  it('needs a dataroot for aligned data, and consistent D options', () => {
    expect(err({})).toMatch(/^--dataroot: required/);
    expect(ok({ dataset_mode: 'synthetic' }).data.dataroot).toBeNull();
    expect(err({ dataroot: 'd', netD: 'basic', n_layers_D: 2 })).toMatch(/^--n_layers_D: only used with --netD n_layers/);
    expect(ok({ dataroot: 'd', netD: 'pixel' }).model.netD).toBe('pixel');
    expect(err({ dataroot: 'd', smoke: true, preset: 'paper' })).toBe('--smoke conflicts with --preset paper');
    expect(ok({ dataroot: 'd', smoke: true }).preset).toBe('smoke');
  });
});

describe('parseNetG', () => {
  it('reads the official names and unet_<N>', () => {
    expect(parseNetG('unet_256')).toEqual({ kind: 'unet', depth: 8, name: 'unet_256' });
    expect(parseNetG('unet_128')).toEqual({ kind: 'unet', depth: 7, name: 'unet_128' });
    expect(parseNetG('unet_32')).toEqual({ kind: 'unet', depth: 5, name: 'unet_32' });
    expect(parseNetG('unet_16')).toBeUndefined();
    expect(parseNetG('resnet_6blocks')).toEqual({ kind: 'resnet', blocks: 6, name: 'resnet_6blocks' });
    expect(parseNetG('vgg')).toBeUndefined();
  });
});

describe('--init_type / --init_gain (the official init_weights)', () => {
  it('are in the configuration; the default leaves the networks as they are, another choice re-draws at init only', async () => {
    await useBackend('cpu');
    const plain = ok({ dataroot: 'd', smoke: true });
    expect(plain.model).toMatchObject({ initType: 'normal', initGain: 0.02 });
    const nets = buildNets(plain.model);
    expect(initialisedNets(plain.model, nets)).toBe(nets);
    const ortho = fromArgv(['--dataroot', 'd', '--smoke', '--init_type', 'orthogonal', '--init_gain', '0.5']);
    expect(ortho.model).toMatchObject({ initType: 'orthogonal', initGain: 0.5 });
    const wrapped = initialisedNets(ortho.model, buildNets(ortho.model));
    const a = wrapped.generator.init(key(0), [1, 32, 32, 3]);
    const b = nets.generator.init(key(0), [1, 32, 32, 3]);
    const first = (t: typeof a.params) => flattenTree(t).find(([p]) => p.endsWith('kernel'))?.[1];
    const wa = first(a.params);
    const wb = first(b.params);
    expect(wa?.shape).toEqual(wb?.shape);
    // The first conv, [4, 4, 3, 8]: 8 orthonormal rows times 0.5 have a Frobenius norm of 0.5·√8 exactly.
    const norm = (t: typeof wa) => Math.sqrt(Array.from(t?.dataSync() ?? []).reduce((s, x) => s + x * x, 0));
    expect(norm(wa)).toBeCloseTo(0.5 * Math.sqrt(8), 4);
    expect(norm(wb)).not.toBeCloseTo(0.5 * Math.sqrt(8), 1);
    for (const r of [a, b]) {
      disposeTree(r.params);
      disposeTree(r.state);
    }
    // A configuration written before the options existed decodes, with the official default.
    const old = { ...plain, model: { ...plain.model } } as Record<string, unknown> & { model: Record<string, unknown> };
    delete old.model.initType;
    delete old.model.initGain;
    expect(RunConfig.is(old)).toBe(true);
  });
});
