import type { SplitMetrics } from './image-metrics';

/**
 * The metrics table printed at the end of training and by `pix2pix eval`.
 *
 * @example
 * ```ts
 * import { formatMetricsTable, type SplitMetrics } from '@pix2pix-ts/cli';
 * const m: SplitMetrics = { phase: 'test', images: 106, l1: 0.17, psnr: 13.42, ssim: 0.221, testTime: 'dropout on, batch statistics', step: 3600, epoch: 9 };
 * console.log(formatMetricsTable([['trained', m]]));
 * // Metrics on test (106 images; dropout on, batch statistics; …)
 * // generator  step    L1 ↓    PSNR ↑  SSIM ↑
 * // trained    3600  0.1700  13.42 dB  0.2210
 * ```
 */
export function formatMetricsTable(rows: ReadonlyArray<readonly [string, SplitMetrics]>): string {
  const first = rows[0]?.[1];
  const header = ['generator', 'step', 'L1 ↓', 'PSNR ↑', 'SSIM ↑'];
  const body = rows.map(([name, m]) => [name, String(m.step), m.l1.toFixed(4), `${m.psnr.toFixed(2)} dB`, m.ssim.toFixed(4)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const title = first === undefined ? 'Metrics' : `Metrics on ${first.phase} (${first.images} images; ${first.testTime}; L1/PSNR/SSIM on [0, 1], SSIM 11x11 Gaussian per RGB channel)`;
  return [title, line(header), ...body.map(line)].join('\n');
}
