import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '@pix2pix-ts/backends';
import { flattenTree, receptiveField } from '@pix2pix-ts/layers';
import { buildNets, disposeState, patchGanField } from '@pix2pix-ts/pix2pix';
import { buildRunConfig, freshState, loadRunCheckpoint, parseCommandLine, renderCommandHelp, RunConfig, type TrainOptions } from '../src/node';
import { inProcess } from './support/in-process';

const build = (argv: string[]) => {
  const p = parseCommandLine(['train', '--dataroot', 'd', ...argv]);
  if (E.isLeft(p)) return E.left(p.left.message);
  if (p.right.command !== 'train') throw new Error('not train');
  return E.mapLeft((e: { readonly message: string }) => e.message)(buildRunConfig(p.right.options));
};
const ok = (argv: string[]): RunConfig => {
  const r = build(argv);
  if (E.isLeft(r)) throw new Error(r.left);
  return r.right;
};
const err = (argv: string[]): string => {
  const r = build(argv);
  if (E.isRight(r)) throw new Error(`expected an error for ${argv.join(' ')}`);
  return r.left;
};

describe('--objective', () => {
  it('is a shortcut for --gan_mode / --lambda_L1 / --netD_input', () => {
    expect(ok(['--objective', 'l1']).objective).toMatchObject({ ganMode: 'none', lambdaL1: 100 });
    expect(ok(['--objective', 'cgan']).objective).toMatchObject({ ganMode: 'vanilla', lambdaL1: 0 });
    expect(ok(['--objective', 'cgan', '--gan_mode', 'lsgan']).objective).toMatchObject({ ganMode: 'lsgan', lambdaL1: 0 });
    expect(ok(['--objective', 'l1+gan'])).toMatchObject({ objective: { ganMode: 'vanilla', lambdaL1: 100 }, model: { netDInput: 'unconditional' } });
    expect(ok(['--objective', 'l1+cgan'])).toMatchObject({ objective: { ganMode: 'vanilla', lambdaL1: 100 }, model: { netDInput: 'conditional' } });
    expect(ok([]).model.netDInput).toBe('conditional');
    expect(ok(['--netD_input', 'unconditional']).model.netDInput).toBe('unconditional');
    expect(ok(['--objective', 'l1+cgan', '--lambda_L1', '10']).objective.lambdaL1).toBe(10);
  });

  it('refuses the official options when they say otherwise', () => {
    expect(err(['--objective', 'l1', '--gan_mode', 'vanilla'])).toBe('--objective l1 conflicts with --gan_mode vanilla (= --gan_mode none)');
    expect(err(['--objective', 'cgan', '--l1_only'])).toBe('--objective cgan conflicts with --l1_only (= --lambda_L1 0)');
    expect(err(['--objective', 'cgan', '--lambda_L1', '10'])).toBe('--objective cgan conflicts with --lambda_L1 10 (= --lambda_L1 0)');
    expect(err(['--objective', 'l1+gan', '--netD_input', 'conditional'])).toBe('--objective l1+gan conflicts with --netD_input conditional (= --netD_input unconditional)');
    expect(err(['--gan_mode', 'none', '--lambda_L1', '0'])).toMatch(/leaves nothing to train/);
    expect(err(['--objective', 'l1', '--lambda_L1', '0'])).toMatch(/leaves nothing to train/);
    expect(err(['--objective', 'gan'])).toMatch(/--objective/);
  });
});

describe('--netG encoder_decoder_<N>', () => {
  it('is accepted like unet_<N>, and its size checked the same way', () => {
    expect(ok(['--netG', 'encoder_decoder_64']).model.netG).toBe('encoder_decoder_64');
    expect(err(['--netG', 'encoder_decoder_64', '--crop_size', '48'])).toBe('--crop_size 48 does not fit encoder_decoder_64: cannot halve 3 (after 4 of 6 downsamplings); use a multiple of 64');
    expect(err(['--netG', 'encoder_decoder_60'])).toMatch(/--netG/);
  });
});

describe('--patch', () => {
  it('maps onto --netD / --n_layers_D, with the receptive field the layers algebra computes', () => {
    const cases = [
      ['1', 'pixel', 1, 1],
      ['16', 'n_layers', 1, 16],
      ['34', 'n_layers', 2, 34],
      ['70', 'basic', 3, 70],
      ['142', 'n_layers', 4, 142],
      ['286', 'n_layers', 5, 286],
    ] as const;
    for (const [patch, netD, nLayersD, field] of cases) {
      const c = ok(['--patch', patch, '--preset', 'paper']);
      expect(c.model).toMatchObject({ netD, nLayersD });
      expect(receptiveField(buildNets(c.model).discriminator)).toBe(field);
    }
  });

  it("'image' covers the crop: 286 at 256, 70 at 64", () => {
    const paper = ok(['--patch', 'image', '--preset', 'paper']);
    expect(paper.model).toMatchObject({ netD: 'n_layers', nLayersD: 5 });
    expect(receptiveField(buildNets(paper.model).discriminator)).toBe(286);
    const small = ok(['--patch', 'image']);
    expect(small.model).toMatchObject({ netD: 'basic', nLayersD: 3 });
    expect(receptiveField(buildNets(small.model).discriminator)).toBeGreaterThanOrEqual(small.data.cropSize);
    expect(patchGanField(2)).toBeLessThan(small.data.cropSize);
  });

  it('cannot be combined with --netD / --n_layers_D, nor exceed 6 layers', () => {
    expect(err(['--patch', '70', '--netD', 'basic'])).toBe('--patch 70 conflicts with --netD basic (it sets them)');
    expect(err(['--patch', '16', '--n_layers_D', '1'])).toBe('--patch 16 conflicts with --n_layers_D 1 (it sets them)');
    expect(err(['--patch', 'image', '--crop_size', '1024', '--netG', 'unet_1024'])).toBe('--patch image: no discriminator up to --n_layers_D 6 (574x574) covers --crop_size 1024');
    expect(err(['--patch', '50'])).toMatch(/--patch/);
    // At 64 a 286x286 D has no patch left: the configuration is built, fitProblem refuses it before any compute.
    expect(ok(['--patch', '286']).model).toMatchObject({ netD: 'n_layers', nLayersD: 5 });
    expect(ok(['--patch', '142']).model.nLayersD).toBe(4); // 64 → 4 → 3 → 2: patches left
  });
});

describe('the unconditional discriminator in a run', () => {
  it('reads output_nc channels; the conditional one input_nc + output_nc', async () => {
    await useBackend('cpu');
    for (const [objective, channels] of [
      ['l1+gan', 3],
      ['l1+cgan', 6],
    ] as const) {
      const c = ok(['--objective', objective, '--smoke']);
      const state = freshState(c, buildNets(c.model));
      const first = flattenTree(state.d.params).find(([p]) => p.endsWith('kernel'));
      expect(first?.[1].shape[2]).toBe(channels);
    }
  });

  it('an old configuration without netDInput decodes as conditional', () => {
    const c = ok([]);
    const { netDInput: _dropped, ...oldModel } = c.model;
    const decoded = RunConfig.decode({ ...c, model: oldModel });
    expect(E.isRight(decoded) && buildNets(decoded.right.model).discriminatorInput).toBe('conditional');
  });
});

describe('--help', () => {
  it('documents the ablation options with the official names they stand for', () => {
    const help = renderCommandHelp('train').replace(/\s+/g, ' '); // lines are wrapped
    expect(help).toContain('--objective NAME');
    expect(help).toContain('l1 (= --gan_mode none) | cgan (= --lambda_L1 0) | l1+gan (= --netD_input unconditional)');
    expect(help).toContain('--netD_input WHAT');
    expect(help).toContain('-condition_GAN 0');
    expect(help).toContain('--patch SIZE');
    expect(help).toContain('encoder_decoder_<N>');
  });
});

const TINY = ['--smoke', '--dataset_mode', 'synthetic', '--print_freq', '1', '--num_threads', '0', '--max_dataset_size', '2', '--n_epochs', '1', '--n_epochs_decay', '0', '--num_test', '2', '--num_samples', '1'];

describe.each(['cpu', 'wasm'] as const)('pix2pix train with each variant (%s)', (backend) => {
  const root = mkdtempSync(join(tmpdir(), `pix2pix-ablation-${backend}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const variants: ReadonlyArray<readonly [string, readonly string[], Partial<RunConfig['model']>, Partial<RunConfig['objective']>]> = [
    ['l1', ['--objective', 'l1'], {}, { ganMode: 'none' }],
    ['cgan', ['--objective', 'cgan'], {}, { lambdaL1: 0 }],
    ['l1-gan', ['--objective', 'l1+gan'], { netDInput: 'unconditional' }, {}],
    ['ed', ['--netG', 'encoder_decoder_32'], { netG: 'encoder_decoder_32' }, {}],
    ['patch-image', ['--patch', 'image'], { netD: 'n_layers', nLayersD: 2 }, {}],
  ];
  it.each(variants)('%s trains, evaluates and records its variant in config.json', async (name, argv, model, objective) => {
    const r = await inProcess(['train', ...TINY, ...argv, '--backend', backend, '--runs_dir', root, '--name', name]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [dir] = readdirSync(root).filter((d) => d.startsWith(`${name}-`));
    if (dir === undefined) throw new Error(`no run folder for ${name}`);
    const config = JSON.parse(readFileSync(join(root, dir, 'config.json'), 'utf8')) as RunConfig;
    expect(config.model).toMatchObject(model);
    expect(config.objective).toMatchObject(objective);
    const info = JSON.parse(readFileSync(join(root, dir, 'run.json'), 'utf8')) as { status: string };
    expect(info.status).toBe('complete');
    // The report's configuration table says what D saw.
    expect(readFileSync(join(root, dir, 'report.html'), 'utf8')).toContain(`<td><code>--netD_input</code></td><td>${config.model.netDInput ?? ''}</td>`);
    // Resume, eval and export rebuild the networks from the checkpoint's own configuration: the D it trained.
    const loaded = await loadRunCheckpoint(join(root, dir, 'checkpoints', 'latest'))();
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    expect(loaded.right.nets.discriminatorInput).toBe(config.model.netDInput);
    expect(flattenTree(loaded.right.state.d.params)[0]?.[1].shape[2]).toBe(config.model.netDInput === 'unconditional' ? 3 : 6);
    disposeState(loaded.right.state);
  });
});

// The option values are typed: `TrainOptions` knows the new names.
const typed: TrainOptions = { objective: 'l1+gan', netD_input: 'unconditional', patch: 'image' };
void typed;
