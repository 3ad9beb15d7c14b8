import * as tf from '@tensorflow/tfjs-core';
import { disposeTree, shaped } from '@pix2pix-ts/layers';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOfficialNet,
  describeOfficialNet,
  exportPth,
  importPth,
  inferOfficialNet,
  normaliseStateDict,
  officialGenerator,
  officialLayout,
  readPth,
  writePth,
  type OfficialNet,
  type PthContents,
} from '../src/index';
import { NODE_BACKENDS, onBackend } from './support/backends';
import { loadParityCase, maxAbsDiff } from './support/fixtures';
import { sharedDir } from './support/shared';

const shared = sharedDir();
const pthDir = shared === undefined ? undefined : join(shared, 'fixtures', 'pth');
const present = pthDir !== undefined && existsSync(pthDir);
if (!present) console.log('.pth fixture tests skipped: ../shared/fixtures/pth not found (set PIX2PIX_SHARED)');

const CASES = present ? readdirSync(pthDir).filter((d) => d !== 'hostile' && existsSync(join(pthDir, d, 'net.pth'))).sort() : [];

interface Meta {
  readonly net: string;
  readonly input_nc: number;
  readonly output_nc: number;
  readonly ngf: number;
  readonly ndf: number;
  readonly n_layers_D: number;
  readonly norm: 'batch' | 'instance' | 'none';
  readonly use_dropout: boolean;
  readonly format: 'zip' | 'legacy';
  readonly key_prefix: string;
  readonly old_instance_norm_keys: boolean;
  readonly state_dict: ReadonlyArray<{ readonly key: string; readonly shape: readonly number[]; readonly dtype: string }>;
}

const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(join(pthDir as string, name)));
const metaOf = (name: string): Meta => (JSON.parse(readFileSync(join(pthDir as string, name, 'tensors.json'), 'utf8')) as { meta: Meta }).meta;

function right<A>(e: { _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: A }): A {
  if (e._tag === 'Left') throw new Error(e.left.message);
  return e.right;
}

/** The network a fixture's meta names, in this package's terms. */
function specOf(m: Meta): OfficialNet {
  if (m.net === 'basic' || m.net === 'n_layers') return { net: 'n_layers', nLayers: m.net === 'basic' ? 3 : m.n_layers_D, ndf: m.ndf, inputNc: m.input_nc, norm: m.norm };
  if (m.net === 'pixel') return { net: 'pixel', ndf: m.ndf, inputNc: m.input_nc, norm: m.norm };
  const g = officialGenerator(m.net, { ngf: m.ngf, norm: m.norm, inputNc: m.input_nc, outputNc: m.output_nc, dropout: m.use_dropout });
  if (g === undefined) throw new Error(`unknown net ${m.net}`);
  return g;
}

describe.skipIf(!present)('.pth fixtures written by PyTorch: container, keys, inference', () => {
  // Import builds our network's trees (tensors): a backend must be set up, as any caller's must.
  beforeAll(() => onBackend('cpu'));

  it.each(CASES)('%s: every key, shape and dtype as PyTorch listed them, in file order', (name) => {
    const m = metaOf(name);
    const contents: PthContents = right(readPth(bytesOf(join(name, 'net.pth'))));
    expect(contents.format).toBe(m.format);
    expect([...contents.stateDict].map(([key, t]) => ({ key, shape: [...t.shape], dtype: t.dtype }))).toEqual(m.state_dict.map((e) => ({ ...e, shape: [...e.shape] })));
  });

  it.each(CASES)('%s: the official layout is the file minus the prefix and old keys, and the network is inferred', (name) => {
    const m = metaOf(name);
    const clean = normaliseStateDict(right(readPth(bytesOf(join(name, 'net.pth')))).stateDict);
    expect(clean.keyPrefix).toBe(m.key_prefix);
    expect(clean.dropped.length > 0).toBe(m.old_instance_norm_keys);
    expect(clean.dropped.every((k) => /running_(mean|var)$/.test(k))).toBe(true);
    const spec = specOf(m);
    expect(officialLayout(spec).map((e) => e.key)).toEqual([...clean.stateDict.keys()]);
    // A U-Net's dropout leaves no trace in a state dict: inference reports the official default (on).
    expect(inferOfficialNet(clean.stateDict)).toEqual(spec.net === 'unet' ? { ...spec, dropout: true } : spec);
  });

  it.each(CASES)('%s: import then export keeps every tensor byte for byte', (name) => {
    const original = normaliseStateDict(right(readPth(bytesOf(join(name, 'net.pth')))).stateDict).stateDict;
    const imported = right(importPth(bytesOf(join(name, 'net.pth'))));
    const half = [...original.values()].some((t) => t.dtype === 'float16');
    const exported = exportPth(imported.spec, imported.vars, { numBatchesTracked: imported.numBatchesTracked, ...(half ? { dtype: 'float16' as const } : {}) });
    const back = right(readPth(exported)).stateDict;
    expect([...back.keys()]).toEqual([...original.keys()]);
    const raw = (v: Float32Array | BigInt64Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    for (const [k, t] of original) {
      const b = back.get(k);
      expect(b?.dtype, k).toBe(t.dtype);
      // Buffer.equals: a byte comparison (+0 / -0 and NaN payloads included), fast on large tensors.
      expect(b !== undefined && raw(b.values).equals(raw(t.values)), `${k}: bytes differ`).toBe(true);
    }
    disposeTree(imported.vars.params);
    disposeTree(imported.vars.state);
  });

  it('a file of PyTorch < 0.4.1 (no num_batches_tracked) loads, as PyTorch loads it, and exports with the counts at 0', () => {
    const sd = normaliseStateDict(right(readPth(bytesOf('unet256_ngf8_batch_zip/net.pth'))).stateDict).stateDict;
    const old = new Map([...sd].filter(([k]) => !k.endsWith('num_batches_tracked')));
    expect(old.size).toBeLessThan(sd.size);
    const imported = right(importPth(writePth(old)));
    expect(imported.spec).toMatchObject({ net: 'unet', downs: 8, ngf: 8, norm: 'batch' });
    expect(imported.numBatchesTracked.size).toBe(0);
    const back = right(readPth(exportPth(imported.spec, imported.vars))).stateDict;
    expect([...back.keys()]).toEqual([...sd.keys()]);
    expect(back.get('model.model.1.model.2.num_batches_tracked')?.values[0]).toBe(0n);
    disposeTree(imported.vars.params);
    disposeTree(imported.vars.state);
  });

  it('a file that does not fit the network asked for names the first differing key and what it looks like', () => {
    const expectUnet = officialGenerator('unet_256', { ngf: 64 });
    const r = importPth(bytesOf('unet256_ngf8_batch_zip/net.pth'), { ...(expectUnet === undefined ? {} : { expect: expectUnet }) });
    expect(r._tag).toBe('Left');
    if (r._tag === 'Left') {
      expect(r.left.kind).toBe('mismatch');
      expect(r.left.message).toBe(
        "the checkpoint does not fit unet_256 (ngf 64, batch norm, 3 -> 3 channels): key 'model.model.0.weight' has shape [8, 3, 4, 4] in the file, the network expects [64, 3, 4, 4]; the file looks like unet_256 (ngf 8, batch norm, 3 -> 3 channels)",
      );
    }
    const resnet = officialGenerator('resnet_9blocks', { ngf: 8 });
    const r2 = importPth(bytesOf('unet256_ngf8_batch_zip/net.pth'), { ...(resnet === undefined ? {} : { expect: resnet }) });
    expect(r2._tag === 'Left' && r2.left.message).toMatch(/does not fit resnet_9blocks .*key 'model.1.weight' .* is missing from the file; the file looks like unet_256 \(ngf 8/);
  });
});

describe.skipIf(!present)('hostile .pth files are refused without running anything', () => {
  const cases: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['calls-os-system.pth', 'refused', /global 'posix\.system'.*nothing was run/],
    ['calls-os-system-legacy.pth', 'refused', /global 'posix\.system'.*nothing was run/],
    ['calls-eval.pth', 'refused', /global 'builtins\.eval'.*nothing was run/],
    ['truncated-zip.pth', 'truncated', /truncated zip archive/],
    ['truncated-legacy.pth', 'truncated', /storage '\d+' \(\d+ elements\) ends at byte \d+, past the end of the file \(3426472 bytes\)/],
    ['not-a-checkpoint.pth', 'not-a-checkpoint', /an HTML or XML page, not a PyTorch checkpoint/],
  ];
  it.each(cases)('%s: %s', (file, kind, message) => {
    const marker = '/tmp/pix2pix-pth-pwned';
    const before = existsSync(marker);
    for (const r of [readPth(bytesOf(join('hostile', file))), importPth(bytesOf(join('hostile', file)))]) {
      expect(r._tag).toBe('Left');
      if (r._tag === 'Left') {
        expect(r.left.kind).toBe(kind);
        expect(r.left.message).toMatch(message);
      }
    }
    if (!before) expect(existsSync(marker)).toBe(false);
  });
});

const report: string[] = [];

describe.skipIf(!present).each(NODE_BACKENDS)('.pth fixtures: our network from the file computes what PyTorch computed, on %s', (backend) => {
  beforeAll(() => onBackend(backend));

  it.each(CASES)('%s: output_eval and output_train to 1e-4 max abs', (name) => {
    const imported = right(importPth(bytesOf(join(name, 'net.pth'))));
    const net = buildOfficialNet(imported.spec);
    const c = loadParityCase(shared as string, name, 'pth');
    const x = c.tensor('input');
    for (const mode of ['eval', 'train'] as const) {
      // eval: running statistics; train: batch statistics. Dropout off in both, as the fixtures were made.
      const { y } = net.apply(imported.vars.params, imported.vars.state, shaped(x, [null, null, null, null]), { training: false, dropout: false, batchStats: mode === 'train' });
      const expected = c.tensor(`output_${mode}`);
      const err = maxAbsDiff(y, expected);
      report.push(`${backend} ${name} (${describeOfficialNet(imported.spec)}) ${mode}: max abs ${err.toExponential(2)}`);
      expect(err, `${name} ${mode}`).toBeLessThan(1e-4);
      tf.dispose([y, expected]);
    }
    x.dispose();
    disposeTree(imported.vars.params);
    disposeTree(imported.vars.state);
  });

  afterAll(() => console.log(report.filter((l) => l.startsWith(backend)).join('\n')));
});
