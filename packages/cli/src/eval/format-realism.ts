import type { FcnScore } from './fcn-score';
import type { SplitMetrics } from './image-metrics';

const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '—');

/**
 * The realism table printed under the metrics table (empty when no row has realism metrics): per generator the Lab
 * histogram intersections with the real photos and the FCN-score, then the real photos' FCN-score (the ceiling).
 *
 * @example
 * ```ts
 * import { formatRealismTable, type SplitMetrics } from '@pix2pix-ts/cli';
 * const m: SplitMetrics = {
 *   phase: 'test', images: 106, l1: 0.17, psnr: 13.42, ssim: 0.221, testTime: 'dropout on, batch statistics', step: 3600, epoch: 9,
 *   realism: { colour: { l: 0.758, a: 0.836, b: 0.719 } },
 * };
 * console.log(formatRealismTable([['trained', m]]));
 * // Realism: Lab colour histograms of the generated vs the real test photos (…)
 * // generator    L ↑    a ↑    b ↑  FCN pixel acc ↑  class acc ↑  class IoU ↑
 * // trained    0.758  0.836  0.719                —            —            —
 * ```
 */
export function formatRealismTable(rows: ReadonlyArray<readonly [string, SplitMetrics]>): string {
  const withRealism = rows.flatMap(([name, m]) => (m.realism === undefined ? [] : [[name, m.realism] as const]));
  if (withRealism.length === 0) return '';
  const header = ['generator', 'L ↑', 'a ↑', 'b ↑', 'FCN pixel acc ↑', 'class acc ↑', 'class IoU ↑'];
  const fcnCells = (f: FcnScore | undefined): string[] => (f === undefined ? ['—', '—', '—'] : [fmt(f.pixelAccuracy), fmt(f.classAccuracy), fmt(f.classIou)]);
  const body = withRealism.map(([name, r]) => [name, fmt(r.colour.l), fmt(r.colour.a), fmt(r.colour.b), ...fcnCells(r.fcn?.generated)]);
  const ceiling = withRealism.find(([, r]) => r.fcn !== undefined)?.[1].fcn?.real;
  if (ceiling !== undefined) body.push(['real photos (ceiling)', '1.000', '1.000', '1.000', ...fcnCells(ceiling)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const title =
    'Realism: Lab colour histograms of the generated vs the real test photos (intersection, unit bins: L 0…100, a and b -128…128)' +
    (ceiling === undefined ? '' : '; FCN-score: a segmenter trained on the real training photos, run on the generated ones, against the input labels');
  return [title, line(header), ...body.map(line)].join('\n');
}
