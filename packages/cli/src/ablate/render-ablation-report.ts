import { escapeHtml } from '../report/escape-html';
import { REPORT_CSS } from '../report/report-style';
import { renderLineChart, type ChartSeries } from '../report/svg-line-chart';
import { formatDuration } from '../train/progress-format';
import type { AblationRow, AblationTable } from './ablation-table';
import { LAB_BINS, type LabDistribution } from '../eval/lab-histograms';
import { COMPARISONS, compareSentence, formatStat } from './comparisons';
import type { StudyPlan } from './plan-study';
import type { StudyBudget } from './study-budget';
import type { VariantEval } from './variant-eval';
import type { StudyChoice } from './variants';

/** Everything the study report shows. */
export interface AblationReportData {
  readonly study: StudyChoice;
  readonly budget: StudyBudget;
  readonly data: string;
  readonly plan: StudyPlan;
  readonly tables: readonly AblationTable[];
  readonly evals: readonly VariantEval[];
  /** PNG `data:` URIs of the side-by-side rows: by run name, and `input` / `target`. */
  readonly images: Readonly<Record<string, string>>;
  /** Relative links to each run's own report, by run name. */
  readonly runReports: Readonly<Record<string, string>>;
  readonly generatedAt: string;
  /** Wall seconds the study has run so far (every invocation), and the machine's load when it finished. */
  readonly wallSeconds: number;
  readonly load?: string;
}

const STUDY_TITLES = { loss: 'Objective (the paper\'s Table 1)', generator: 'Generator (Table 2)', patch: 'Discriminator patch size (Table 3)' } as const;
const COLOURS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569', '#b45309', '#9333ea'];

const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');
const num = (s: string): string => `<td class="num">${s}</td>`;

function rowHtml(r: AblationRow, withFcn: boolean, runLinks: readonly string[]): string {
  const m = r.metrics;
  const status = r.status === 'done' ? '' : ` <span class="badge ${r.status === 'skipped' ? 'failed' : 'running'}">${r.status}</span>`;
  const note = r.note === undefined ? '' : `<div class="caption">${escapeHtml(r.note)}</div>`;
  const label = `<td><strong>${escapeHtml(r.label)}</strong>${status}<div class="caption">${escapeHtml(r.variant.what)}</div>${note}${runLinks.join(' ')}</td>`;
  const paper = r.paper === undefined ? num('–') + num('–') : num(f2(r.paper.fcn.pixelAcc)) + num(r.paper.histogram === undefined ? '–' : `${f2(r.paper.histogram.l)}/${f2(r.paper.histogram.a)}/${f2(r.paper.histogram.b)}`);
  if (m === undefined) return `<tr>${label}${num('–').repeat(withFcn ? 6 : 5)}${paper}${num('–')}</tr>`;
  const fcn = withFcn ? num(m.fcn === undefined ? '–' : formatStat(m.fcn.pixelAcc)) : '';
  return (
    `<tr>${label}${num(formatStat(m.l1))}${num(formatStat(m.psnr, 2))}${num(formatStat(m.ssim))}` +
    `${num(`${formatStat(m.histL)}<br>${formatStat(m.histA)}<br>${formatStat(m.histB)}`)}${fcn}${num(String(m.l1.n))}${paper}${num(formatDuration(m.trainSeconds))}</tr>`
  );
}

/** The FCN-score of the real test photos: the segmenter's ceiling (the paper's "ground truth" row). */
function ceilingRow(d: AblationReportData): string {
  const real = d.evals.find((e) => e.fcn !== undefined)?.fcn?.real.pixelAccuracy;
  if (real === undefined) return '';
  return `<tr><td><strong>real photos</strong><div class="caption">the segmenter on the real test photos: the FCN-score's ceiling</div></td>${num('–').repeat(4)}${num(f2(real ?? Number.NaN))}${num('–')}${num('0.80')}${num('–')}${num('–')}</tr>`;
}

function tableHtml(t: AblationTable, d: AblationReportData): string {
  const withFcn = t.rows.some((r) => r.metrics?.fcn !== undefined);
  const links = (id: string): string[] =>
    d.plan.runs.filter((r) => r.variant.id === id && d.runReports[r.runName] !== undefined).map((r) => `<a class="caption" href="${escapeHtml(d.runReports[r.runName] ?? '')}">seed ${r.seed}</a>`);
  const sentences = COMPARISONS.filter((c) => c.study === t.study)
    .map((c) => compareSentence(c, t, d.tables.flatMap((x) => x.rows)))
    .filter((s): s is string => s !== undefined);
  return `<section><h2>${escapeHtml(STUDY_TITLES[t.study])}</h2>
<table><thead><tr><th>variant</th><th class="num">L1 ↓</th><th class="num">PSNR ↑</th><th class="num">SSIM ↑</th><th class="num">Lab hist. ∩ L/a/b ↑</th>${withFcn ? '<th class="num">FCN px acc ↑</th>' : ''}<th class="num">seeds</th><th class="num">paper: FCN px acc</th><th class="num">paper: hist. ∩ L/a/b</th><th class="num">train time</th></tr></thead>
<tbody>${t.rows.map((r) => rowHtml(r, withFcn, links(r.variant.id))).join('\n')}${withFcn ? ceilingRow(d) : ''}</tbody></table>
${sentences.length === 0 ? '<p class="caption">No comparison yet: its variants are not evaluated.</p>' : `<ul>${sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n')}</ul>`}
</section>`;
}

/** What the report says about seeds: the spread it has, or that the budget allowed none. */
function spreadNote(d: AblationReportData): string {
  const b = d.budget;
  if (b.seeds >= 2) return `<div class="callout ok">Every variant was trained with ${b.seeds} seeds: the tables give mean ± standard deviation over them.</div>`;
  if (b.baselineSeeds >= 2)
    return `<div class="callout warn">The budget allowed one seed per variant; only the baseline (L1+cGAN) was repeated, with ${b.baselineSeeds} seeds (its row shows mean ± sd). Its spread is the noise floor: a difference smaller than twice it is said to be within the seed-to-seed spread. Other rows are single runs.</div>`;
  return '<div class="callout warn">The budget allowed one seed per variant and no repeat: no spread was measured, so no difference can be told from seed noise.</div>';
}

function imagesHtml(d: AblationReportData): string {
  const input = d.images['input'];
  const target = d.images['target'];
  if (input === undefined) return '';
  const row = (label: string, src: string | undefined): string => (src === undefined ? '' : `<tr><td>${escapeHtml(label)}</td><td><img src="${src}" alt="${escapeHtml(label)}" style="width:100%;image-rendering:pixelated"></td></tr>`);
  const firsts = d.plan.variants.flatMap((v) => {
    const run = d.plan.runs.find((r) => r.variant.id === v.id);
    return run === undefined ? [] : [row(v.label, d.images[run.runName])];
  });
  return `<section><h2>The same test images, every variant</h2><table>${row('input', input)}${firsts.join('')}${row('real photo', target)}</table>
<p class="caption">Each variant's first seed, the paper's test behaviour (dropout on, batch statistics).</p></section>`;
}

/** A channel's distribution against its bin centres. */
const histPoints = (fractions: readonly number[], { min, max, bins }: { readonly min: number; readonly max: number; readonly bins: number }): Array<[number, number]> =>
  fractions.map((f, i) => [min + ((i + 0.5) * (max - min)) / bins, f]);

function histogramsHtml(d: AblationReportData): string {
  const firsts = d.plan.variants.flatMap((v) => {
    const e = d.evals.find((x) => x.variant === v.id);
    return e === undefined ? [] : [{ label: v.label, e }];
  });
  const real = firsts[0]?.e.real;
  if (real === undefined) return '';
  const chart = (ch: keyof LabDistribution, title: string): string => {
    const series: ChartSeries[] = [
      { name: 'real photos', color: '#111827', dashed: true, points: histPoints(real[ch], LAB_BINS[ch]) },
      ...firsts.map(({ label, e }, i) => ({ name: label, color: COLOURS[i % COLOURS.length] ?? '#2563eb', points: histPoints(e.generated[ch], LAB_BINS[ch]) })),
    ];
    return renderLineChart({ title, series, xLabel: ch === 'l' ? 'L' : ch, yLabel: 'fraction of pixels', yMin: 0 });
  };
  return `<section><h2>Colour histograms (Lab, every test pixel)</h2><div class="charts">${chart('l', 'L (lightness)')}${chart('a', 'a (green–red)')}${chart('b', 'b (blue–yellow)')}</div>
<p class="caption">The paper's Table 7 test: the intersection of each channel's histogram with the real photos' (1 = the same distribution) is in the tables.</p></section>`;
}

/**
 * The study's report: one self-contained HTML page (images as `data:` URIs, charts as inline SVG): the budget,
 * one table per study with the paper's rows and numbers, a sentence per comparison, the same test images for
 * every variant, the colour histograms. Pure.
 */
export function renderAblationReport(d: AblationReportData): string {
  const done = d.evals.length;
  const planned = d.plan.runs.length;
  const b = d.budget;
  const budgetLine = `preset ${b.preset}, ${b.nEpochs} + ${b.nEpochsDecay} epochs${b.maxDatasetSize === null ? '' : ` of ${b.maxDatasetSize} pairs`}, seeds from ${b.firstSeed}: ${b.seeds} per variant, ${b.baselineSeeds} for the baseline`;
  const unseen = d.plan.skipped.map((s) => `<li><strong>${escapeHtml(s.variant.label)}</strong>: skipped, ${escapeHtml(s.reason)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>pix2pix ablations: ${escapeHtml(d.study)}</title><style>${REPORT_CSS}</style></head>
<body><main>
<header><h1>pix2pix ablations: ${escapeHtml(d.study)}<span class="badge ${done >= planned ? 'complete' : 'running'}">${done} of ${planned} runs</span></h1>
<p class="sub">${escapeHtml(d.data)} · ${escapeHtml(budgetLine)} · ${escapeHtml(formatDuration(d.wallSeconds))} wall${d.load === undefined ? '' : ` · load ${escapeHtml(d.load)}`} · ${escapeHtml(d.generatedAt)}</p></header>
${done < planned ? `<div class="callout warn">${planned - done} of ${planned} runs are not finished: run the same command again to resume (finished variants are not retrained).</div>` : ''}
${spreadNote(d)}
${d.tables.map((t) => tableHtml(t, d)).join('\n')}
${unseen === '' ? '' : `<section><h2>Not trained at this budget</h2><ul>${unseen}</ul></section>`}
${imagesHtml(d)}
${histogramsHtml(d)}
<footer>pix2pix-ts · pix2pix ablate · the paper's numbers: Isola et al. 2017, Cityscapes labels → photo (Tables 1-3, 7)</footer>
</main></body></html>
`;
}
