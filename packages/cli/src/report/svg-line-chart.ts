import { escapeHtml } from './escape-html';
import { niceTicks, tickLabel } from './nice-ticks';

/** One line of a chart. */
export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** Dashed (a reference line). */
  readonly dashed?: boolean;
}

/** A chart: lines, axis labels, optional shaded x-ranges (e.g. where D overpowers G). */
export interface LineChart {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly xLabel: string;
  readonly yLabel?: string;
  readonly width?: number;
  readonly height?: number;
  /** x-ranges to shade, with a legend label. */
  readonly shade?: { readonly ranges: readonly (readonly [number, number])[]; readonly label: string; readonly color: string };
  /** Lower y bound forced into view (e.g. 0). */
  readonly yMin?: number;
}

const fmt = (v: number): string => (Math.round(v * 10) / 10).toString();

/**
 * Renders a line chart as inline SVG (no script, no external resource): grid, ticks, one polyline per series,
 * a legend, shaded ranges. Scales with its container (`viewBox`, width 100%).
 *
 * @example
 * ```ts
 * import { renderLineChart } from '@pix2pix-ts/cli';
 * const svg = renderLineChart({ title: 'L1', xLabel: 'iteration', series: [{ name: 'G_L1', color: '#2563eb', points: [[0, 40], [100, 20]] }] });
 * svg.startsWith('<svg'); // true
 * ```
 */
export function renderLineChart(chart: LineChart): string {
  const W = chart.width ?? 640;
  const H = chart.height ?? 260;
  const m = { top: 44, right: 16, bottom: 42, left: 56 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const all = chart.series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]).filter((y) => Number.isFinite(y));
  const x0 = xs.length > 0 ? Math.min(...xs) : 0;
  const x1 = xs.length > 0 ? Math.max(...xs) : 1;
  const yLo = Math.min(chart.yMin ?? Number.POSITIVE_INFINITY, ...(ys.length > 0 ? ys : [0]));
  const yHi = Math.max(...(ys.length > 0 ? ys : [1]));
  const yt = niceTicks(yLo, yHi, 5);
  const xt = niceTicks(x0, x1, 6).filter((v) => v >= x0 && v <= x1);
  const y0v = yt[0] ?? yLo;
  const y1v = yt[yt.length - 1] ?? yHi;
  const sx = (x: number): number => m.left + (x1 === x0 ? pw / 2 : ((x - x0) / (x1 - x0)) * pw);
  const sy = (y: number): number => m.top + ph - (y1v === y0v ? ph / 2 : ((y - y0v) / (y1v - y0v)) * ph);
  const parts: string[] = [];
  parts.push(`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(chart.title)}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<text x="${m.left}" y="18" class="chart-title">${escapeHtml(chart.title)}</text>`);
  for (const [a, b] of chart.shade?.ranges ?? []) {
    const xa = sx(Math.max(a, x0));
    const xb = sx(Math.min(b, x1));
    if (xb > xa) parts.push(`<rect x="${fmt(xa)}" y="${m.top}" width="${fmt(Math.max(1, xb - xa))}" height="${ph}" fill="${chart.shade?.color ?? '#fde68a'}" opacity="0.5"/>`);
  }
  for (const v of yt) {
    parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${fmt(sy(v))}" y2="${fmt(sy(v))}" class="grid"/>`);
    parts.push(`<text x="${m.left - 6}" y="${fmt(sy(v) + 4)}" class="tick" text-anchor="end">${tickLabel(v)}</text>`);
  }
  for (const v of xt) parts.push(`<text x="${fmt(sx(v))}" y="${H - m.bottom + 16}" class="tick" text-anchor="middle">${tickLabel(v)}</text>`);
  parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${m.top + ph}" y2="${m.top + ph}" class="axis"/>`);
  parts.push(`<text x="${m.left + pw / 2}" y="${H - 6}" class="axis-label" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>`);
  if (chart.yLabel !== undefined) {
    parts.push(`<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" class="axis-label" text-anchor="middle">${escapeHtml(chart.yLabel)}</text>`);
  }
  for (const s of chart.series) {
    const pts = s.points.filter((p) => Number.isFinite(p[1])).map((p) => `${fmt(sx(p[0]))},${fmt(sy(p[1]))}`);
    if (pts.length === 0) continue;
    const dash = s.dashed === true ? ' stroke-dasharray="5 4"' : '';
    parts.push(
      pts.length === 1
        ? `<circle cx="${pts[0]?.split(',')[0] ?? 0}" cy="${pts[0]?.split(',')[1] ?? 0}" r="2.5" fill="${s.color}"/>`
        : `<polyline fill="none" stroke="${s.color}" stroke-width="1.8" stroke-linejoin="round"${dash} points="${pts.join(' ')}"/>`,
    );
  }
  // Legend, on its own line under the title, left-aligned with the plot.
  let lx = m.left;
  const legend = [...chart.series.map((s) => ({ name: s.name, color: s.color, box: false })), ...(chart.shade !== undefined && chart.shade.ranges.length > 0 ? [{ name: chart.shade.label, color: chart.shade.color, box: true }] : [])];
  for (const item of legend) {
    parts.push(
      item.box
        ? `<rect x="${fmt(lx)}" y="25" width="14" height="10" fill="${item.color}" opacity="0.7"/>`
        : `<line x1="${fmt(lx)}" x2="${fmt(lx + 14)}" y1="30" y2="30" stroke="${item.color}" stroke-width="2.5"/>`,
    );
    parts.push(`<text x="${fmt(lx + 18)}" y="34" class="legend">${escapeHtml(item.name)}</text>`);
    lx += item.name.length * 6.4 + 32;
  }
  parts.push('</svg>');
  return parts.join('');
}
