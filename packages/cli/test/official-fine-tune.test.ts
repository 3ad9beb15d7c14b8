import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '@pix2pix-ts/backends';
import { importPthFile } from '@pix2pix-ts/pix2pix/node';
import { sharedDir } from '../../pix2pix/test/support/shared';
import { runOfficial, torchMissing } from '../../pix2pix/test/support/torch-peer';
import { runCli } from './support/run-cli';

const shared = sharedDir();
const fixture = shared === undefined ? undefined : join(shared, 'fixtures', 'pth', 'unet128_ngf8_batch_fp16_dataparallel', 'net.pth');
const present = fixture !== undefined && existsSync(fixture);
if (!present) console.log('fine-tune from an official checkpoint skipped: ../shared/fixtures/pth not found');
const noTorch = torchMissing();
if (noTorch !== undefined && process.env['CI'] !== undefined) throw new Error(`fine-tune export check: ${noTorch}`);

const tmp = mkdtempSync(join(tmpdir(), 'pix2pix-fine-tune-'));
/** The official U-Net fixture's network (unet_128, ngf 8, batch norm), a small discriminator, 5 steps of 128x128 pairs. */
const FINE_TUNE = ['--dataset_mode', 'synthetic', '--smoke', '--netG', 'unet_128', '--ngf', '8', '--norm', 'batch', '--netD', 'n_layers', '--n_layers_D', '1', '--ndf', '8'];
const SIZE = ['--load_size', '128', '--crop_size', '128', '--max_dataset_size', '5', '--n_epochs', '1', '--n_epochs_decay', '0', '--num_test', '1', '--num_samples', '1'];

describe.skipIf(!present)('train --init_from an official checkpoint, then export --format pth', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('fine-tunes 5 steps from the official U-Net with finite losses; the export is the official layout and loads in PyTorch', async () => {
    const trained = await runCli(['train', ...FINE_TUNE, ...SIZE, '--init_from', fixture as string, '--runs_dir', tmp, '--name', 'ft', '--backend', 'wasm', '--print_freq', '1']);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/initialised from .*net\.pth: unet_128 \(ngf 8, batch norm, 3 -> 3 channels\) \(zip format, DataParallel prefix 'module\.' stripped\)/);
    const run = join(tmp, readdirSync(tmp).find((d) => d.startsWith('ft-')) ?? '');
    const history = JSON.parse(readFileSync(join(run, 'history.json'), 'utf8')) as unknown;
    const numbers = JSON.stringify(history).match(/-?\d+(\.\d+)?(e-?\d+)?|"NaN"|"-?Infinity"/g) ?? [];
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.some((n) => n.startsWith('"'))).toBe(false);
    expect(trained.stdout).toMatch(/step 5\b|5\/5|iteration 5/);

    const out = join(tmp, 'checkpoints', 'ft_official');
    const exported = await runCli(['export', '--run', run, '--format', 'pth', '--output', out]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['latest_net_D.pth', 'latest_net_G.pth']);
    // Reading the files here builds their networks: this process needs a backend (importing layers installs none).
    await useBackend('cpu');
    const g = await importPthFile(out)();
    expect(g._tag === 'Right' && g.right.spec).toEqual({ net: 'unet', downs: 7, ngf: 8, inputNc: 3, outputNc: 3, norm: 'batch', dropout: true });
    const d = await importPthFile(out, { role: 'D' })();
    expect(d._tag === 'Right' && d.right.spec).toEqual({ net: 'n_layers', nLayers: 1, ndf: 8, inputNc: 6, norm: 'batch' });
    expect(g._tag === 'Right' && [...g.right.numBatchesTracked.values()][0]).toBe(5n);

    if (noTorch !== undefined) {
      console.log(`PyTorch check of the export skipped: ${noTorch}`);
      return;
    }
    // strict=True loads in the official modules, and they run.
    const input = Float32Array.from({ length: 3 * 128 * 128 }, (_, i) => Math.sin(i) * 0.5);
    const y = runOfficial(shared as string, tmp, join(out, 'latest_net_G.pth'), g._tag === 'Right' ? g.right.spec : (undefined as never), input, [1, 3, 128, 128], 'eval');
    expect(y.length).toBe(3 * 128 * 128);
    expect(y.every(Number.isFinite)).toBe(true);
    const yd = runOfficial(shared as string, tmp, join(out, 'latest_net_D.pth'), { net: 'n_layers', nLayers: 1, ndf: 8, inputNc: 6, norm: 'batch' }, Float32Array.from({ length: 6 * 64 * 64 }, (_, i) => Math.cos(i)), [1, 6, 64, 64], 'eval');
    expect(yd.every(Number.isFinite)).toBe(true);
  });

  it('a checkpoint that does not fit the configured network says which options would', async () => {
    const wrong = await runCli(['train', ...FINE_TUNE.map((a) => (a === '8' ? '16' : a)), ...SIZE, '--init_from', fixture as string, '--runs_dir', tmp, '--name', 'wrong', '--backend', 'cpu']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^pix2pix: --init_from .*net\.pth: the checkpoint does not fit unet_128 \(ngf 16, .*key 'model\.model\.0\.weight' has shape \[8, 3, 4, 4\].*looks like unet_128 \(ngf 8, batch norm, 3 -> 3 channels\) \(the run was configured as --netG unet_128 --ngf 16 --norm batch; give the options of the file's network\)$/m);
  });
});
