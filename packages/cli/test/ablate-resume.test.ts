import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ablateCommand, type AblateOptions, type CliEnv } from '../src/node';

/** A tiny loss study on the synthetic facades: 4 pairs at 32x32, 2 epochs, 4 test images, 5 runs. */
const tiny = (out: string): AblateOptions => ({ study: 'loss', preset: 'smoke', dataset_mode: 'synthetic', max_dataset_size: 4, num_test: 4, num_samples: 2, out });

/** An environment that captures stdout and aborts (as Ctrl-C does) when `stopWhen` first matches it. */
function envStoppingAt(stopWhen: RegExp | undefined): { readonly env: CliEnv; readonly out: () => string } {
  const controller = new AbortController();
  let out = '';
  const env: CliEnv = {
    stdout: {
      isTTY: false,
      columns: () => 100,
      write: (s) => {
        out += s;
        if (stopWhen !== undefined && !controller.signal.aborted && stopWhen.test(out)) controller.abort();
      },
    },
    stderr: () => undefined,
    now: () => performance.now(),
    date: () => new Date(),
    signal: controller.signal,
  };
  return { env, out: () => out };
}

const json = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;

describe('pix2pix ablate: a half-done study resumes', () => {
  it('Ctrl-C in the second variant saves it; the same command keeps the first, resumes the second from its checkpoint, trains the rest', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pix2pix-ablate-resume-'));
    const first = envStoppingAt(/\[2\/5 l1-s0\] step 1\/8 /);
    const stopped = await ablateCommand({ ...tiny(out), n_epochs: 1, n_epochs_decay: 1 }, first.env)();
    expect(stopped._tag).toBe('Left');
    if (stopped._tag === 'Left') {
      expect(stopped.left._tag).toBe('Interrupted');
      expect(stopped.left.message).toMatch(/study interrupted in l1-s0 \(saved\)\. Continue with the same command/);
    }
    const runs = join(out, 'runs');
    const folderOf = (name: string): string => {
      const f = readdirSync(runs).find((d) => d.startsWith(`${name}-2`));
      if (f === undefined) throw new Error(`no folder for ${name}`);
      return join(runs, f);
    };
    const baseline = folderOf('l1_cgan-s0');
    const half = folderOf('l1-s0');
    expect(json(join(baseline, 'run.json'))['status']).toBe('complete');
    expect(existsSync(join(out, 'evals', 'l1_cgan-s0.json'))).toBe(true);
    const halfInfo = json(join(half, 'run.json'));
    expect(halfInfo['status']).toBe('interrupted');
    const stoppedAt = halfInfo['step'] as number;
    expect(stoppedAt).toBeLessThan(8);
    expect(readdirSync(runs)).toHaveLength(2); // nothing started after the interrupted variant
    // The report is written for what is done so far.
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/4 of 5 runs are not finished/);
    const baselineWeights = statSync(join(baseline, 'checkpoints', 'latest', 'weights.bin')).mtimeMs;

    // Another budget in the same folder is refused: it would mix incomparable runs in one table.
    const other = await ablateCommand({ ...tiny(out), n_epochs: 2, n_epochs_decay: 1 }, envStoppingAt(undefined).env)();
    expect(other._tag === 'Left' && other.left.message).toMatch(/cannot be resumed with these options: its budget has nEpochs 1, not 2/);

    // --report_only beside it: evaluates what is finished, trains nothing, leaves the stopped run as it is.
    const reportOnly = envStoppingAt(undefined);
    const reported = await ablateCommand({ ...tiny(out), n_epochs: 1, n_epochs_decay: 1, report_only: true }, reportOnly.env)();
    expect(reported._tag).toBe('Right');
    expect(reportOnly.out()).toContain('[2/5 l1-s0] not finished: left out (--report_only)');
    expect(reportOnly.out()).toMatch(/1 of 5 runs evaluated/);
    expect(json(join(half, 'run.json'))['step']).toBe(stoppedAt);
    expect(readdirSync(runs)).toHaveLength(2);

    const again = envStoppingAt(undefined);
    const done = await ablateCommand({ ...tiny(out), n_epochs: 1, n_epochs_decay: 1 }, again.env)();
    expect(done._tag).toBe('Right');
    const log = again.out();
    expect(log).toContain(`[1/5 l1_cgan-s0] L1+cGAN, seed 0: trained (${baseline})`);
    expect(log).toContain(`[1/5 l1_cgan-s0] evaluation cached`);
    expect(log).toContain(`[2/5 l1-s0] L1, seed 0: resuming ${half} at step ${stoppedAt} of 8`);
    expect(log).toContain(`continuing at iteration ${stoppedAt}`);
    expect(log).toMatch(/5 of 5 runs evaluated/);
    // The finished variant was not trained again; the resumed one has two segments in one folder.
    expect(statSync(join(baseline, 'checkpoints', 'latest', 'weights.bin')).mtimeMs).toBe(baselineWeights);
    expect(json(join(half, 'run.json'))['status']).toBe('complete');
    expect((json(join(half, 'run.json'))['segments'] as unknown[]).length).toBe(2);
    expect(readdirSync(runs)).toHaveLength(5);
    const table = json(join(out, 'ablation.json'));
    expect(table['evaluated']).toBe(5);
  });
});
