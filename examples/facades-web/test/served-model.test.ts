import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@pix2pix-ts/backends';
import { disposeTree } from '@pix2pix-ts/layers';
import { translate } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDir } from '../../../packages/pix2pix/test/support/shared';
import { startDemoServer } from '../server/demo-server';
import { servedModelOf } from '../server/served-model';
import { loadModel } from '../src/load-model';

const shared = sharedDir();
const fixtureDir = shared === undefined ? undefined : join(shared, 'fixtures', 'pth', 'unet256_ngf8_batch_legacy');
const present = fixtureDir !== undefined && existsSync(join(fixtureDir, 'net.pth'));
if (!present) console.log('demo .pth tests skipped: ../shared/fixtures/pth not found');

/** A tensor of the fixture's `tensors.{json,bin}` (float32). */
function fixtureTensor(dir: string, name: string): { shape: number[]; values: Float32Array } {
  const meta = JSON.parse(readFileSync(join(dir, 'tensors.json'), 'utf8')) as { tensors: { name: string; shape: number[]; offset: number; length: number }[] };
  const t = meta.tensors.find((x) => x.name === name);
  if (t === undefined) throw new Error(`no ${name} in the fixture`);
  const bin = readFileSync(join(dir, 'tensors.bin'));
  return { shape: t.shape, values: new Float32Array(bin.buffer.slice(bin.byteOffset + t.offset, bin.byteOffset + t.offset + t.length * 4)) };
}

describe.skipIf(!present)('npm run demo -- --model FILE.pth (or an official checkpoint folder)', () => {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'demo-pth-')));
  const dist = join(tmp, 'dist');
  const logged: string[] = [];
  beforeAll(async () => {
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), 'demo page');
    await useBackend('cpu');
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('converts the .pth once into a temporary tfjs folder that the page loads and that computes what PyTorch does', async () => {
    const fixture = fixtureDir as string;
    const found = await servedModelOf(join(fixture, 'net.pth'), (line) => logged.push(line))();
    if (E.isLeft(found)) throw found.left;
    const served = found.right;
    expect(served.convertedFrom).toBe(join(fixture, 'net.pth'));
    expect(logged.join('\n')).toMatch(/exported unet_256 \(ngf 8, 256x256/);
    const started = await startDemoServer({ dist, model: served.dir })();
    if (E.isLeft(started)) throw started.left;
    try {
      // The page's own loader, on the URL the page asks for.
      const loaded = await loadModel({ kind: 'url', url: `${started.right.url}/model/model.json` })();
      if (E.isLeft(loaded)) throw loaded.left;
      const model = loaded.right;
      expect(model.spec).toMatchObject({ netG: 'unet_256', ngf: 8 });
      expect(model.size).toBe(256);
      // Running statistics, dropout off: PyTorch's eval-mode output of the same weights (NCHW -> NHWC).
      const input = fixtureTensor(fixture, 'input');
      const expected = fixtureTensor(fixture, 'output_eval');
      const maxAbs = tf.tidy(() => {
        const x = tf.transpose(tf.tensor4d(input.values, [1, 3, 256, 256]), [0, 2, 3, 1]) as tf.Tensor4D;
        const y = translate(model.generator, model.vars, x, { dropout: false, batchStats: false });
        const want = tf.transpose(tf.tensor4d(expected.values, [1, 3, 256, 256]), [0, 2, 3, 1]);
        return tf.max(tf.abs(tf.sub(y, want))).dataSync()[0] ?? Infinity;
      });
      expect(maxAbs).toBeLessThan(1e-4);
      disposeTree(model.vars.params);
      disposeTree(model.vars.state);
    } finally {
      await started.right.close()();
      await served.dispose();
    }
    expect(existsSync(served.dir)).toBe(false);
  });

  it('an official checkpoint folder (<checkpoints_dir>/<name>/latest_net_G.pth) is served the same way', async () => {
    const folder = join(tmp, 'checkpoints', 'facades_label2photo');
    mkdirSync(folder, { recursive: true });
    symlinkSync(join(fixtureDir as string, 'net.pth'), join(folder, 'latest_net_G.pth'));
    const found = await servedModelOf(folder, () => undefined)();
    if (E.isLeft(found)) throw found.left;
    expect(found.right.convertedFrom).toBe(folder);
    expect(existsSync(join(found.right.dir, 'model.json'))).toBe(true);
    await found.right.dispose();
  });

  it('a file that is not a checkpoint, a damaged .pth and a missing path are refused with one line each', async () => {
    const notes = join(tmp, 'notes.txt');
    writeFileSync(notes, 'not a model');
    const html = join(shared as string, 'fixtures', 'pth', 'hostile', 'not-a-checkpoint.pth');
    const refusals: string[] = [];
    for (const path of [notes, ...(existsSync(html) ? [html] : []), join(tmp, 'nothing-here')]) {
      const r = await servedModelOf(path, () => undefined)();
      if (E.isRight(r)) throw new Error(`${path} was accepted`);
      expect(r.left.message).not.toContain('\n');
      refusals.push(r.left.message);
    }
    expect(refusals[0]).toBe(
      `--model ${notes}: not a model; expected a checkpoint or export folder (model.json + weights.bin), a run folder (checkpoints/latest), an official PyTorch .pth file, or an official checkpoint folder (<checkpoints_dir>/<name>/latest_net_G.pth)`,
    );
    if (existsSync(html)) expect(refusals[1]).toMatch(/^--model .*not-a-checkpoint\.pth: not a loadable official checkpoint: /);
    expect(refusals[refusals.length - 1]).toBe(`--model ${join(tmp, 'nothing-here')}: no such file or folder`);
  });
});
