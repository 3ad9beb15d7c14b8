import * as tf from '@tensorflow/tfjs-core';
import { flattenTree } from '@pix2pix-ts/layers';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeState, initTrainState, loadCheckpoint, patchGanOf, saveCheckpoint, unetGeneratorOf, type TrainState } from '../src/index';
import { fileCheckpoint } from '../src/node';
import { key } from '@pix2pix-ts/layers';
import { onBackend } from './support/backends';
import { tinyState } from './support/tiny';
import { trainTiny } from './support/train-tiny';

const here = dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'pix2pix-ckpt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const values = (s: TrainState): Array<[string, number[]]> =>
  [s.g.params, s.g.state, s.d.params, s.d.state, s.optG.m, s.optG.v, s.optD.m, s.optD.v].flatMap((tree, i) =>
    flattenTree(tree).map(([p, t]): [string, number[]] => [`${i}.${p}`, Array.from(t.dataSync())]),
  );

describe('checkpoints (cpu)', () => {
  beforeAll(() => onBackend('cpu'));

  it('resume is exact: 20 steps = 10 steps, save, load in a fresh process, 10 steps', async () => {
    const straight = trainTiny(tinyState(7), 20);
    const half = trainTiny(tinyState(7), 10);
    const config = { netG: 'unet', ngf: 4 };
    const saved = await saveCheckpoint(fileCheckpoint(join(tmp, 'half')), half, config)();
    expect(E.isRight(saved)).toBe(true);
    execFileSync(process.execPath, ['--import', 'tsx', '--conditions=source', join(here, 'support', 'resume-child.ts'), join(tmp, 'half'), '10', join(tmp, 'resumed')], {
      cwd: join(here, '..'),
      stdio: 'inherit',
    });
    const like = tinyState(123);
    const resumed = await loadCheckpoint(fileCheckpoint(join(tmp, 'resumed')), like)();
    disposeState(like);
    if (E.isLeft(resumed)) throw new Error(resumed.left.message);
    expect(resumed.right.config).toEqual(config);
    expect(resumed.right.state.step).toBe(20);
    expect(resumed.right.state.optG.step).toBe(20);
    expect(values(resumed.right.state)).toEqual(values(straight));
    disposeState(resumed.right.state);
    disposeState(straight);
    disposeState(half);
  }, 300_000);

  it('saves leave no temporary folders: `latest` is a link to the newest of two kept state folders', async () => {
    const s = tinyState(1);
    for (let i = 0; i < 3; i++) expect(E.isRight(await saveCheckpoint(fileCheckpoint(join(tmp, 'atomic', 'latest')), s, {})())).toBe(true);
    expect(readdirSync(join(tmp, 'atomic')).sort()).toEqual(['latest', 'state-000002', 'state-000003']);
    for (let i = 0; i < 2; i++) expect(E.isRight(await saveCheckpoint(fileCheckpoint(join(tmp, 'atomic', 'init')), s, {})())).toBe(true);
    expect(readdirSync(join(tmp, 'atomic')).sort()).toEqual(['init', 'latest', 'state-000002', 'state-000003']);
    disposeState(s);
  });

  describe('a corrupt or mismatched checkpoint is a clear error', () => {
    let dir = '';
    beforeAll(async () => {
      dir = join(tmp, 'good');
      const s = tinyState(2);
      await saveCheckpoint(fileCheckpoint(dir), s, {})();
      disposeState(s);
    });

    const load = async (d: string, like: TrainState) => {
      const r = await loadCheckpoint(fileCheckpoint(d), like)();
      disposeState(like);
      return r;
    };

    it('missing folder', async () => {
      const r = await load(join(tmp, 'nope'), tinyState(0));
      expect(E.isLeft(r) && r.left.message).toMatch(/no checkpoint at .*nope/);
    });

    it('a model of another size: names the tensor and both shapes', async () => {
      const other = initTrainState({ generator: unetGeneratorOf({ depth: 5, ngf: 8, outChannels: 3 }), discriminator: patchGanOf({ nLayers: 3, ndf: 4 }) }, key(0), [1, 32, 32, 3], 3);
      const r = await load(dir, other);
      expect(E.isLeft(r) && r.left.message).toMatch(/g\.params: .*tensor '0\.kernel' has shape \[4, 4, 3, 4\], expected \[4, 4, 3, 8\]/);
    });

    it('truncated weights', async () => {
      const bad = join(tmp, 'truncated');
      execFileSync('cp', ['-r', dir, bad]);
      truncateSync(join(bad, 'weights.bin'), 100);
      const r = await load(bad, tinyState(0));
      expect(E.isLeft(r) && r.left.message).toMatch(/weights\.bin is not the size complete\.json records/);
      // A folder of the earlier format (no completion marker): the manifest's sizes catch it.
      rmSync(join(bad, 'complete.json'));
      const unmarked = await load(bad, tinyState(0));
      expect(E.isLeft(unmarked) && unmarked.left.message).toMatch(/weights are 100 bytes, the manifest describes \d+/);
    });

    it('a manifest that is not ours', async () => {
      const bad = join(tmp, 'foreign');
      execFileSync('cp', ['-r', dir, bad]);
      const m = JSON.parse(readFileSync(join(bad, 'model.json'), 'utf8')) as { modelTopology: { format: string } };
      m.modelTopology.format = 'keras';
      writeFileSync(join(bad, 'model.json'), JSON.stringify(m));
      const r = await load(bad, tinyState(0));
      expect(E.isLeft(r) && r.left.message).toMatch(/not a pix2pix-ts\/checkpoint v1 manifest/);
    });
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const s = tinyState(3);
    await saveCheckpoint(fileCheckpoint(join(tmp, 'mem')), s, {})();
    const like = tinyState(4);
    const r = await loadCheckpoint(fileCheckpoint(join(tmp, 'mem')), like)();
    disposeState(like);
    disposeState(s);
    if (E.isRight(r)) disposeState(r.right.state);
    expect(tf.memory().numTensors).toBe(before);
  });
});
