import { describe, expect, it } from 'vitest';
import { buildRunConfig, describeTask, emptyHistory, escapeHtml, niceTicks, overpoweredRanges, recordStep, renderLineChart, renderReport, type RunConfig, type RunInfo } from '../src/index';

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
    expect(html).toContain('src="samples/epoch-001.png"');
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
});
