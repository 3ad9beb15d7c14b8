import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { PathReporter } from 'io-ts/PathReporter';
import { describe, expect, it } from 'vitest';
import { holdChromium } from '../../../test-support/chromium-lock';
import { loadGenerator, loadRunCheckpoint, main, RunInfo, SplitMetrics, type CliEnv } from '@pix2pix-ts/cli/node';
import { translate } from '@pix2pix-ts/pix2pix';
import { fileCheckpoint } from '@pix2pix-ts/pix2pix/node';
import { locateSharedFacades } from '@pix2pix-ts/datasets/node';
import { facadesTrainArgs, hasChromium, REPO_ROOT, runFacadesExample, screenshotReport } from '../src/index';

const captured = (): { env: (s: AbortSignal) => CliEnv; out: () => string; err: () => string } => {
  let out = '';
  let err = '';
  return {
    env: (signal) => ({ stdout: { isTTY: false, columns: () => 100, write: (s) => void (out += s) }, stderr: (s) => void (err += s), now: () => performance.now(), date: () => new Date(), signal }),
    out: () => out,
    err: () => err,
  };
};

describe('facadesTrainArgs', () => {
  it('adds the example defaults unless given', () => {
    expect(facadesTrainArgs('/d', '/r', [])).toEqual(['train', '--dataroot', '/d', '--direction', 'BtoA', '--name', 'facades', '--runs_dir', '/r', '--time_limit', '12']);
    expect(facadesTrainArgs('/d', '/r', ['--smoke', '--runs_dir=/x'])).toEqual(['train', '--dataroot', '/d', '--direction', 'BtoA', '--name', 'facades-smoke', '--time_limit', '12', '--smoke', '--runs_dir=/x']);
    expect(facadesTrainArgs('/d', '/r', ['--preset', 'paper'])).not.toContain('--time_limit');
  });
});

describe('npm run example:facades -- --smoke (end to end)', () => {
  it('trains, evaluates, reports; the report renders in Chromium; export, test and eval work on the run', async () => {
    const shared = await locateSharedFacades(REPO_ROOT);
    const runs = mkdtempSync(join(tmpdir(), 'facades-smoke-'));
    // With the shared Facades copy this is the real data (a few pairs at 32x32); without it, the synthetic facades.
    const data = shared === undefined ? ['--dataset_mode', 'synthetic', '--dataroot', 'unused'] : [];
    if (shared === undefined) console.log('smoke: no shared Facades copy (../shared/data/facades): using the synthetic facades');
    const code = await runFacadesExample(['--smoke', '--runs_dir', runs, '--print_freq', '4', ...data]);
    expect(code).toBe(0);
    const [name] = readdirSync(runs);
    expect(name).toMatch(/^facades-smoke-\d{8}-\d{6}$/);
    const dir = join(runs, name ?? '');
    for (const f of ['config.json', 'run.json', 'history.json', 'metrics.json', 'report.html', 'samples/epoch-001.png', 'samples/epoch-002.png', 'checkpoints/init/model.json', 'checkpoints/latest/weights.bin', 'checkpoints/epoch-002/model.json']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const info = RunInfo.decode(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')));
    if (E.isLeft(info)) throw new Error(PathReporter.report(info).join('\n'));
    expect(info.right.status).toBe('complete');
    expect(info.right.savePoints.map((p) => p.epoch)).toEqual([1, 2]);
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as { final: unknown; init: unknown };
    expect(SplitMetrics.is(metrics.final) && SplitMetrics.is(metrics.init)).toBe(true);

    // The report: self-contained, loads with no console errors, every image present.
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('<svg');
    if (!hasChromium()) {
      console.log('report screenshot skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');
    } else {
      const png = join(dir, 'screenshot.png');
      const release = await holdChromium('facades/smoke.test.ts');
      const shot = await screenshotReport(join(dir, 'report.html'), png, { width: 1000 }).finally(release);
      expect(shot.problems).toEqual([]);
      expect(shot.external).toEqual([]);
      expect(shot.brokenImages).toBe(0);
      expect(statSync(png).size).toBeGreaterThan(20_000);
    }

    // export: the generator alone, read back and run as the browser demo would.
    const ex = captured();
    expect(await main(['export', '--run', dir, '--backend', 'cpu'], ex.env)).toBe(0);
    const handler = fileCheckpoint(join(dir, 'export'));
    const artifacts = await handler.load?.();
    if (artifacts === undefined) throw new Error('no export');
    const g = loadGenerator(artifacts);
    if (E.isLeft(g)) throw new Error(g.left);
    expect(g.right.manifest).toMatchObject({ format: 'pix2pix-ts/generator', size: 32, direction: 'BtoA', step: 16, model: { netG: 'unet_32', ngf: 8 } });
    const ckpt = await loadRunCheckpoint(join(dir, 'checkpoints', 'latest'))();
    if (E.isLeft(ckpt)) throw new Error(ckpt.left.message);
    const x = tf.randomUniform([1, 32, 32, 3], -1, 1, 'float32', 3) as tf.Tensor4D;
    const y1 = translate(g.right.generator, g.right.vars, x, { dropout: false });
    const y2 = translate(ckpt.right.nets.generator, ckpt.right.state.g, x, { dropout: false });
    expect(Array.from(y1.dataSync())).toEqual(Array.from(y2.dataSync()));
    tf.dispose([x, y1, y2]);

    // eval of the step-0 checkpoint (the ablation's "untrained") equals what the run reported. --no_fcn: the
    // run's own evaluation has no FCN-score (its segmenter is eval's extra, 3,000 steps of training).
    const ev = captured();
    const out = join(dir, 'init-metrics.json');
    expect(await main(['eval', '--checkpoint', join(dir, 'checkpoints', 'init'), '--backend', 'wasm', '--no_fcn', '--output', out], ev.env)).toBe(0);
    const initAgain = JSON.parse(readFileSync(out, 'utf8')) as { final: { l1: number; ssim: number } };
    expect(initAgain.final).toEqual(metrics.init);
    expect(ev.out()).toMatch(/L1 ↓\s+PSNR ↑\s+SSIM ↑/);

    // eval of the last epoch's generator-only snapshot equals the run's final metrics.
    const ev2 = captured();
    const out2 = join(dir, 'final-metrics.json');
    expect(await main(['eval', '--checkpoint', join(dir, 'checkpoints', 'epoch-002'), '--backend', 'wasm', '--no_fcn', '--output', out2], ev2.env)).toBe(0);
    expect((JSON.parse(readFileSync(out2, 'utf8')) as { final: unknown }).final).toEqual(metrics.final);

    // test: translate a folder (aligned AB files) into PNGs.
    const t = captured();
    const src = shared === undefined ? undefined : join(shared, 'val');
    if (src !== undefined) {
      expect(await main(['test', '--run', dir, '--dataroot', src, '--dataset_mode', 'aligned', '--num_test', '3', '--backend', 'wasm', '--results_dir', join(dir, 'test_out')], t.env)).toBe(0);
      expect(readdirSync(join(dir, 'test_out')).filter((f) => f.endsWith('.png'))).toHaveLength(3);
    }
  });
});
