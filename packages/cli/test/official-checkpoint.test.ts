import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { buildOfficialNet, exportPth, officialGenerator, readPth } from '@pix2pix-ts/pix2pix';
import { key } from '@pix2pix-ts/layers';
import { encodePng } from '../src/image/png';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inProcess } from './support/in-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@pix2pix-ts/backends';
import { loadGeneratorDir } from '../src/run/load-generator-dir';
import { sharedDir } from '../../pix2pix/test/support/shared';

const shared = sharedDir();
const fixture = shared === undefined ? undefined : join(shared, 'fixtures', 'pth', 'unet256_ngf8_batch_legacy', 'net.pth');
const present = fixture !== undefined && existsSync(fixture);
if (!present) console.log('official checkpoint CLI tests skipped: ../shared/fixtures/pth not found');


const tmp = mkdtempSync(join(tmpdir(), 'pix2pix-cli-pth-'));

describe.skipIf(!present)('test / eval / export accept an official .pth file or checkpoint folder', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  // Some checks read and build networks in this process: it needs a backend (importing layers installs none).
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('a .pth file and an official folder (<checkpoints_dir>/<name>/latest_net_G.pth) load as the generator, network inferred', async () => {
    const folder = join(tmp, 'checkpoints', 'facades_label2photo');
    mkdirSync(folder, { recursive: true });
    symlinkSync(fixture as string, join(folder, 'latest_net_G.pth'));
    for (const path of [fixture as string, folder]) {
      const loaded = await loadGeneratorDir(path)();
      if (loaded._tag === 'Left') throw new Error(loaded.left.message);
      expect(loaded.right.config.model).toMatchObject({ netG: 'unet_256', ngf: 8, norm: 'batch', inputNc: 3, outputNc: 3 });
      expect(loaded.right.config.data.cropSize).toBe(256);
      loaded.right.dispose();
    }
  });

  it('pix2pix eval --checkpoint FILE.pth on synthetic pairs, and export of an official folder', async () => {
    const evaluated = await inProcess(['eval', '--checkpoint', fixture as string, '--dataset_mode', 'synthetic', '--num_test', '2', '--backend', 'wasm', '--no_fcn']);
    expect(evaluated.err).toBe('');
    expect(evaluated.code).toBe(0);
    expect(evaluated.out).toMatch(/L1/);
    const out = join(tmp, 'exported');
    const exported = await inProcess(['export', '--checkpoint', join(tmp, 'checkpoints', 'facades_label2photo'), '--output', out, '--backend', 'wasm']);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['model.json', 'weights.bin']));
    const back = await loadGeneratorDir(out)();
    expect(back._tag === 'Right' && back.right.config.model.netG).toBe('unet_256');
    if (back._tag === 'Right') back.right.dispose();
  });

  it('pix2pix convert: official .pth -> tfjs folder -> official folder keeps every tensor byte for byte', async () => {
    const tfjsDir = join(tmp, 'converted-tfjs');
    const toTfjs = await inProcess(['convert', '--input', fixture as string, '--output', tfjsDir]);
    expect(toTfjs.err).toBe('');
    expect(toTfjs.code).toBe(0);
    const officialDir = join(tmp, 'checkpoints', 'back');
    const toPth = await inProcess(['convert', '--input', tfjsDir, '--output', officialDir]);
    expect(toPth.err).toBe('');
    expect(toPth.code).toBe(0);
    expect(toPth.out).toMatch(/wrote the official checkpoint .*back: latest_net_G\.pth \(PyTorch: --checkpoints_dir .*checkpoints --name back\)/);
    const original = readPth(new Uint8Array(readFileSync(fixture as string)));
    const back = readPth(new Uint8Array(readFileSync(join(officialDir, 'latest_net_G.pth'))));
    if (original._tag === 'Left' || back._tag === 'Left') throw new Error('unreadable');
    const raw = (v: Float32Array | BigInt64Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    for (const [k, t] of original.right.stateDict) {
      const b = back.right.stateDict.get(k);
      if (t.dtype === 'int64') continue; // num_batches_tracked: the tfjs format does not keep it (written as the step)
      expect(b !== undefined && raw(b.values).equals(raw(t.values)), k).toBe(true);
    }
  });

  it('pix2pix test --checkpoint FILE.pth translates a folder into test_<file> beside the file', async () => {
    const pth = join(tmp, 'label2photo.pth');
    copyFileSync(fixture as string, pth);
    const inputs = join(tmp, 'inputs');
    mkdirSync(inputs, { recursive: true });
    writeFileSync(join(inputs, 'a.png'), encodePng({ width: 256, height: 256, data: new Uint8Array(256 * 256 * 3).fill(200) }));
    const r = await inProcess(['test', '--checkpoint', pth, '--dataroot', inputs, '--backend', 'wasm']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(join(tmp, 'test_label2photo')).length).toBeGreaterThan(0);
  });

  it('pix2pix test --name NAME reads <checkpoints_dir>/<name>/latest_net_G.pth (and <N>_net_G.pth with --epoch N), the official layout', async () => {
    const checkpoints = join(tmp, 'official-layout');
    mkdirSync(join(checkpoints, 'label2photo'), { recursive: true });
    symlinkSync(fixture as string, join(checkpoints, 'label2photo', 'latest_net_G.pth'));
    symlinkSync(fixture as string, join(checkpoints, 'label2photo', '3_net_G.pth'));
    const inputs = join(tmp, 'inputs-by-name');
    mkdirSync(inputs, { recursive: true });
    writeFileSync(join(inputs, 'a.png'), encodePng({ width: 256, height: 256, data: new Uint8Array(256 * 256 * 3).fill(90) }));
    const results = join(tmp, 'results');
    const common = ['--name', 'label2photo', '--checkpoints_dir', checkpoints, '--model', 'test', '--dataset_mode', 'single', '--dataroot', inputs, '--results_dir', results, '--backend', 'wasm'];
    const latest = await inProcess(['test', ...common]);
    expect(latest.err).toBe('');
    expect(latest.code).toBe(0);
    expect(latest.out).toContain(`--name label2photo: checkpoint ${join(checkpoints, 'label2photo', 'latest_net_G.pth')}`);
    expect(readdirSync(join(results, 'label2photo', 'test_latest', 'images'))).toEqual(['a.png']);
    const epoch3 = await inProcess(['test', ...common, '--epoch', '3']);
    expect(epoch3.err).toBe('');
    expect(epoch3.out).toContain(`--name label2photo: checkpoint ${join(checkpoints, 'label2photo', '3_net_G.pth')}`);
    expect(readdirSync(join(results, 'label2photo', 'test_3', 'images'))).toEqual(['a.png']);
  });

  it('a generator the official command line cannot name (unet_32) is exported with a note saying how it loads there', async () => {
    const spec = officialGenerator('unet_32', { ngf: 2 });
    if (spec === undefined) throw new Error('no spec');
    const vars = buildOfficialNet(spec).init(key(0), [1, 32, 32, 3]);
    const file = join(tmp, 'small.pth');
    writeFileSync(file, exportPth(spec, vars));
    const r = await inProcess(['convert', '--input', file, '--to', 'pth', '--output', join(tmp, 'checkpoints', 'small')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/note: the official train\.py \/ test\.py take --netG unet_128 \| unet_256 \| resnet_6blocks \| resnet_9blocks; this unet_32 loads in the official modules as UnetGenerator\(num_downs=5\), built by hand/);
  });

  it('a damaged .pth is one clear line, exit 1', async () => {
    const bad = await inProcess(['eval', '--checkpoint', join(shared as string, 'fixtures', 'pth', 'hostile', 'calls-os-system.pth'), '--dataset_mode', 'synthetic', '--backend', 'cpu']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^pix2pix: .*calls-os-system\.pth: refused to load: the pickle references the global 'posix\.system'/);
  });
});
