import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoaderOptionsCodec } from '@pix2pix-ts/datasets';
import { RunConfig } from '../src/index';
import { inProcess } from './support/in-process';

const TINY = ['--smoke', '--dataset_mode', 'synthetic', '--backend', 'cpu', '--num_threads', '0', '--n_epochs', '1', '--n_epochs_decay', '0', '--print_freq', '8'];

describe('the run configuration is validated once', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a new run decodes no configuration (built from the options); a resume decodes config.json once, nothing else', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pix2pix-decode-once-'));
    const runDecodes = vi.spyOn(RunConfig, 'validate');
    const loaderDecodes = vi.spyOn(LoaderOptionsCodec, 'validate');
    const fresh = await inProcess(['train', ...TINY, '--runs_dir', root]);
    expect(fresh.err).toBe('');
    expect(fresh.code).toBe(0);
    expect(runDecodes).toHaveBeenCalledTimes(0);
    expect(loaderDecodes).toHaveBeenCalledTimes(0);

    // The finished run, marked interrupted at its last step: a resume reads everything back and has nothing to train.
    const dir = join(root, readdirSync(root)[0] ?? '');
    const info = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...info, status: 'interrupted', metrics: null }));
    const resumed = await inProcess(['train', '--resume', dir, '--backend', 'cpu']);
    expect(resumed.err).toBe('');
    expect(resumed.code).toBe(0);
    expect(runDecodes).toHaveBeenCalledTimes(1);
    expect(loaderDecodes).toHaveBeenCalledTimes(1); // inside that one decode: the loader is opened from it as it is
  });
});
