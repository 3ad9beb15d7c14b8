import * as tf from '@tensorflow/tfjs-core';
import { disposeTree, flattenTree, key } from '@pix2pix-ts/layers';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOfficialNet, describeOfficialNet, exportPth, importPth, type OfficialNet } from '../src/index';
import { NODE_BACKENDS, onBackend } from './support/backends';
import { sharedDir } from './support/shared';
import { runOfficial, torchMissing } from './support/torch-peer';

const shared = sharedDir();
const missing = shared === undefined ? '../shared not found (set PIX2PIX_SHARED)' : torchMissing();
// On CI the peer is installed (.ci/run installs python3-torch): a missing one is a failure there, not a skip.
if (missing !== undefined && process.env['CI'] !== undefined) throw new Error(`round trip through PyTorch: ${missing}`);
if (missing !== undefined) console.log(`round trip through PyTorch skipped: ${missing}`);

/** Every family, every norm, dropout both ways; small widths, each at the smallest size it accepts (or a bit more). */
const CASES: ReadonlyArray<{ readonly spec: OfficialNet; readonly side: number }> = [
  { spec: { net: 'unet', downs: 8, ngf: 4, inputNc: 3, outputNc: 3, norm: 'batch', dropout: true }, side: 256 },
  { spec: { net: 'unet', downs: 7, ngf: 4, inputNc: 1, outputNc: 2, norm: 'instance', dropout: false }, side: 128 },
  { spec: { net: 'unet', downs: 5, ngf: 4, inputNc: 3, outputNc: 3, norm: 'none', dropout: true }, side: 64 },
  { spec: { net: 'resnet', blocks: 9, ngf: 4, inputNc: 3, outputNc: 3, norm: 'batch', dropout: true }, side: 32 },
  { spec: { net: 'resnet', blocks: 6, ngf: 4, inputNc: 3, outputNc: 1, norm: 'instance', dropout: false }, side: 32 },
  { spec: { net: 'resnet', blocks: 6, ngf: 2, inputNc: 2, outputNc: 3, norm: 'none', dropout: false }, side: 16 },
  { spec: { net: 'n_layers', nLayers: 3, ndf: 4, inputNc: 6, norm: 'batch' }, side: 64 },
  { spec: { net: 'n_layers', nLayers: 1, ndf: 4, inputNc: 4, norm: 'instance' }, side: 32 },
  { spec: { net: 'n_layers', nLayers: 5, ndf: 2, inputNc: 6, norm: 'none' }, side: 128 },
  { spec: { net: 'pixel', ndf: 4, inputNc: 6, norm: 'batch' }, side: 16 },
  { spec: { net: 'pixel', ndf: 4, inputNc: 6, norm: 'instance' }, side: 16 },
];

interface Peer {
  readonly pth: Uint8Array;
  readonly input: Float32Array;
  readonly shape: readonly number[];
  readonly torch: { readonly eval: Float32Array; readonly train: Float32Array };
}

const peers = new Map<number, Peer>();
const report: string[] = [];
let dir = '';

describe.skipIf(missing !== undefined)('round trip through the real peer: our nets as .pth, run by the official modules (strict=True)', () => {
  beforeAll(async () => {
    await onBackend('cpu');
    dir = mkdtempSync(join(tmpdir(), 'pix2pix-pth-torch-'));
    CASES.forEach(({ spec, side }, i) => {
      const net = buildOfficialNet(spec);
      const shape = [2, spec.inputNc, side, side];
      const init = net.impl.init(key(100 + i), [2, side, side, spec.inputNc]);
      // One training-mode pass moves the batch-norm running statistics off their defaults.
      const warm = tf.randomUniform([2, side, side, spec.inputNc], -1, 1, 'float32', 200 + i);
      const state = flattenTree(init.state).length === 0 ? init.state : net.impl.apply(init.params, init.state, warm, { training: true, dropout: false, key: key(1) }).state;
      const pth = exportPth(spec, { params: init.params, state }, { numBatchesTracked: 1n });
      const file = join(dir, `net-${i}.pth`);
      writeFileSync(file, pth);
      const input = tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', 300 + i).dataSync() as Float32Array);
      peers.set(i, {
        pth,
        input,
        shape,
        torch: { eval: runOfficial(shared as string, dir, file, spec, input, shape, 'eval'), train: runOfficial(shared as string, dir, file, spec, input, shape, 'train') },
      });
      tf.dispose(warm);
      if (state !== init.state) disposeTree(state);
      disposeTree(init.params);
      disposeTree(init.state);
    });
  });

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
    console.log(report.join('\n'));
  });

  describe.each(NODE_BACKENDS)('on %s', (backend) => {
    beforeAll(() => onBackend(backend));

    it.each(CASES.map((c, i) => ({ ...c, i, name: describeOfficialNet(c.spec) })))('$name: outputs agree to 1e-5 in eval and train mode', ({ spec, i }) => {
      const peer = peers.get(i);
      if (peer === undefined) throw new Error('no peer output');
      // The file we exported, read back: what the official code ran is what we run.
      const imported = importPth(peer.pth, { expect: spec });
      if (imported._tag === 'Left') throw new Error(imported.left.message);
      const net = buildOfficialNet(spec);
      const x = tf.tidy(() => tf.transpose(tf.tensor(peer.input, [...peer.shape]), [0, 2, 3, 1]));
      for (const mode of ['eval', 'train'] as const) {
        const worst = tf.tidy(() => {
          const { y } = net.impl.apply(imported.right.vars.params, imported.right.vars.state, x, { training: false, dropout: false, batchStats: mode === 'train' });
          const theirs = tf.tensor(peer.torch[mode], [y.shape[0] ?? 0, y.shape[3] ?? 0, y.shape[1] ?? 0, y.shape[2] ?? 0]);
          return tf.max(tf.abs(tf.sub(y, tf.transpose(theirs, [0, 2, 3, 1])))).dataSync()[0] ?? Number.NaN;
        });
        report.push(`${backend} ${describeOfficialNet(spec)} ${mode}: max abs ${worst.toExponential(2)}`);
        expect(worst, `${mode}`).toBeLessThan(1e-5);
      }
      x.dispose();
      disposeTree(imported.right.vars.params);
      disposeTree(imported.right.vars.state);
    });
  });
});
