import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { useBackend } from '@pix2pix-ts/backends';
import { flattenTree, unflattenTree } from '@pix2pix-ts/layers';
import { disposeState } from '@pix2pix-ts/pix2pix';
import { loadRunCheckpoint, saveState } from '../src/node';
import { LossHistory } from '../src/train/loss-history';
import { runCli } from './support/run-cli';

const TINY = ['--smoke', '--dataset_mode', 'synthetic', '--print_freq', '1', '--num_threads', '1'];
const runDirIn = (parent: string): string => {
  const [only] = readdirSync(parent);
  if (only === undefined) throw new Error(`no run folder in ${parent}`);
  return join(parent, only);
};
const json = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('training faults', () => {
  it('--runs_dir on an unwritable place (/proc) is a clear error, exit 1, no hang', async () => {
    const r = await runCli(['train', ...TINY, '--backend', 'cpu', '--runs_dir', '/proc/pix2pix-runs']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pix2pix: --runs_dir: cannot create folder \/proc\/pix2pix-runs \(ENOENT\): is \/proc a writable place\?/);
  });

  it('SIGTERM saves like Ctrl-C (exit 143); a diverged step stops the run (failed, named, exit 1, checkpoint untouched); --resume keeps the backend and continues with --lr', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pix2pix-faults-'));
    let sent = false;
    const cut = await runCli(['train', ...TINY, '--backend', 'cpu', '--runs_dir', root], (out, child) => {
      if (!sent && /^step 3\/16 /m.test(out)) {
        sent = true;
        child.kill('SIGTERM');
      }
    });
    expect(cut.code).toBe(143);
    expect(cut.stderr).toMatch(/pix2pix: SIGTERM: finishing this step and saving a checkpoint/);
    const dir = runDirIn(root);
    const info = json(join(dir, 'run.json'));
    expect(info['status']).toBe('interrupted');
    expect(info['backend']).toBe('cpu');
    const stoppedAt = info['step'] as number;

    // Poison the saved Adam moments of one G tensor: the next update is ~1e30 × lr, which overflows the forward pass.
    const checkpoints = join(dir, 'checkpoints');
    // Reading a checkpoint here builds its networks: this process needs a backend (importing layers installs none).
    await useBackend('cpu');
    const loaded = await loadRunCheckpoint(join(checkpoints, 'latest'))();
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    const { state, config } = loaded.right;
    const leaves = flattenTree(state.optG.m);
    const [path0, t0] = leaves[0] ?? [];
    if (path0 === undefined || t0 === undefined) throw new Error('no moments');
    const huge = tf.fill(t0.shape, 1e30);
    const poisoned = { ...state, optG: { ...state.optG, m: unflattenTree(state.optG.m, new Map([...leaves, [path0, huge] as const])) } };
    expect(E.isRight(await saveState(join(checkpoints, 'latest'), poisoned, config)())).toBe(true);
    huge.dispose();
    disposeState(state);
    const good = readlinkSync(join(checkpoints, 'latest'));
    const goodSha = sha(join(checkpoints, good, 'weights.bin'));

    const failed = await runCli(['train', '--resume', dir]);
    expect(failed.stdout).toContain("backend: cpu (the run's own, from run.json; --backend to change)");
    expect(failed.code).toBe(1);
    const named = new RegExp(`pix2pix: training diverged at iteration (\\d+) \\(epoch 1\\): (loss \\w+ is (NaN|-?Infinity)|the weights after it are not finite).*the newest checkpoint \\(step ${stoppedAt}\\) is untouched.*--resume .* --lr 2\\.0e-5`).exec(failed.stderr);
    expect(named).not.toBeNull();
    const divergedAt = Number(named?.[1]);
    expect(divergedAt).toBeGreaterThan(stoppedAt);
    const failedInfo = json(join(dir, 'run.json'));
    expect(failedInfo['status']).toBe('failed');
    expect(failedInfo['failure']).toMatchObject({ step: divergedAt });
    expect(readlinkSync(join(checkpoints, 'latest'))).toBe(good);
    expect(sha(join(checkpoints, good, 'weights.bin'))).toBe(goodSha);
    // The diverged step is in the history (its losses, non-finite ones as strings: see divergence.test.ts), which reads back.
    const failedHistory = LossHistory.decode(json(join(dir, 'history.json')));
    expect(E.isRight(failedHistory) && failedHistory.right.buckets.reduce((n, b) => n + b.count, 0)).toBe(divergedAt);

    // A much lower rate absorbs the poisoned moments: the run continues from the last good checkpoint to the end.
    const resumed = await runCli(['train', '--resume', dir, '--lr', '1e-33']);
    expect(resumed.stderr).not.toMatch(/pix2pix:/);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`continuing at iteration ${stoppedAt}`);
    expect(resumed.stdout).toContain('learning rate: 1e-33 (was 0.0002)');
    const done = json(join(dir, 'run.json'));
    expect(done['status']).toBe('complete');
    expect(done['failure']).toBeUndefined();
    expect((done['segments'] as Array<{ backend: string }>).map((s) => s.backend)).toEqual(['cpu', 'cpu', 'cpu']);
    const history = LossHistory.decode(json(join(dir, 'history.json')));
    expect(E.isRight(history) && history.right.buckets.every((b) => Number.isFinite(b.G_L1))).toBe(true);
    expect(E.isRight(history) && history.right.buckets.reduce((n, b) => n + b.count, 0)).toBe(16);
  });

  it('a run killed (-9) before its first save point resumes from checkpoints/init after removing what the kill left; a failed save point fails the run (recorded), which resumes from init', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pix2pix-kill-'));
    let sent = false;
    const killed = await runCli(['train', ...TINY, '--backend', 'wasm', '--runs_dir', root], (out, child) => {
      if (!sent && /^step 2\/16 /m.test(out)) {
        sent = true;
        child.kill('SIGKILL');
      }
    });
    expect(killed.signal).toBe('SIGKILL');
    const dir = runDirIn(root);
    const checkpoints = join(dir, 'checkpoints');
    expect(readdirSync(checkpoints)).toEqual(['init']);
    // What a kill inside the first save would leave: an unfinished state folder.
    mkdirSync(join(checkpoints, 'state-000001'));
    writeFileSync(join(checkpoints, 'state-000001', 'weights.bin'), 'partial');
    writeFileSync(join(dir, 'run.json.tmp-4242'), '{"format":'); // a kill between a JSON file's write and its rename
    // A save point that fails (its sample sheet cannot be written: `samples` is a file) fails the run, recorded.
    rmSync(join(dir, 'samples'), { recursive: true, force: true });
    writeFileSync(join(dir, 'samples'), 'in the way');
    const failed = await runCli(['train', '--resume', dir]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("backend: wasm (the run's own, from run.json; --backend to change)");
    expect(failed.stdout).toContain(`removed the leftover of an interrupted save: ${join(checkpoints, 'state-000001')}`);
    expect(failed.stdout).toContain(`removed the leftover of an interrupted save: ${join(dir, 'run.json.tmp-4242')}`);
    expect(existsSync(join(dir, 'run.json.tmp-4242'))).toBe(false);
    expect(failed.stdout).toContain(`continuing from ${join(checkpoints, 'init')}`);
    expect(failed.stderr).toMatch(/pix2pix: .*samples\/epoch-001\.png: cannot write/);
    expect(json(join(dir, 'run.json'))).toMatchObject({ status: 'failed', failure: { step: 8 } });
    // The failed run resumes from its newest checkpoint: still init (the failure came before the full state's save).
    rmSync(join(dir, 'samples'));
    const resumed = await runCli(['train', '--resume', dir]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`continuing from ${join(checkpoints, 'init')}`);
    expect(json(join(dir, 'run.json'))['status']).toBe('complete');
    expect(existsSync(join(checkpoints, 'latest', 'complete.json'))).toBe(true);
  });
});
