import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import {
  buildRunConfig,
  describeTask,
  emptyHistory,
  escapeHtml,
  niceTicks,
  overpoweredRanges,
  pngDataUri,
  recordStep,
  renderLineChart,
  renderReport,
  runLayout,
  tickLabel,
  writeReportFile,
  type RunConfig,
  type RunInfo,
} from '../src/index';
import { encodePng } from '../src/image/png';

const config = (): RunConfig => {
  const r = buildRunConfig({ dataroot: '/data/facades' });
  if (r._tag === 'Left') throw new Error(r.left.message);
  return r.right;
};
const metrics = { phase: 'test', images: 106, l1: 0.17, psnr: 13.5, ssim: 0.26, testTime: 'dropout on, batch statistics', step: 400, epoch: 1 };
const info: RunInfo = {
  format: 'pix2pix-ts/run',
  status: 'complete',
  startedAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:10:00Z',
  step: 400,
  totalSteps: 400,
  batchesPerEpoch: 400,
  trainPairs: 400,
  segments: [{ backend: 'wasm', fromStep: 0, toStep: 400, seconds: 60, dataSeconds: 1 }],
  savePoints: [{ epoch: 1, step: 400, sheet: 'samples/epoch-001.png' }],
  dWarningSteps: 10,
  timeLimitHit: false,
  evalSeconds: 5,
  metrics: { final: metrics, init: { ...metrics, l1: 0.19, step: 0 } },
  sampleIds: [],
};

describe('report', () => {
  let h = emptyHistory(50);
  for (let i = 0; i < 400; i++) h = recordStep(h, i, { G_GAN: 1, G_L1: 30, D_real: 0.5, D_fake: 0.5, G: 31, D: 0.5, lr: 2e-4 }, i >= 100 && i < 110);

  it('renders a self-contained page: metrics, samples, charts, timing, configuration', () => {
    const html = renderReport({ config: config(), info, history: h, backend: 'wasm', runName: 'facades-x', generatedAt: '2025-01-01 00:10:00', sheet: { columns: 6, cell: 64, gap: 2 } });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('CMP Facades: labels → photo');
    expect(html).toContain('0.170'); // L1
    expect(html).toContain('untrained (step 0)');
    expect(html).toContain('url("samples/epoch-001.png")'); // no images given: linked by path
    expect(html).toContain('6.67 it/s');
    expect(html).toContain('⚠ D overpowered G for 10 of 400 iterations');
    expect(html.match(/<svg/g)?.length).toBe(3);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('shades the buckets where D overpowered G', () => {
    const ranges = overpoweredRanges(h);
    expect(ranges.length).toBe(1);
    const [a, b] = ranges[0] ?? [0, 0];
    expect(a).toBeLessThanOrEqual(100);
    expect(b).toBeGreaterThanOrEqual(110);
  });

  it('names the task from the data', () => {
    expect(describeTask(config()).title).toBe('CMP Facades: labels → photo');
    expect(describeTask({ ...config(), data: { ...config().data, dataroot: '/d/maps', direction: 'AtoB' } }).title).toBe('maps: A → B');
  });

  it('charts, ticks and escaping', () => {
    expect(niceTicks(0, 9.3, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(escapeHtml('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    const svg = renderLineChart({ title: 'L1 <x>', xLabel: 'iteration', series: [{ name: 'a', color: '#000', points: [[0, 1], [10, 2]] }] });
    expect(svg).toContain('L1 &lt;x&gt;');
    expect(svg).toContain('<polyline');
  });

  it('embeds the sample sheets as data: URIs, each once, and links none by path', () => {
    const two: RunInfo = { ...info, savePoints: [{ epoch: 1, step: 200, sheet: 'samples/epoch-001.png' }, { epoch: 2, step: 400, sheet: 'samples/epoch-002.png' }] };
    const images = { 'samples/epoch-001.png': 'data:image/png;base64,AAAA', 'samples/epoch-002.png': 'data:image/png;base64,BBBB' };
    const html = renderReport({ config: config(), info: two, history: h, backend: 'wasm', runName: 'x', generatedAt: '-', sheet: { columns: 6, cell: 64, gap: 2 }, images });
    expect(html.split('data:image/png;base64,AAAA').length - 1).toBe(1);
    expect(html.split('data:image/png;base64,BBBB').length - 1).toBe(1);
    expect(html).not.toContain('samples/epoch-00');
    expect(html).toContain('class="sheet-view sheet-1"'); // the viewer starts at the last save point
    expect(html).toContain('class="strip sheet-0"');
  });

  it('writes report.html as one file that still shows its images when moved; the PNGs stay in the run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'report-'));
    const dir = join(root, 'run');
    try {
      const layout = runLayout(dir);
      mkdirSync(join(dir, 'samples'), { recursive: true });
      const png = encodePng({ width: 2, height: 1, data: new Uint8Array([255, 0, 0, 0, 0, 255]) });
      const other = encodePng({ width: 1, height: 1, data: new Uint8Array([1, 2, 3]) });
      writeFileSync(join(dir, 'samples', 'epoch-001.png'), png);
      writeFileSync(join(root, 'outside.png'), other); // a run.json naming a file outside the run: never embedded
      const odd: RunInfo = { ...info, savePoints: [...info.savePoints, { epoch: 2, step: 400, sheet: '../outside.png' }] };
      const written = await writeReportFile(layout, { config: config(), info: odd, history: h, backend: 'wasm', runName: 'x', generatedAt: '-', sheet: { columns: 6, cell: 64, gap: 2 } })();
      expect(E.isRight(written)).toBe(true);
      expect(existsSync(join(dir, 'samples', 'epoch-001.png'))).toBe(true);
      const moved = join(mkdtempSync(join(tmpdir(), 'mailed-')), 'report.html');
      renameSync(layout.report, moved);
      const html = readFileSync(moved, 'utf8');
      rmSync(join(moved, '..'), { recursive: true, force: true });
      expect(html).toContain(pngDataUri(png));
      expect(html).not.toContain(pngDataUri(other));
      expect(html).not.toContain('url("samples/');
      expect(html).not.toMatch(/\b(src|href)="(?!data:|#)/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('prints learning-rate ticks exactly (1.5e-4, not 1e-4 or 2e-4)', () => {
    expect(tickLabel(1.5e-4)).toBe('1.5e-4');
    expect(tickLabel(1e-4)).toBe('1e-4');
    expect(tickLabel(2.5e-5)).toBe('2.5e-5');
    expect(tickLabel(0.05)).toBe('0.05');
    const labels = niceTicks(0, 2e-4, 5).map(tickLabel);
    expect(labels).toEqual(['0', '5e-5', '1e-4', '1.5e-4', '2e-4']);
    const svg = renderLineChart({ title: 'Learning rate', xLabel: 'iteration', yMin: 0, series: [{ name: 'lr', color: '#000', points: [[0, 2e-4], [100, 0]] }] });
    expect(svg).toContain('>1.5e-4</text>');
  });

  it('niceTicks ends on a range narrower than float steps (it looped forever)', () => {
    expect(niceTicks(1, 1 + 2 ** -52, 5).length).toBeGreaterThan(1);
    expect(niceTicks(1e6, 1e6 + 1e-7, 5).length).toBeLessThan(60);
  });

  it('property: the tick labels of a chart are all different and read back as their ticks', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9, max: 2 }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true }), fc.integer({ min: 2, max: 8 }), (exp, a, spread, count) => {
        const lo = a * 10 ** exp;
        const hi = lo * (1 + spread);
        const ticks = niceTicks(lo, hi, count);
        const labels = ticks.map(tickLabel);
        expect(new Set(labels).size).toBe(labels.length);
        for (const [i, l] of labels.entries()) {
          const t = ticks[i] ?? 0;
          if (Math.abs(t) < 1000) expect(Math.abs(Number(l) - t)).toBeLessThanOrEqual(Math.abs(t) * 1e-9 + 1e-300);
        }
      }),
      { seed: 8, numRuns: 500 },
    );
  });
});
