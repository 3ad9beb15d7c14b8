import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inProcess } from './support/in-process';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';


describe('pix2pix error paths (real processes)', () => {
  it('bad values, missing data, a missing run and webgl outside train fail with one line and the right exit code', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'pix2pix-cli-'));
    const [bad, missingRoot, missingRun, webgl] = await Promise.all([
      runCli(['train', '--dataroot', tmp, '--ngf', 'abc']),
      runCli(['train', '--dataroot', join(tmp, 'nope'), '--runs_dir', tmp, '--backend', 'cpu']),
      runCli(['train', '--resume', join(tmp, 'no-such-run')]),
      runCli(['eval', '--checkpoint', join(tmp, 'no-such-checkpoint'), '--backend', 'webgl']),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('pix2pix: --ngf: expected an integer in [1, 4096], got "abc"\n');
    expect(missingRoot.code).toBe(1);
    expect(missingRoot.stderr.trim().split('\n')).toHaveLength(1);
    expect(missingRoot.stderr).toMatch(/^pix2pix: .*nope\/train: folder not found/);
    expect(missingRun.code).toBe(1);
    expect(missingRun.stderr).toBe(`pix2pix: --resume ${join(tmp, 'no-such-run')}: no run there (missing ${join(tmp, 'no-such-run')}/config.json)\n`);
    expect(webgl.code).toBe(1);
    expect(webgl.stderr).toMatch(/^pix2pix: --backend webgl: only `pix2pix train` runs on WebGL/);
    expect(webgl.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('option bounds and combinations (issue 16 item 6), real processes', () => {
  it('a huge --ngf and a --batch_size larger than the data: one line naming the official option, exit 2, before any compute', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'pix2pix-cli-'));
    const [ngf, batch, deep] = await Promise.all([
      runCli(['train', '--dataset_mode', 'synthetic', '--smoke', '--ngf', '99999999999', '--runs_dir', tmp]),
      runCli(['train', '--dataset_mode', 'synthetic', '--smoke', '--batch_size', '100', '--runs_dir', tmp, '--backend', 'cpu']),
      runCli(['train', '--dataset_mode', 'synthetic', '--smoke', '--n_layers_D', '6', '--runs_dir', tmp, '--backend', 'cpu']),
    ]);
    expect(ngf.code).toBe(2);
    expect(ngf.stderr).toBe('pix2pix: --ngf: expected an integer in [1, 4096], got "99999999999"\n');
    expect(batch.stderr).toBe('pix2pix: --batch_size 100: more than the 8 training pairs (--max_dataset_size 8); use --batch_size 8 or less\n');
    expect(batch.code).toBe(2);
    expect(batch.stdout).not.toMatch(/step 1\//);
    expect(deep.code).toBe(2);
    expect(deep.stderr).toMatch(/^pix2pix: --n_layers_D 6 does not fit --crop_size 32: the discriminator would have no patch left/);
  });
});

describe('pix2pix error paths (in-process)', () => {
  it('usage errors exit 2 before anything runs', async () => {
    expect(await inProcess(['train', '--crop_size', '60', '--dataroot', 'x'])).toMatchObject({ code: 2, err: 'pix2pix: --crop_size 60 does not fit unet_64: cannot halve 15 (after 2 of 6 downsamplings); use a multiple of 64\n' });
    expect(await inProcess(['train'])).toMatchObject({ code: 2 });
    expect((await inProcess(['train', '--resume', 'x', '--ngf', '8'])).err).toMatch(/^pix2pix: --ngf: cannot be changed when resuming/);
    expect(await inProcess(['eval'])).toMatchObject({ code: 2, err: 'pix2pix: --checkpoint DIR (a checkpoint folder) or --run DIR (a run folder): required\n' });
    expect(await inProcess(['export', '--run', 'a', '--checkpoint', 'b'])).toMatchObject({ code: 2 });
    expect(await inProcess(['test', '--run', 'a'])).toMatchObject({ code: 2, err: 'pix2pix: --dataroot DIR: required (a folder of images to translate)\n' });
    expect(await inProcess(['bogus'])).toMatchObject({ code: 2 });
  });

  it('a missing checkpoint is an input error (exit 1)', async () => {
    const r = await inProcess(['eval', '--checkpoint', '/nonexistent/ckpt', '--backend', 'cpu']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('pix2pix: no checkpoint at /nonexistent/ckpt (missing model.json)\n');
  });

  it('--help documents each command and exits 0', async () => {
    for (const c of ['train', 'test', 'eval', 'export']) {
      const r = await inProcess([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: pix2pix ${c}`);
    }
    expect((await inProcess(['--version'])).out).toBe('pix2pix 0.1.0\n');
  });
});
