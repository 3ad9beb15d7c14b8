import { existsSync, lstatSync, mkdirSync, renameSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as fc from 'fast-check';
import { flattenTree, unflattenTree } from '@pix2pix-ts/layers';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeState, firstNonFinite, loadCheckpoint, saveCheckpoint, type TrainState } from '../src/index';
import { cleanCheckpoints, fileCheckpoint, newestCompleteState, resolveCheckpoint, unsafeWeightsPath } from '../src/node';
import { onBackend } from './support/backends';
import { tinyState } from './support/tiny';

const root = mkdtempSync(join(tmpdir(), 'pix2pix-ckpt-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => {
  const d = join(root, `case-${n++}`);
  mkdirSync(d, { recursive: true });
  return d;
};

const save = async (dir: string, state: TrainState): Promise<void> => {
  const r = await saveCheckpoint(fileCheckpoint(dir), state, { tag: 'test' })();
  if (E.isLeft(r)) throw new Error(r.left.message);
};
const loadStep = async (dir: string, like: TrainState): Promise<E.Either<string, number>> => {
  const r = await loadCheckpoint(fileCheckpoint(dir), like)();
  if (E.isLeft(r)) return E.left(r.left.message);
  disposeState(r.right.state);
  return E.right(r.right.state.step);
};
const withStep = (s: TrainState, step: number): TrainState => ({ ...s, step });
const manifestOf = (dir: string): { weightsManifest: Array<{ paths: string[]; weights: Array<{ name: string; dtype: string }> }> } =>
  JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { weightsManifest: Array<{ paths: string[]; weights: Array<{ name: string; dtype: string }> }> };

describe('crash-safe checkpoints (cpu)', () => {
  let state: TrainState;
  beforeAll(async () => {
    await onBackend('cpu');
    state = tinyState(3);
  });
  afterAll(() => disposeState(state));

  it('`latest` is versioned: each save is a new complete state-NNNNNN folder, `latest` links to it, two are kept', async () => {
    const ckpts = freshDir();
    const latest = join(ckpts, 'latest');
    for (const step of [1, 2, 3]) await save(latest, withStep(state, step));
    expect(readdirSync(ckpts).sort()).toEqual(['latest', 'state-000002', 'state-000003']);
    expect(lstatSync(latest).isSymbolicLink()).toBe(true);
    expect(readlinkSync(latest)).toBe('state-000003');
    expect(existsSync(join(ckpts, 'state-000003', 'complete.json'))).toBe(true);
    expect(await loadStep(latest, state)).toEqual(E.right(3));
  });

  // Every instant of a save leaves one of these on disk beside the previous complete state.
  const crashLeftovers: ReadonlyArray<readonly [string, (folder: string) => void]> = [
    ['an empty folder', () => undefined],
    ['half the weights', (f) => writeFileSync(join(f, 'weights.bin'), Buffer.alloc(100))],
    ['weights and manifest, no marker', (f) => writeFileSync(join(f, 'model.json'), '{}')],
    ['a torn marker', (f) => writeFileSync(join(f, 'complete.json'), '{"format":"pix2pix-ts/checkpoint-comp')],
  ];
  for (const [what, leave] of crashLeftovers) {
    it(`a save killed leaving ${what}: the previous state loads, and the cleanup removes the leftover`, async () => {
      const ckpts = freshDir();
      const latest = join(ckpts, 'latest');
      await save(latest, withStep(state, 7));
      const partial = join(ckpts, 'state-000002');
      mkdirSync(partial);
      leave(partial);
      expect(await resolveCheckpoint(latest)).toBe(join(ckpts, 'state-000001'));
      expect(await loadStep(latest, state)).toEqual(E.right(7));
      const cleaned = await cleanCheckpoints(ckpts);
      expect(cleaned.removed).toEqual([partial]);
      expect(existsSync(partial)).toBe(false);
      // The next save does not reuse a half-written name's content.
      await save(latest, withStep(state, 8));
      expect(await loadStep(latest, state)).toEqual(E.right(8));
    });
  }

  it('a save killed after its marker but before the link: the new state is the newest; the cleanup re-points the link', async () => {
    const ckpts = freshDir();
    const latest = join(ckpts, 'latest');
    await save(latest, withStep(state, 1));
    await save(latest, withStep(state, 2));
    // Simulate the old link: point latest back at state-000001 and leave a temporary link.
    rmSync(latest);
    symlinkSync('state-000001', latest);
    symlinkSync('state-000002', join(ckpts, '.latest.tmp-123-456'));
    expect(await loadStep(latest, state)).toEqual(E.right(2));
    await cleanCheckpoints(ckpts);
    expect(readlinkSync(latest)).toBe('state-000002');
    expect(readdirSync(ckpts).some((x) => x.includes('.tmp-'))).toBe(false);
  });

  it('a crash between the two renames of a plain folder (init) leaves it under a temporary name: the cleanup moves it back', async () => {
    const ckpts = freshDir();
    await save(join(ckpts, 'init'), withStep(state, 0));
    renameSync(join(ckpts, 'init'), join(ckpts, '.init.old-1-2'));
    mkdirSync(join(ckpts, '.init.tmp-1-2')); // the unfinished new copy
    const cleaned = await cleanCheckpoints(ckpts);
    expect(cleaned.restored).toEqual([join(ckpts, 'init')]);
    expect(readdirSync(ckpts)).toEqual(['init']);
    expect(await loadStep(join(ckpts, 'init'), state)).toEqual(E.right(0));
  });

  it('a `latest` folder of the earlier format loads, and the first versioned save supersedes it', async () => {
    const ckpts = freshDir();
    const latest = join(ckpts, 'latest');
    await save(join(ckpts, 'old'), withStep(state, 4));
    renameSync(join(ckpts, 'old'), latest);
    rmSync(join(latest, 'complete.json'));
    expect(await loadStep(latest, state)).toEqual(E.right(4));
    await save(latest, withStep(state, 5));
    expect(lstatSync(latest).isSymbolicLink()).toBe(true);
    expect(await loadStep(latest, state)).toEqual(E.right(5));
    expect(await newestCompleteState(ckpts)).toBe(join(ckpts, 'state-000001'));
  });

  it('a manifest whose weights paths point outside its folder is refused, naming the path', async () => {
    const dir = freshDir();
    const ck = join(dir, 'ck');
    await save(ck, withStep(state, 1));
    writeFileSync(join(dir, 'secret.bin'), readFileSync(join(ck, 'weights.bin')));
    for (const p of ['../secret.bin', join(dir, 'secret.bin'), 'sub/../../secret.bin']) {
      const m = manifestOf(ck);
      m.weightsManifest[0] = { ...m.weightsManifest[0], paths: [p], weights: m.weightsManifest[0]?.weights ?? [] };
      writeFileSync(join(ck, 'model.json'), JSON.stringify(m));
      const r = await loadStep(ck, state);
      expect(E.isLeft(r) && r.left.includes(`weights path "${p}"`) && r.left.includes('refused')).toBe(true);
    }
    // A link named like a weights file but leading outside is refused too.
    const m = manifestOf(ck);
    m.weightsManifest[0] = { ...m.weightsManifest[0], paths: ['linked.bin'], weights: m.weightsManifest[0]?.weights ?? [] };
    writeFileSync(join(ck, 'model.json'), JSON.stringify(m));
    symlinkSync(join(dir, 'secret.bin'), join(ck, 'linked.bin'));
    const r = await loadStep(ck, state);
    expect(E.isLeft(r) && r.left.includes('weights path "linked.bin" leads outside the checkpoint folder')).toBe(true);
  });

  it('unsafeWeightsPath accepts only plain file names (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/), (name) => {
        expect(unsafeWeightsPath(name) === undefined).toBe(name !== '.' && name !== '..');
        expect(unsafeWeightsPath(`../${name}`)).toBeDefined();
        expect(unsafeWeightsPath(`/${name}`)).toBeDefined();
        expect(unsafeWeightsPath(`a/${name}`)).toBeDefined();
      }),
      { seed: 16 },
    );
  });

  it('a dtype changed to int32 in the manifest is refused at load, naming the tensor', async () => {
    const ck = join(freshDir(), 'ck');
    await save(ck, withStep(state, 1));
    const m = manifestOf(ck);
    const w = m.weightsManifest[0]?.weights[2];
    if (w === undefined) throw new Error('no third tensor');
    w.dtype = 'int32';
    writeFileSync(join(ck, 'model.json'), JSON.stringify(m));
    const r = await loadStep(ck, state);
    expect(r).toEqual(E.left(`tensor ${w.name}: dtype int32, expected float32`));
  });

  it('a checkpoint holding a NaN is refused at load, naming the tensor; a NaN state is never saved over a good one', async () => {
    const ckpts = freshDir();
    const latest = join(ckpts, 'latest');
    await save(latest, withStep(state, 5));
    const folder = await resolveCheckpoint(latest);
    const m = manifestOf(folder);
    const first = m.weightsManifest[0]?.weights[0]?.name ?? '';
    const bytes = readFileSync(join(folder, 'weights.bin'));
    bytes.writeFloatLE(Number.NaN, 0);
    const tampered = join(ckpts, 'tampered');
    mkdirSync(tampered);
    writeFileSync(join(tampered, 'weights.bin'), bytes);
    writeFileSync(join(tampered, 'model.json'), JSON.stringify(m));
    const r = await loadStep(tampered, state);
    expect(E.isLeft(r) && r.left.includes(`${first}[0] is NaN`)).toBe(true);

    const { g } = state;
    const leaves = flattenTree(g.params);
    const [path0, t0] = leaves[0] ?? [];
    if (path0 === undefined || t0 === undefined) throw new Error('no leaves');
    const nanTensor = tf.fill(t0.shape, Number.POSITIVE_INFINITY);
    const badParams = unflattenTree(g.params, new Map([...leaves, [path0, nanTensor] as const]));
    const saved = await saveCheckpoint(fileCheckpoint(latest), { ...state, step: 6, g: { ...g, params: badParams } }, {})();
    expect(E.isLeft(saved) && saved.left.message.includes(`g.params.${path0}[0] is Infinity`)).toBe(true);
    nanTensor.dispose();
    expect(await loadStep(latest, state)).toEqual(E.right(5));
    expect(readdirSync(ckpts).filter((x) => x.startsWith('state-'))).toEqual(['state-000001']);
  });

  it('firstNonFinite finds exactly the first non-finite value (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(Number.NaN, Infinity, -Infinity)), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (values, parts) => {
        const data = new Float32Array(values).buffer;
        const size = Math.ceil(values.length / parts);
        const specs = Array.from({ length: Math.ceil(values.length / size) }, (_, i) => ({ name: `t${i}`, shape: [Math.min(size, values.length - i * size)], dtype: 'float32' as const }));
        const at = values.findIndex((v) => !Number.isFinite(Math.fround(v)));
        const found = firstNonFinite(data, specs);
        if (at < 0) expect(found).toBeUndefined();
        else expect(found).toEqual({ tensor: `t${Math.floor(at / size)}`, index: at % size, value: Math.fround(values[at] ?? 0) });
      }),
      { seed: 16 },
    );
  });

  it('a truncated weights file of a marked folder is refused', async () => {
    const ck = join(freshDir(), 'ck');
    await save(ck, withStep(state, 1));
    truncateSync(join(ck, 'weights.bin'), 64);
    const r = await loadStep(ck, state);
    expect(E.isLeft(r) && r.left.includes('is not the size complete.json records')).toBe(true);
  });
});
