import * as E from 'fp-ts/Either';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderWithoutSharedAbove } from '../../test-support/folder-without-shared';
import { parseArgs } from '../src/args';
import { configById } from '../src/configs';
import { markdownTables, mergeDocuments, peakEntry, resultRow, torchComparisons, torchTable, type BenchDocument } from '../src/report';
import { summarize } from '../src/stats';
import { DEFAULT_PYTHON, locateOfficialNets, measureTorch, parseTorchOutput, probeTorch, torchRow, type TorchRow } from '../src/torch-peer';
import type { MeasureResult } from '../src/wire';

const output = { torch: '1.13.0', threads: 2, size: 64, initMs: 40, firstStepMs: 150, samples: [50, 40, 45] };

describe('the PyTorch script output', () => {
  it('decodes the last line of stdout as the JSON object, whatever was printed before', () => {
    const r = parseTorchOutput(`UserWarning: something\n${JSON.stringify(output)}\n\n`);
    expect(r).toEqual(E.right(output));
    expect(torchRow('a', output)).toMatchObject({ config: 'a', threads: 2, torch: '1.13.0', step: { median: 45, min: 40, max: 50, runs: 3 } });
  });
  it('says what is wrong with anything else', () => {
    const missing = parseTorchOutput(JSON.stringify({ ...output, samples: undefined }));
    expect(E.isLeft(missing) && missing.left.message).toMatch(/samples/);
    const garbage = parseTorchOutput('Traceback (most recent call last)');
    expect(E.isLeft(garbage) && garbage.left.message).toMatch(/not JSON/);
    expect(E.isLeft(parseTorchOutput(''))).toBe(true);
  });
});

describe('locating official_nets.py', () => {
  const root = mkdtempSync(join(tmpdir(), 'bench-nets-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  it('takes $PIX2PIX_SHARED/tools, else the first shared/tools on the way up', () => {
    mkdirSync(join(root, 'shared', 'tools'), { recursive: true });
    writeFileSync(join(root, 'shared', 'tools', 'official_nets.py'), '');
    mkdirSync(join(root, 'repo', 'bench', 'src'), { recursive: true });
    expect(locateOfficialNets(join(root, 'repo', 'bench', 'src'), {})).toBe(join(root, 'shared', 'tools'));
    expect(locateOfficialNets(join(root, 'repo'), { PIX2PIX_SHARED: join(root, 'shared') })).toBe(join(root, 'shared', 'tools'));
    // Nothing from a folder with no shared/ on its way up (tmpdir() is not one when the checkout sits in /tmp).
    const lonely = folderWithoutSharedAbove();
    if (lonely !== undefined) expect(locateOfficialNets(lonely, { PIX2PIX_SHARED: join(root, 'nowhere') })).toBeUndefined();
  });
});

describe('ours vs PyTorch', () => {
  const measured = (config: 'a' | 'b', impl: 'ours' | 'tfjs-layers', ms: number, threads?: number): MeasureResult => ({
    config,
    impl,
    backend: 'wasm',
    initMs: 1,
    firstStepMs: 2,
    step: summarize([ms, ms, ms]),
    forward: summarize([1]),
    peakBytes: 2 ** 20,
    tensorsPerStep: 10,
    kernelsPerStep: 9,
    tensorsHeld: 5,
    leakedPerStep: 0,
    leftAfterDispose: 0,
    ...(threads === undefined ? {} : { threads }),
  });
  const torchAt = (config: 'a' | 'b', threads: number, ms: number): TorchRow => ({ config, threads, torch: '1.13.0', initMs: 1, firstStepMs: 2, step: summarize([ms]) });
  const doc = (results: MeasureResult[], torch: BenchDocument['torch']): BenchDocument => {
    const peaks = [peakEntry('wasm', null)];
    return {
      schema: 'pix2pix-ts-bench/1',
      mode: 'default',
      chunks: [],
      machine: { cpuModel: 'x', logicalCpus: 2, avx512: true, memoryGiB: 1, node: 'v20', platform: 'linux', loadAvgStart: [], loadAvgEnd: [] },
      runners: [],
      flopRule: '',
      peaks,
      results: results.map((r) => resultRow(r, peaks)),
      dataLoading: [],
      skipped: [],
      ...(torch === undefined ? {} : { torch }),
    };
  };
  const both = doc([measured('a', 'ours', 60), measured('a', 'ours', 36, 2), measured('a', 'tfjs-layers', 90), measured('b', 'ours', 300)], {
    rows: [torchAt('a', 2, 30), torchAt('a', 1, 40), torchAt('b', 1, 250)],
    unavailable: null,
  });

  it('compares every ours row with the PyTorch rows of its configuration (ratio of medians)', () => {
    const c = torchComparisons(both);
    expect(c.map((x) => `${x.config}/${x.threads}`)).toEqual(['a/1', 'a/2', 'b/1']);
    expect(c[0]?.torch).toEqual([
      { threads: 1, ms: 40, ratio: 1.5 },
      { threads: 2, ms: 30, ratio: 2 },
    ]);
    expect(c[1]?.torch.map((t) => t.ratio)).toEqual([0.9, 1.2]);
    expect(c[2]?.torch).toEqual([{ threads: 1, ms: 250, ratio: 1.2 }]);
  });

  it('prints the ratios, the threads of our rows, and a dash where a thread count was not measured', () => {
    const table = torchTable(both);
    expect(table).toContain('| PyTorch 1 thread ms | ours vs PyTorch 1t | PyTorch 2 threads ms | ours vs PyTorch 2t |');
    expect(table).toContain(`| ${configById('a').label} | wasm, 1 | 60.0 | 40.0 | 1.50x | 30.0 | 2.00x |`);
    expect(table).toContain(`| ${configById('a').label} | wasm, 2 | 36.0 | 40.0 | 0.90x | 30.0 | 1.20x |`);
    expect(table).toContain(`| ${configById('b').label} | wasm, 1 | 300 | 250 | 1.20x | — | — |`);
    expect(table).toContain('PyTorch 1.13.0');
    expect(markdownTables(both)).toContain('ours vs PyTorch 2t');
    expect(markdownTables(both)).toContain('| wasm ×2 threads | ours |');
  });

  it('says why the rows are missing, and prints nothing for files without them', () => {
    expect(torchTable(doc([measured('a', 'ours', 60)], { rows: [], unavailable: 'PyTorch not importable by /usr/bin/python3' }))).toBe(
      'PyTorch rows skipped: PyTorch not importable by /usr/bin/python3.',
    );
    expect(torchTable(doc([measured('a', 'ours', 60)], undefined))).toBe('');
  });

  it('merges chunks: newer PyTorch rows replace those of the same configuration and thread count; ours rows are keyed by threads', () => {
    const newer = doc([measured('a', 'ours', 50, 2)], { rows: [torchAt('a', 2, 20)], unavailable: null });
    const merged = mergeDocuments(both, newer);
    expect(merged.torch?.rows.map((t) => `${t.config}/${t.threads}/${t.step.median}`)).toEqual(['a/1/40', 'b/1/250', 'a/2/20']);
    expect(merged.results.map((r) => `${r.config}/${r.threads ?? 1}/${r.step.median}`)).toEqual(['a/1/60', 'a/1/90', 'b/1/300', 'a/2/50']);
  });
});

describe('arguments', () => {
  it('PyTorch rows on by default at 1 and 2 threads; --no-torch and --torch-threads', () => {
    const get = (argv: string[]) => {
      const r = parseArgs(argv);
      if (E.isLeft(r)) throw new Error(r.left);
      return r.right;
    };
    expect(get([])).toMatchObject({ torch: true, torchThreads: [1, 2] });
    expect(get(['--quick'])).toMatchObject({ torch: true, configs: ['q'] });
    expect(get(['--no-torch'])).toMatchObject({ torch: false });
    expect(get(['--torch-threads', '2,1,2'])).toMatchObject({ torchThreads: [1, 2] });
    expect(E.isLeft(parseArgs(['--torch-threads', '0']))).toBe(true);
    expect(get([])).toMatchObject({ threads: [1, 2] });
    expect(get(['--threads', '2'])).toMatchObject({ threads: [2] });
    expect(E.isLeft(parseArgs(['--threads', 'x']))).toBe(true);
  });
});

// The real script, when this machine has PyTorch: its output decodes (one tiny step, nothing timed here).
describe('torch_step.py', async () => {
  const at = await probeTorch(process.env['PIX2PIX_PYTHON'] ?? DEFAULT_PYTHON, process.env)();
  it.skipIf(!at.available)('runs the official step of the quick configuration and reports its samples', async () => {
    if (!at.available) return;
    const r = await measureTorch(at, configById('q'), 1, 1, 2)();
    if (E.isLeft(r)) throw r.left;
    expect(r.right).toMatchObject({ config: 'q', threads: 1, step: { runs: 2 } });
    expect(r.right.torch).toMatch(/^\d+\.\d+/);
  });
});
