import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

const TINY = ['--smoke', '--dataset_mode', 'synthetic', '--backend', 'wasm', '--print_freq', '1', '--num_threads', '1'];
const runDirIn = (parent: string): string => {
  const [only] = readdirSync(parent);
  if (only === undefined) throw new Error(`no run folder in ${parent}`);
  return join(parent, only);
};
const json = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;

describe('Ctrl-C and --resume', () => {
  it('SIGINT saves a checkpoint and exits 130; --resume ends exactly where an uninterrupted run ends', async () => {
    const straightRoot = mkdtempSync(join(tmpdir(), 'pix2pix-straight-'));
    const cutRoot = mkdtempSync(join(tmpdir(), 'pix2pix-cut-'));
    let sent = false;
    const [straight, cut] = await Promise.all([
      runCli(['train', ...TINY, '--runs_dir', straightRoot]),
      runCli(['train', ...TINY, '--runs_dir', cutRoot], (out, child) => {
        if (!sent && /^step 3\/16 /m.test(out)) {
          sent = true;
          child.kill('SIGINT');
        }
      }),
    ]);
    expect(straight.code).toBe(0);
    expect(cut.code).toBe(130);
    expect(cut.stderr).toMatch(/Ctrl-C: finishing this step and saving a checkpoint/);
    expect(cut.stderr).toMatch(/pix2pix: interrupted at iteration \d+ of 16: saved .*checkpoints\/latest\. Continue with: pix2pix train --resume /);
    const cutDir = runDirIn(cutRoot);
    const info = json(join(cutDir, 'run.json'));
    expect(info['status']).toBe('interrupted');
    const stoppedAt = info['step'] as number;
    expect(stoppedAt).toBeGreaterThanOrEqual(3);
    expect(stoppedAt).toBeLessThanOrEqual(6); // promptly: after the step in progress, not at the end of the epoch
    expect(existsSync(join(cutDir, 'checkpoints', 'latest', 'weights.bin'))).toBe(true);
    expect(existsSync(join(cutDir, 'report.html'))).toBe(true);

    const resumed = await runCli(['train', '--resume', cutDir, '--backend', 'wasm']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`continuing at iteration ${stoppedAt}`);
    const straightDir = runDirIn(straightRoot);
    const weights = (d: string): Buffer => readFileSync(join(d, 'checkpoints', 'latest', 'weights.bin'));
    expect(weights(cutDir).equals(weights(straightDir))).toBe(true);
    expect(json(join(cutDir, 'history.json'))).toEqual(json(join(straightDir, 'history.json')));
    const metrics = (d: string) => json(join(d, 'metrics.json'));
    expect(metrics(cutDir)).toEqual(metrics(straightDir));
    const finalInfo = json(join(cutDir, 'run.json'));
    expect(finalInfo['status']).toBe('complete');
    expect((finalInfo['segments'] as unknown[]).length).toBe(2);

    const again = await runCli(['train', '--resume', cutDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/this run is complete/);
  });
});
