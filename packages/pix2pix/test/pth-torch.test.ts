import * as tf from '@tensorflow/tfjs-core';
import { disposeTree, flattenTree, key, shaped } from '@pix2pix-ts/layers';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOfficialNet, describeOfficialNet, exportPth, importPth, readPth, type OfficialNet } from '../src/index';
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

/** PyTorch writes views (offset, transposed strides, a shared storage) and every storage type; both containers. */
const VIEWS_SCRIPT = `
import json, sys, torch
base = torch.arange(60, dtype=torch.float32) / 7 - 3
m = base.view(6, 10)
sd = {
  'slice_with_offset': base[13:29],
  'transposed': m.t(),
  'strided_rows': m[::2, 1::3],
  'permuted_4d': base[:48].view(2, 3, 2, 4).permute(3, 1, 0, 2),
  'half': (base[:9] * 1.37).half(),
  'bfloat16': (base[:7] * 0.5).bfloat16(),
  'double': base[:5].double() / 3,
  'long': torch.tensor([3, -2, 2**40], dtype=torch.int64),
  'scalar': torch.tensor(2.5),
}
out = {k: {'shape': list(v.shape), 'values': [float(x) for x in v.float().flatten()] if v.is_floating_point() else [int(x) for x in v.flatten()]} for k, v in sd.items()}
torch.save(sd, sys.argv[1])
torch.save(sd, sys.argv[2], _use_new_zipfile_serialization=False)
print(json.dumps(out))
`;

describe.skipIf(missing !== undefined)('PyTorch-written views and storage types read exactly', () => {
  it('storage offsets, transposed and stepped strides, permuted 4-D views, float16/bfloat16/float64/int64, scalars: zip and legacy', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'pix2pix-pth-views-'));
    try {
      const [zip, legacy] = [join(tmp, 'views-zip.pth'), join(tmp, 'views-legacy.pth')];
      const r = spawnSync('/usr/bin/python3', ['-c', VIEWS_SCRIPT, zip, legacy], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const expected = JSON.parse(r.stdout) as Record<string, { shape: number[]; values: number[] }>;
      for (const file of [zip, legacy]) {
        const read = readPth(new Uint8Array(readFileSync(file)));
        if (read._tag === 'Left') throw new Error(read.left.message);
        expect(read.right.format).toBe(file === zip ? 'zip' : 'legacy');
        for (const [k, e] of Object.entries(expected)) {
          const t = read.right.stateDict.get(k);
          expect(t?.shape, `${file} ${k}`).toEqual(e.shape);
          const got: number[] = t === undefined ? [] : t.values instanceof Float32Array ? Array.from(t.values) : Array.from(t.values, (v) => Number(v));
          // float64 -> float32 rounds; every other type is exact.
          e.values.forEach((v, i) => expect(got[i], `${file} ${k}[${i}]`).toBeCloseTo(v, k === 'double' ? 6 : 12));
          expect(got.length).toBe(e.values.length);
        }
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe.skipIf(missing !== undefined)('round trip through the real peer: our nets as .pth, run by the official modules (strict=True)', () => {
  beforeAll(async () => {
    await onBackend('cpu');
    dir = mkdtempSync(join(tmpdir(), 'pix2pix-pth-torch-'));
    CASES.forEach(({ spec, side }, i) => {
      const net = buildOfficialNet(spec);
      const shape = [2, spec.inputNc, side, side];
      const init = net.init(key(100 + i), [2, side, side, spec.inputNc]);
      // One training-mode pass moves the batch-norm running statistics off their defaults.
      const warm = shaped(tf.randomUniform([2, side, side, spec.inputNc], -1, 1, 'float32', 200 + i), [2, side, side, spec.inputNc]);
      const state = flattenTree(init.state).length === 0 ? init.state : net.apply(init.params, init.state, warm, { training: true, dropout: false, key: key(1) }).state;
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
          const { y } = net.apply(imported.right.vars.params, imported.right.vars.state, shaped(x, [null, null, null, null]), { training: false, dropout: false, batchStats: mode === 'train' });
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
