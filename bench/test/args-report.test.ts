import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { parseArgs, skipReason, unavailableFails } from '../src/args';
import { markdownTables, mergeDocuments, peakEntry, resultRow, type BenchDocument } from '../src/report';
import { summarize } from '../src/stats';
import type { MeasureResult } from '../src/wire';

const right = <A>(e: E.Either<string, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left);
  return e.right;
};

describe('arguments', () => {
  it('quick: the tiny configuration, 3 runs; default: a, b, c with 5', () => {
    expect(right(parseArgs(['--quick']))).toMatchObject({ mode: 'quick', configs: ['q'], runs: 3 });
    expect(right(parseArgs([]))).toMatchObject({ mode: 'default', configs: ['a', 'b', 'c'], runs: 5, backends: ['wasm', 'cpu', 'webgl', 'webgpu'] });
  });
  it('lists, counts and errors', () => {
    expect(right(parseArgs(['--backend', 'webgl,cpu', '--config', 'b', '--runs', '7']))).toMatchObject({ backends: ['cpu', 'webgl'], configs: ['b'], runs: 7, forwardRuns: 7 });
    expect(E.isLeft(parseArgs(['--backend', 'tpu']))).toBe(true);
    expect(E.isLeft(parseArgs(['--runs', '0']))).toBe(true);
    expect(E.isLeft(parseArgs(['--quick', '--full']))).toBe(true);
    expect(E.isLeft(parseArgs(['--bogus', 'x']))).toBe(true);
  });
  it('--quick leaves webgpu out unless named; webgpu is a backend like the others', () => {
    expect(right(parseArgs(['--quick'])).backends).toEqual(['wasm', 'cpu', 'webgl']);
    expect(right(parseArgs(['--quick', '--backend', 'webgpu'])).backends).toEqual(['webgpu']);
    expect(right(parseArgs(['--backend', 'webgpu,wasm'])).backends).toEqual(['wasm', 'webgpu']);
  });
  it('a backend that cannot start fails a CI run, except webgpu (no adapter: skipped with the reason)', () => {
    expect(unavailableFails('webgl', true)).toBe(true);
    expect(unavailableFails('wasm', true)).toBe(true);
    expect(unavailableFails('webgpu', true)).toBe(false);
    expect(unavailableFails('webgl', false)).toBe(false);
  });
  it('cpu at 128 and 256, webgl and webgpu at 256 only with --full', () => {
    const d = right(parseArgs([]));
    expect(skipReason(d, 'cpu', 'c')).toMatch(/--full/);
    expect(skipReason(d, 'cpu', 'b')).toMatch(/--full/);
    expect(skipReason(d, 'webgl', 'b')).toBeUndefined();
    expect(skipReason(d, 'wasm', 'c')).toBeUndefined();
    expect(skipReason(right(parseArgs(['--full'])), 'webgl', 'c')).toBeUndefined();
    expect(skipReason(d, 'webgpu', 'c')).toMatch(/--full/);
    expect(skipReason(d, 'webgpu', 'b')).toBeUndefined();
    expect(skipReason(right(parseArgs(['--full'])), 'webgpu', 'c')).toBeUndefined();
  });
});

describe('statistics and report', () => {
  it('summarizes', () => {
    expect(summarize([3, 1, 2])).toMatchObject({ median: 2, min: 1, max: 3, runs: 3 });
    expect(summarize([4, 1, 2, 3]).median).toBe(2.5);
  });

  const measured = (impl: 'ours' | 'tfjs-layers', ms: number): MeasureResult => ({
    config: 'a',
    impl,
    backend: 'wasm',
    initMs: 1,
    firstStepMs: 2,
    step: summarize([ms, ms, ms, ms, ms]),
    forward: summarize([1, 1, 1, 1, 1]),
    peakBytes: 2 ** 20,
    tensorsPerStep: 10,
    kernelsPerStep: 9,
    tensorsHeld: 5,
    leakedPerStep: 0,
    leftAfterDispose: 0,
  });
  const doc = (results: MeasureResult[]): BenchDocument => {
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
      skipped: [{ backend: 'cpu', config: 'c', impl: 'both', reason: 'needs --full' }],
    };
  };

  it('rates against the assumed wasm peak and compares the peer with ours', () => {
    const d = doc([measured('ours', 100), measured('tfjs-layers', 150)]);
    const ours = d.results[0];
    expect(ours?.stepPeakFraction).toBeCloseTo((ours?.stepGflops ?? Number.NaN) / 30);
    const table = markdownTables(d);
    expect(table).toContain('| 1.50x |');
    expect(table).toContain('skipped: needs --full');
  });

  it('merges chunks: newer rows replace older ones, skips that got measured disappear', () => {
    const merged = mergeDocuments(doc([measured('ours', 100)]), { ...doc([measured('ours', 90), { ...measured('ours', 1), backend: 'cpu', config: 'c' }, { ...measured('tfjs-layers', 1), backend: 'cpu', config: 'c' }]) });
    expect(merged.results.map((r) => `${r.backend}/${r.config}/${r.step.median}`)).toEqual(['wasm/a/90', 'cpu/c/1', 'cpu/c/1']);
    expect(merged.skipped).toEqual([]);
  });
});
