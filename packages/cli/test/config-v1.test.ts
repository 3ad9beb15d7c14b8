import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOADER_OPTIONS } from '@pix2pix-ts/datasets';
import { buildRunConfig, migrateRunConfigV1, RunConfig, RunConfigV1 } from '../src/index';
import { runCli } from './support/run-cli';

/** A `config.json` as the previous version wrote it (version 1: the official data options under their own names). */
const V1 = {
  format: 'pix2pix-ts/run-config',
  version: 1,
  preset: 'smoke',
  data: {
    mode: 'synthetic',
    dataroot: null,
    direction: 'BtoA',
    phase: 'train',
    evalPhase: 'test',
    preprocess: 'resize_and_crop',
    loadSize: 36,
    cropSize: 32,
    noFlip: false,
    serialBatches: true,
    batchSize: 3,
    maxDatasetSize: null,
    numThreads: 2,
  },
  model: { netG: 'unet_32', netD: 'n_layers', nLayersD: 1, ngf: 8, ndf: 8, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3, initType: 'normal', initGain: 0.02, netDInput: 'conditional' },
  objective: { ganMode: 'vanilla', lambdaL1: 100, lr: 2e-4, beta1: 0.5, lrPolicy: 'linear', lrDecayIters: 50, nEpochs: 1, nEpochsDecay: 1 },
  run: { name: 'synthetic', runsDir: 'runs', seed: 7, printFreq: 4, displayFreq: 1, saveEpochFreq: 1, numSamples: 4, timeLimitMinutes: null },
  test: { dropout: true, batchStats: true, numTest: 8 },
} as const;

/** The inverse of the migration, for a run folder written by this version: its files as the previous version wrote them. */
const toV1 = (c: RunConfig): RunConfigV1 => {
  const { shuffle, workers, maxDatasetSize, seed: _seed, prefetch: _p, skipBad: _s, strict: _st, dropLast: _d, maxPixels: _m, ...rest } = c.data;
  return { ...c, version: 1, data: { ...rest, serialBatches: !shuffle, maxDatasetSize: maxDatasetSize ?? null, numThreads: workers } };
};

describe('a version 1 run configuration (written by the previous version)', () => {
  it('decodes, migrated: the same loader (order, workers, all pairs), the run seed as the loader seed', () => {
    const decoded = RunConfig.decode(JSON.parse(JSON.stringify(V1)));
    if (E.isLeft(decoded)) throw new Error('a version 1 config.json no longer decodes');
    const c = decoded.right;
    expect(c.version).toBe(2);
    expect(c.data).toEqual({
      mode: 'synthetic',
      dataroot: null,
      direction: 'BtoA',
      phase: 'train',
      evalPhase: 'test',
      preprocess: 'resize_and_crop',
      loadSize: 36,
      cropSize: 32,
      noFlip: false,
      batchSize: 3,
      shuffle: false,
      seed: 7,
      prefetch: 12,
      skipBad: true,
      strict: false,
      dropLast: false,
      maxDatasetSize: undefined,
      workers: 2,
      maxPixels: DEFAULT_LOADER_OPTIONS.maxPixels,
    });
    expect(c.model).toEqual(V1.model);
    expect(c.run).toEqual(V1.run);
    // Once migrated it is a current configuration: it round-trips as one.
    expect(RunConfig.decode(JSON.parse(JSON.stringify(RunConfig.encode(c))))).toEqual(E.right(c));
  });

  it('the migration and its inverse agree with what the options build today', () => {
    const built = buildRunConfig({ dataset_mode: 'synthetic', smoke: true, serial_batches: true, num_threads: 0, seed: 3, batch_size: 2 });
    if (E.isLeft(built)) throw new Error(built.left.message);
    expect(migrateRunConfigV1(toV1(built.right))).toEqual(built.right);
  });

  it('a bad version 1 file is refused with the field named', () => {
    const bad = RunConfig.decode({ ...V1, data: { ...V1.data, numThreads: -1 } });
    expect(E.isLeft(bad)).toBe(true);
    expect(E.isLeft(RunConfig.decode({ ...V1, version: 3 }))).toBe(true);
  });

  it('an interrupted run folder of the previous version resumes and ends exactly where an uninterrupted run ends', async () => {
    const TINY = ['--smoke', '--dataset_mode', 'synthetic', '--backend', 'wasm', '--print_freq', '1', '--num_threads', '1'];
    const straightRoot = mkdtempSync(join(tmpdir(), 'pix2pix-v1-straight-'));
    const cutRoot = mkdtempSync(join(tmpdir(), 'pix2pix-v1-cut-'));
    let sent = false;
    const [straight, cut] = await Promise.all([
      runCli(['train', ...TINY, '--runs_dir', straightRoot]),
      runCli(['train', ...TINY, '--runs_dir', cutRoot], (out, child) => {
        if (!sent && /^step 10\/16 /m.test(out)) {
          sent = true;
          child.kill('SIGINT');
        }
      }),
    ]);
    expect(straight.code).toBe(0);
    expect(cut.code).toBe(130);
    const only = (root: string): string => join(root, readdirSync(root)[0] ?? '');
    const cutDir = only(cutRoot);
    // Make it a folder of the previous version: config.json and every checkpoint's manifest at version 1.
    const v2 = RunConfig.decode(JSON.parse(readFileSync(join(cutDir, 'config.json'), 'utf8')));
    if (E.isLeft(v2)) throw new Error('config.json');
    writeFileSync(join(cutDir, 'config.json'), JSON.stringify(toV1(v2.right), null, 2));
    for (const c of readdirSync(join(cutDir, 'checkpoints'))) {
      const manifest = join(cutDir, 'checkpoints', c, 'model.json');
      const m = JSON.parse(readFileSync(manifest, 'utf8')) as { modelTopology: { config: unknown } };
      const mc = RunConfig.decode(m.modelTopology.config);
      if (E.isLeft(mc)) throw new Error(manifest);
      m.modelTopology.config = toV1(mc.right);
      writeFileSync(manifest, JSON.stringify(m));
    }
    expect(JSON.parse(readFileSync(join(cutDir, 'config.json'), 'utf8'))).toMatchObject({ version: 1, data: { numThreads: 1 } });

    const resumed = await runCli(['train', '--resume', cutDir, '--backend', 'wasm']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const straightDir = only(straightRoot);
    const read = (d: string, f: string): Buffer => readFileSync(join(d, f));
    expect(read(cutDir, 'checkpoints/latest/weights.bin').equals(read(straightDir, 'checkpoints/latest/weights.bin'))).toBe(true);
    expect(JSON.parse(read(cutDir, 'metrics.json').toString())).toEqual(JSON.parse(read(straightDir, 'metrics.json').toString()));
  });
});
