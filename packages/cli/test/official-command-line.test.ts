import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRunConfig, continueOptions, newestRunFolder, officialTest, officialTrain, parseCommandLine } from '../src/index';
import { runCli } from './support/run-cli';

const right = <A>(r: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const left = <A>(r: E.Either<{ readonly message: string }, A>): string => {
  if (E.isRight(r)) throw new Error('expected an error');
  return r.left.message;
};

describe('the official command line, read (pure)', () => {
  it('train: --model pix2pix and the display options accepted (said once), other models refused by name', () => {
    const t = right(officialTrain({ dataroot: 'd', name: 'facades_pix2pix', model: 'pix2pix', direction: 'BtoA', display_id: '0', display_port: '8097', no_html: true, update_html_freq: '1000' }));
    expect(t.options).toEqual({ dataroot: 'd', name: 'facades_pix2pix', direction: 'BtoA' });
    expect(t.notes).toEqual([
      'note: --display_id, --display_port, --update_html_freq, --no_html: the official visdom / HTML / wandb display options are accepted and ignored here (progress lines and report.html instead)',
      'note: this trains the default preset (64x64 unet_64, ~10 min on 2 CPU cores); the official defaults (256x256 unet_256, 200 epochs) are --preset paper',
    ]);
    expect(right(officialTrain({ dataroot: 'd', model: 'pix2pix', preset: 'paper' })).notes).toEqual([]);
    expect(t.continueRun).toBeUndefined();
    expect(left(officialTrain({ model: 'cycle_gan' }))).toBe('--model cycle_gan: not implemented in pix2pix-ts, which implements pix2pix only; write --model pix2pix (or leave --model out)');
    expect(left(officialTrain({ model: 'test' }))).toMatch(/^--model test: not implemented/);
    expect(left(officialTrain({ model: 'pix2pixHD' }))).toMatch(/^--model pix2pixHD: not an official model/);
  });

  it('train: --input_nc/--output_nc 3 and --pool_size 0 (the official pix2pix values) accepted, others refused at decoding', () => {
    expect(right(officialTrain({ dataroot: 'd', input_nc: 3, output_nc: 3, pool_size: 0, verbose: true })).options).toEqual({ dataroot: 'd' });
    expect(E.isLeft(parseCommandLine(['train', '--input_nc', '1']))).toBe(true);
    expect(parseCommandLine(['train', '--pool_size', '50'])).toEqual(E.left({ _tag: 'Usage', message: '--pool_size: expected an integer in [0, 0] (pix2pix has no image pool), got "50"' }));
  });

  it('train: --gpu_ids -1 is the CPU (wasm); GPU ids say to write --backend webgl', () => {
    expect(right(officialTrain({ dataroot: 'd', gpu_ids: [-1] })).options).toEqual({ dataroot: 'd', backend: 'wasm' });
    expect(right(officialTrain({ dataroot: 'd', gpu_ids: [-1], backend: 'cpu' })).options).toEqual({ dataroot: 'd', backend: 'cpu' });
    expect(left(officialTrain({ dataroot: 'd', gpu_ids: [0] }))).toBe(
      '--gpu_ids 0: pix2pix-ts has no CUDA; for a GPU write --backend webgl (the steps run on WebGL in headless Chromium), for the CPU --gpu_ids -1 or nothing (wasm)',
    );
    expect(right(officialTrain({ dataroot: 'd', gpu_ids: [0], backend: 'webgl' })).options).toEqual({ dataroot: 'd', backend: 'webgl' });
  });

  it('train: --continue_train (--epoch latest) finds the run by name; --epoch N, --epoch_count on a new run and --resume with it are refused with what to write', () => {
    const c = right(officialTrain({ dataroot: 'd', name: 'f', continue_train: true, epoch_count: 7, runs_dir: 'ck' }));
    expect(c.continueRun).toEqual({ name: 'f', runsDir: 'ck', epoch: 'latest' });
    expect(c.notes).toEqual(['note: --epoch_count 7: ignored; the run continues exactly where it stopped']);
    expect(left(officialTrain({ name: 'f', continue_train: true, epoch: 5 }))).toBe(
      '--continue_train --epoch 5: pix2pix-ts keeps the whole training state (both networks and Adam) only as latest; write --epoch latest (or leave --epoch out)',
    );
    expect(left(officialTrain({ dataroot: 'd', epoch_count: 3 }))).toBe('--epoch_count 3: a new run starts at epoch 1; to continue a run add --continue_train (it continues exactly where the run stopped)');
    expect(right(officialTrain({ dataroot: 'd', epoch_count: 1 })).options).toEqual({ dataroot: 'd' });
    expect(left(officialTrain({ continue_train: true, resume: 'x' }))).toMatch(/^--continue_train and --resume: give one of them/);
    expect(right(officialTrain({ dataroot: 'd', save_latest_freq: 5000 })).notes).toEqual([
      'note: --save_latest_freq 5000: ignored; checkpoints/latest is saved at every save point (--save_epoch_freq) and on Ctrl-C',
    ]);
  });

  it('continueOptions: options that agree with the run are dropped, runtime ones kept, the first that differs is named', () => {
    const stored = right(buildRunConfig({ dataroot: './datasets/facades', name: 'f', direction: 'BtoA', init_type: 'xavier' }));
    const runtime = ['backend', 'time_limit'];
    expect(right(continueOptions({ dataroot: 'datasets/facades/', name: 'f', direction: 'BtoA', backend: 'cpu', ngf: 16, init_type: 'xavier' }, stored, 'runs/f-1', runtime))).toEqual({
      resume: 'runs/f-1',
      backend: 'cpu',
    });
    expect(left(continueOptions({ dataroot: 'd', direction: 'BtoA' }, stored, 'runs/f-1', runtime))).toBe(
      '--dataroot d: the run runs/f-1 has --dataroot ./datasets/facades; --continue_train continues a run as it is (leave --dataroot out, or start a new run without --continue_train)',
    );
    expect(left(continueOptions({ direction: 'AtoB' }, stored, 'runs/f-1', runtime))).toMatch(/^--direction AtoB: the run runs\/f-1 has --direction BtoA;/);
    expect(left(continueOptions({ preset: 'paper' }, stored, 'runs/f-1', runtime))).toMatch(/^--preset paper: the run runs\/f-1 has --preset default;/);
    expect(left(continueOptions({ init_type: 'normal' }, stored, 'runs/f-1', runtime))).toMatch(/^--init_type normal: the run runs\/f-1 has --init_type xavier;/);
  });

  it('newestRunFolder: <name> itself, else the latest <name>-<timestamp>[-k] (never another name\'s)', () => {
    const entries = ['f-20250101-120000', 'f-20250102-090000', 'f-20250102-090000-2', 'f-x-20260101-000000', 'ff-20990101-000000', 'f.pix-20250101-000000'];
    expect(newestRunFolder(entries, 'f')).toBe('f-20250102-090000-2');
    expect(newestRunFolder(entries, 'f-x')).toBe('f-x-20260101-000000');
    expect(newestRunFolder(entries, 'f.pix')).toBe('f.pix-20250101-000000');
    expect(newestRunFolder(entries, 'f-20250101-120000')).toBe('f-20250101-120000');
    expect(newestRunFolder(entries, 'g')).toBeUndefined();
    expect(newestRunFolder(entries, 'f', (e) => e !== 'f-20250102-090000-2')).toBe('f-20250102-090000');
  });

  it('test: --name puts results where the official test.py does; --epoch and --phase need --name', () => {
    const t = right(officialTest({ dataroot: 'datasets/facades', name: 'facades_pix2pix', model: 'pix2pix', direction: 'BtoA' }));
    expect(t.byName).toEqual({ name: 'facades_pix2pix', runsDir: 'runs', epoch: 'latest', phase: 'test', resultsDir: 'results/facades_pix2pix/test_latest/images' });
    expect(t.options).toEqual({ dataroot: 'datasets/facades', direction: 'BtoA' });
    expect(right(officialTest({ dataroot: 'd', name: 'n', epoch: 5, phase: 'val', results_dir: 'out' })).byName?.resultsDir).toBe('out/n/val_5/images');
    expect(right(officialTest({ dataroot: 'd', name: 'n', model: 'test' })).byName).toBeDefined();
    expect(left(officialTest({ dataroot: 'd', model: 'cycle_gan' }))).toMatch(/^--model cycle_gan: not implemented/);
    expect(left(officialTest({ dataroot: 'd', gpu_ids: [0] }))).toBe('--gpu_ids 0: pix2pix test runs in Node on the CPU (wasm); leave --gpu_ids out or write --gpu_ids -1');
    expect(left(officialTest({ dataroot: 'd', epoch: 3, checkpoint: 'c' }))).toMatch(/^--epoch 3: only read with --name/);
    expect(left(officialTest({ dataroot: 'd', name: 'n', run: 'r' }))).toBe('--name and --run: give one of them');
    const described = right(officialTest({ dataroot: 'd', name: 'n', model: 'test', netG: 'unet_256', norm: 'batch', dataset_mode: 'single' }));
    expect(described.options).toEqual({ dataroot: 'd', dataset_mode: 'single' });
    expect(described.notes).toEqual(['note: --netG, --norm: pix2pix test builds the network and the input size the checkpoint describes; accepted and not needed']);
  });
});

describe('the official README commands, run (real processes)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pix2pix-official-'));
  const runs = join(tmp, 'checkpoints');
  const data = join(tmp, 'facades');

  beforeAll(async () => {
    // Three aligned AB pairs in <dataroot>/test, as the official datasets are laid out.
    mkdirSync(join(data, 'test'), { recursive: true });
    for (const [i, color] of [[1, '#c04020'], [2, '#2040c0'], [3, '#20a040']] as const) {
      await sharp({ create: { width: 64, height: 32, channels: 3, background: color } }).png().toFile(join(data, 'test', `${i}.png`));
    }
  });

  it('python train.py … --model pix2pix --direction BtoA (and display options), then python test.py … --name: results in results/<name>/test_latest/images', async () => {
    const train = await runCli([
      'train', '--dataset_mode', 'synthetic', '--smoke', '--name', 'facades_pix2pix', '--model', 'pix2pix', '--direction', 'BtoA',
      '--display_id', '0', '--no_html', '--gpu_ids', '-1', '--checkpoints_dir', runs, '--init_type', 'kaiming', '--init_gain', '0.02',
    ]);
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    expect(train.stdout.match(/display options are accepted and ignored/g)).toHaveLength(1);
    const [run] = readdirSync(runs);
    expect(run).toMatch(/^facades_pix2pix-\d{8}-\d{6}$/);
    const config = JSON.parse(readFileSync(join(runs, run ?? '', 'config.json'), 'utf8')) as { model: { initType: string } };
    expect(config.model.initType).toBe('kaiming');

    const results = join(tmp, 'results');
    const test = await runCli(['test', '--dataroot', data, '--name', 'facades_pix2pix', '--model', 'pix2pix', '--direction', 'BtoA', '--checkpoints_dir', runs, '--results_dir', results, '--gpu_ids', '-1']);
    expect(test.stderr).toBe('');
    expect(test.code).toBe(0);
    expect(readdirSync(join(results, 'facades_pix2pix', 'test_latest', 'images')).sort()).toEqual(['1.png', '2.png', '3.png']);
    // The README's single-image command: --model test --netG unet_256 --norm batch --dataset_mode single.
    const single = await runCli([
      'test', '--dataroot', join(data, 'test'), '--name', 'facades_pix2pix', '--model', 'test', '--netG', 'unet_256', '--direction', 'BtoA', '--dataset_mode', 'single', '--norm', 'batch',
      '--checkpoints_dir', runs, '--results_dir', join(tmp, 'single'),
    ]);
    expect(single.stderr).toBe('');
    expect(single.stdout).toContain('note: --netG, --norm: pix2pix test builds the network and the input size the checkpoint describes; accepted and not needed');
    expect(readdirSync(join(tmp, 'single', 'facades_pix2pix', 'test_latest', 'images'))).toHaveLength(3);
    const epoch1 = await runCli(['test', '--dataroot', data, '--name', 'facades_pix2pix', '--epoch', '1', '--checkpoints_dir', runs, '--results_dir', results]);
    expect(epoch1.code).toBe(0);
    expect(existsSync(join(results, 'facades_pix2pix', 'test_1', 'images', '2.png'))).toBe(true);

    // --continue_train becomes --resume of that run: here it is complete, which --resume says; a changed option is named.
    const [cont, changed, none] = await Promise.all([
      runCli(['train', '--dataset_mode', 'synthetic', '--smoke', '--name', 'facades_pix2pix', '--model', 'pix2pix', '--continue_train', '--checkpoints_dir', runs]),
      runCli(['train', '--dataset_mode', 'synthetic', '--smoke', '--name', 'facades_pix2pix', '--continue_train', '--checkpoints_dir', runs, '--ngf', '32']),
      runCli(['train', '--dataset_mode', 'synthetic', '--name', 'nothing_here', '--continue_train', '--checkpoints_dir', runs]),
    ]);
    expect(cont.stdout).toContain(`--continue_train --name facades_pix2pix: continuing ${join(runs, run ?? '')}`);
    expect(cont.stderr).toMatch(/^pix2pix: --resume .*: this run is complete \(step 16 of 16\); start a new one\n$/);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toBe(`pix2pix: --ngf 32: the run ${join(runs, run ?? '')} has --ngf 8; --continue_train continues a run as it is (leave --ngf out, or start a new run without --continue_train)\n`);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^pix2pix: --continue_train --name nothing_here: no run named nothing_here in .*checkpoints/);
  });

  it('--continue_train continues an interrupted run of that name to its end (the official command, repeated)', async () => {
    const root = join(tmp, 'continue');
    const official = ['train', '--dataset_mode', 'synthetic', '--smoke', '--print_freq', '1', '--name', 'facades_pix2pix', '--model', 'pix2pix', '--direction', 'BtoA', '--checkpoints_dir', root, '--backend', 'wasm'];
    let sent = false;
    const cut = await runCli(official, (out, child) => {
      if (!sent && /^step 3\/16 /m.test(out)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(cut.code).toBe(130);
    const [run] = readdirSync(root);
    const continued = await runCli([...official, '--continue_train', '--epoch', 'latest', '--epoch_count', '1', '--display_id', '1']);
    expect(continued.stderr).toBe('');
    expect(continued.code).toBe(0);
    expect(continued.stdout).toContain(`--continue_train --name facades_pix2pix: continuing ${join(root, run ?? '')}`);
    expect(continued.stdout).toContain('note: --epoch_count 1: ignored; the run continues exactly where it stopped');
    expect(readdirSync(root)).toEqual([run]);
    const info = JSON.parse(readFileSync(join(root, run ?? '', 'run.json'), 'utf8')) as { status: string; step: number };
    expect(info).toMatchObject({ status: 'complete', step: 16 });
  });

  it('refuses what it does not implement, with what to write instead (exit 2, one line)', async () => {
    const [cycle, gpu] = await Promise.all([
      runCli(['train', '--dataroot', data, '--name', 'horse2zebra', '--model', 'cycle_gan']),
      runCli(['train', '--dataroot', data, '--gpu_ids', '0']),
    ]);
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toBe('pix2pix: --model cycle_gan: not implemented in pix2pix-ts, which implements pix2pix only; write --model pix2pix (or leave --model out)\n');
    expect(gpu.code).toBe(2);
    expect(gpu.stderr).toMatch(/^pix2pix: --gpu_ids 0: pix2pix-ts has no CUDA; for a GPU write --backend webgl/);
  });
});
