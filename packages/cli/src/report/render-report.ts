import { netDInputOf, type RunConfig } from '../config/run-config';
import type { SplitMetrics } from '../eval/image-metrics';
import { dataFaultsSentence } from '../data/data-faults';
import { photoModeOf } from '../data/photo-mode';
import { trainingTotals, type RunInfo } from '../run/run-info';
import { D_OVERPOWERS_BELOW } from '../train/d-dominance';
import type { LossHistory } from '../train/loss-history';
import { formatDuration } from '../train/progress-format';
import { escapeHtml } from './escape-html';
import { describePhotoTask } from './photo-task';
import { REPORT_CSS } from './report-style';
import { renderLineChart } from './svg-line-chart';

/** Everything the report shows. */
export interface ReportData {
  readonly config: RunConfig;
  readonly info: RunInfo;
  readonly history: LossHistory;
  /** The backend of the latest segment (also listed per segment). */
  readonly backend: string;
  /** The run folder's name. */
  readonly runName: string;
  readonly generatedAt: string;
  /** The sample sheets' geometry: columns (images), cell size and gap in pixels. */
  readonly sheet: { readonly columns: number; readonly cell: number; readonly gap: number };
  /**
   * The sample sheets as `data:` URIs, by their save point's `sheet` path (`readSheetImages`): embedded, so
   * the page is one file that can be mailed or moved. A sheet missing here is linked by its relative path.
   */
  readonly images?: Readonly<Record<string, string>>;
}

/** The CSS classes that carry save point `i`'s sheet as their background (each image is in the page once). */
const SHEET_CLASS = 'sheet-';
const sheetClass = (i: number): string => `${SHEET_CLASS}${i}`;

/** A CSS `url(…)` of a sheet: its embedded data URI, else its path relative to the report. */
function sheetUrl(d: ReportData, sheet: string): string {
  const src = d.images?.[sheet] ?? sheet;
  // JSON quoting escapes `"` and `\`; `<` is escaped so the value cannot close the <style> element.
  return `url(${JSON.stringify(src).replace(/</g, '\\3c ')})`;
}

/** One rule per save point, holding its sheet image once for the viewer and the evolution strip. */
function sheetStyles(d: ReportData): string {
  return d.info.savePoints.map((p, i) => `.${sheetClass(i)} { background-image: ${sheetUrl(d, p.sheet)}; }`).join('\n');
}

const basename = (path: string): string => path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? path;

/** The task in words: `labels → photo` for Facades BtoA, else `A → B` / `B → A` of the dataset folder, or a photo mode's task. */
export function describeTask(c: RunConfig): { readonly title: string; readonly input: string; readonly target: string } {
  const photoMode = photoModeOf(c.data);
  if (photoMode !== undefined) return describePhotoTask(photoMode, c.data.dataroot === null ? 'dataset' : basename(c.data.dataroot));
  const facades = c.data.mode === 'synthetic' || (c.data.dataroot !== null && /facades/i.test(basename(c.data.dataroot)));
  if (facades) {
    const labelsToPhoto = c.data.direction === 'BtoA';
    const name = c.data.mode === 'synthetic' ? 'Synthetic facades' : 'CMP Facades';
    return labelsToPhoto ? { title: `${name}: labels → photo`, input: 'labels (input)', target: 'photo (target)' } : { title: `${name}: photo → labels`, input: 'photo (input)', target: 'labels (target)' };
  }
  const name = c.data.dataroot === null ? 'dataset' : basename(c.data.dataroot);
  return c.data.direction === 'AtoB' ? { title: `${name}: A → B`, input: 'A (input)', target: 'B (target)' } : { title: `${name}: B → A`, input: 'B (input)', target: 'A (target)' };
}

/** Step ranges of the buckets in which D overpowered G (at any of their steps), merged. */
export function overpoweredRanges(h: LossHistory): Array<readonly [number, number]> {
  const out: Array<[number, number]> = [];
  for (const b of h.buckets) {
    if (b.dWarn === 0) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last[1] >= b.start) last[1] = b.start + b.count;
    else out.push([b.start, b.start + b.count]);
  }
  return out;
}

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '–');
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');

function metricsRows(info: RunInfo): string {
  const m = info.metrics;
  if (m === null) return '<p class="caption">No test metrics yet: the run was interrupted before its evaluation (resume it to finish).</p>';
  const row = (label: string, s: SplitMetrics): string =>
    `<tr><td>${escapeHtml(label)}</td><td class="num">${f3(s.l1)}</td><td class="num">${f2(s.psnr)}</td><td class="num">${f3(s.ssim)}</td><td class="num">${s.images}</td><td class="num">${s.step}</td></tr>`;
  return [
    '<table><thead><tr><th>generator</th><th class="num">L1 ↓</th><th class="num">PSNR (dB) ↑</th><th class="num">SSIM ↑</th><th class="num">images</th><th class="num">step</th></tr></thead><tbody>',
    row('trained (this run)', m.final),
    m.init === null ? '' : row('untrained (step 0)', m.init),
    '</tbody></table>',
    `<p class="caption">Split <b>${escapeHtml(m.final.phase)}</b>, generated vs real images at the model's size, 8-bit, compared on [0, 1]: L1 = mean absolute error; PSNR = 10·log10(1/MSE) over RGB; SSIM = Wang et al. 2004, 11×11 Gaussian window (σ 1.5), per RGB channel, averaged. Test-time behaviour: ${escapeHtml(m.final.testTime)}, one image at a time (the official <code>test.py</code>).</p>`,
    realismRows(m.final, m.init),
  ].join('');
}

/** The paper's realism metrics, where the evaluation computed them: Lab colour histograms, FCN-score. */
function realismRows(final: SplitMetrics, init: SplitMetrics | null): string {
  if (final.realism === undefined) return '';
  const fcnCells = (f: { readonly pixelAccuracy: number; readonly classAccuracy: number; readonly classIou: number } | undefined): string =>
    f === undefined ? '<td class="num">–</td><td class="num">–</td><td class="num">–</td>' : `<td class="num">${f3(f.pixelAccuracy)}</td><td class="num">${f3(f.classAccuracy)}</td><td class="num">${f3(f.classIou)}</td>`;
  const row = (label: string, s: SplitMetrics): string =>
    s.realism === undefined ? '' : `<tr><td>${escapeHtml(label)}</td><td class="num">${f3(s.realism.colour.l)}</td><td class="num">${f3(s.realism.colour.a)}</td><td class="num">${f3(s.realism.colour.b)}</td>${fcnCells(s.realism.fcn?.generated)}</tr>`;
  const ceiling = final.realism.fcn?.real;
  return [
    '<table><thead><tr><th>generator</th><th class="num">Lab L ∩ ↑</th><th class="num">a ∩ ↑</th><th class="num">b ∩ ↑</th><th class="num">FCN pixel acc ↑</th><th class="num">class acc ↑</th><th class="num">class IoU ↑</th></tr></thead><tbody>',
    row('trained (this run)', final),
    init === null ? '' : row('untrained (step 0)', init),
    ceiling === undefined ? '' : `<tr><td>real photos (ceiling)</td><td class="num">1</td><td class="num">1</td><td class="num">1</td>${fcnCells(ceiling)}</tr>`,
    '</tbody></table>',
    '<p class="caption">The paper\'s colour-distribution test: histogram intersection of the L, a and b channels (CIE Lab, D65, unit-width bins) of all generated vs all real test photos; 1 = the same colour statistics. FCN-score (where computed, <code>pix2pix eval</code>): a segmenter trained on the real training photos, run on the generated ones, scored against the input label maps.</p>',
  ].join('');
}

function cards(d: ReportData): string {
  const t = trainingTotals(d.info);
  const m = d.info.metrics;
  const card = (label: string, value: string, note: string): string => `<div class="card"><div class="label">${label}</div><div class="value">${value}</div><div class="note">${note}</div></div>`;
  const vs = (x: number | undefined, fmt: (v: number) => string): string => (x === undefined ? '&nbsp;' : `untrained: ${fmt(x)}`);
  return [
    '<div class="cards">',
    card('Test L1 ↓', m === null ? '–' : f3(m.final.l1), vs(m?.init?.l1, f3)),
    card('Test PSNR ↑', m === null ? '–' : `${f2(m.final.psnr)} dB`, vs(m?.init?.psnr, (x) => `${f2(x)} dB`)),
    card('Test SSIM ↑', m === null ? '–' : f3(m.final.ssim), vs(m?.init?.ssim, f3)),
    card('Speed', `${t.itPerSec.toFixed(2)} it/s`, `${escapeHtml(d.backend)} backend, batch ${d.config.data.batchSize}`),
    card('Training time', formatDuration(t.seconds), `${t.steps} of ${d.info.totalSteps} iterations${d.info.timeLimitHit ? ' (time limit)' : ''}`),
    '</div>',
  ].join('');
}

function samplesSection(d: ReportData): string {
  const task = describeTask(d.config);
  const points = d.info.savePoints;
  const last = points[points.length - 1];
  if (last === undefined) return '<section><h2>Test samples</h2><p class="caption">No save point yet.</p></section>';
  const { columns, cell, gap } = d.sheet;
  const labels = JSON.stringify(points.map((p) => `epoch ${p.epoch} · iteration ${p.step}`));
  const ratio = `${columns * cell + (columns - 1) * gap} / ${3 * cell + 2 * gap}`;
  const lastIndex = points.length - 1;
  return [
    '<section><h2>Test samples</h2>',
    points.length > 1
      ? `<div class="slider"><span>save point</span><input id="sp" type="range" min="0" max="${points.length - 1}" value="${points.length - 1}" aria-label="save point"><span id="sp-label">epoch ${last.epoch} · iteration ${last.step}</span></div>`
      : `<div class="slider"><span id="sp-label">epoch ${last.epoch} · iteration ${last.step}</span></div>`,
    `<div class="sheet"><div class="rowlabels"><div>${escapeHtml(task.input)}</div><div>pix2pix (generated)</div><div>${escapeHtml(task.target)}</div></div>`,
    `<div id="sp-img" class="sheet-view ${sheetClass(lastIndex)}" role="img" style="aspect-ratio: ${ratio}" aria-label="input, generated and target test images at epoch ${last.epoch}"></div></div>`,
    `<p class="caption">The same ${columns} ${escapeHtml(d.config.data.evalPhase)} images at every save point, ${d.config.data.cropSize}×${d.config.data.cropSize}, generated with the test-time behaviour of the metrics. Drag the slider to go back in training.</p>`,
    `<script>(function(){var s=${labels.replace(/</g, '\\u003c')};var r=document.getElementById('sp');if(!r)return;var i=document.getElementById('sp-img'),l=document.getElementById('sp-label');r.addEventListener('input',function(){var k=Number(r.value),p=s[k];if(p){i.className='sheet-view ${SHEET_CLASS}'+k;i.setAttribute('aria-label','input, generated and target test images at '+p.split(' · ')[0]);l.textContent=p;}});})();</script>`,
    '</section>',
  ].join('');
}

function evolutionSection(d: ReportData): string {
  const points = d.info.savePoints;
  if (points.length < 2) return '';
  const { columns, cell, gap } = d.sheet;
  // Each strip shows the middle row (generated) of a save point's sheet: the background is scaled to the strip's
  // width, and a strip of one row's aspect ratio centred on the sheet shows exactly that row.
  const ratio = `${columns * cell + (columns - 1) * gap} / ${cell}`;
  const rows = points
    .map((p, i) => `<div>epoch ${p.epoch}</div><div class="strip ${sheetClass(i)}" role="img" aria-label="generated at epoch ${p.epoch}" style="aspect-ratio: ${ratio}"></div>`)
    .join('');
  return `<section><h2>Generated at each save point</h2><div class="evolution">${rows}</div><p class="caption">The generated row of the sheet above, epoch by epoch: structure (the window grid, floors, walls) comes first, colour and detail later.</p></section>`;
}

function chartsSection(d: ReportData): string {
  const b = d.history.buckets;
  if (b.length === 0) return '';
  const x = (k: (typeof b)[number]): number => k.start + k.count / 2;
  const shade = { ranges: overpoweredRanges(d.history), label: `D overpowers G (smoothed loss_D < ${D_OVERPOWERS_BELOW})`, color: '#fcd34d' };
  const l1Only = d.config.objective.ganMode === 'none';
  const gan = l1Only
    ? ''
    : renderLineChart({
        title: 'Adversarial losses',
        xLabel: 'iteration',
        yMin: 0,
        series: [
          { name: 'G_GAN', color: '#2563eb', points: b.map((k) => [x(k), k.G_GAN]) },
          { name: 'D_real', color: '#059669', points: b.map((k) => [x(k), k.D_real]) },
          { name: 'D_fake', color: '#dc2626', points: b.map((k) => [x(k), k.D_fake]) },
          { name: 'log 2', color: '#9ca3af', dashed: true, points: [[b[0]?.start ?? 0, Math.LN2], [x(b[b.length - 1] ?? b[0] ?? { start: 0, count: 1, G_GAN: 0, G_L1: 0, D_real: 0, D_fake: 0, lr: 0, dWarn: 0 }), Math.LN2]] },
        ],
        shade,
      });
  const l1 = renderLineChart({
    title: `G_L1 (λ·L1, λ = ${d.config.objective.lambdaL1})`,
    xLabel: 'iteration',
    yMin: 0,
    series: [{ name: 'G_L1', color: '#7c3aed', points: b.map((k) => [x(k), k.G_L1]) }],
  });
  const lr = renderLineChart({ title: 'Learning rate', xLabel: 'iteration', yMin: 0, height: 200, series: [{ name: 'lr', color: '#0891b2', points: b.map((k) => [x(k), k.lr]) }] });
  const warn = d.info.dWarningSteps;
  const callout = l1Only
    ? '<div class="callout ok">L1-only objective: no discriminator (the paper\'s ablation).</div>'
    : warn > 0
      ? `<div class="callout warn">⚠ D overpowered G for ${warn} of ${d.info.step} iterations (${((100 * warn) / Math.max(1, d.info.step)).toFixed(1)}%): the smoothed loss_D = ½(D_real + D_fake) fell below ${D_OVERPOWERS_BELOW} (shaded). G then learns from L1 alone.</div>`
      : `<div class="callout ok">✓ D never overpowered G: the smoothed loss_D stayed above ${D_OVERPOWERS_BELOW} (equilibrium is log 2 ≈ 0.69).</div>`;
  return [
    '<section><h2>Losses</h2>',
    `<div class="charts">${gan}${l1}${lr}</div>`,
    callout,
    `<p class="caption">Each point is the mean of ${d.history.bucketSize} iteration${d.history.bucketSize > 1 ? 's' : ''} (the history is kept in at most ${d.history.maxBuckets} buckets, so it costs nothing to record).</p>`,
    '</section>',
  ].join('');
}

function timingSection(d: ReportData): string {
  const t = trainingTotals(d.info);
  const rows = d.info.segments
    .map(
      (s, i) =>
        `<tr><td>${i + 1}</td><td>${escapeHtml(s.backend)}</td><td class="num">${s.fromStep} → ${s.toStep}</td><td class="num">${formatDuration(s.seconds)}</td><td class="num">${s.seconds > 0 ? ((s.toStep - s.fromStep) / s.seconds).toFixed(2) : '–'}</td><td class="num">${s.seconds > 0 ? ((100 * s.dataSeconds) / s.seconds).toFixed(1) : '0'}%</td></tr>`,
    )
    .join('');
  return [
    '<section><h2>Timing</h2>',
    '<table><thead><tr><th>segment</th><th>backend</th><th class="num">iterations</th><th class="num">time</th><th class="num">it/s</th><th class="num">waiting for data</th></tr></thead><tbody>',
    rows,
    `<tr><td><b>total</b></td><td>${escapeHtml(d.backend)}</td><td class="num">${t.steps}</td><td class="num">${formatDuration(t.seconds)}</td><td class="num">${t.itPerSec.toFixed(2)}</td><td class="num">${t.seconds > 0 ? ((100 * t.dataSeconds) / t.seconds).toFixed(1) : '0'}%</td></tr>`,
    '</tbody></table>',
    `<p class="caption">${d.info.trainPairs} training pairs, ${d.info.batchesPerEpoch} iterations per epoch. Evaluation and report: ${formatDuration(d.info.evalSeconds)}. Started ${escapeHtml(d.info.startedAt)}.${d.info.timeLimitHit ? ' Training stopped at the time limit.' : ''}${escapeHtml(dataFaultsSentence(d.info.dataFaults))}</p>`,
    '</section>',
  ].join('');
}

/** The dataset mode and the channels it sets, for runs of a photo mode (nothing for pairs read as they are). */
const photoModeRows = (c: RunConfig): Array<readonly [string, string]> => {
  const mode = photoModeOf(c.data);
  return mode === undefined
    ? []
    : [
        ['--dataset_mode', `${mode.name} (--photo_side ${mode.photoSide})`],
        ['input_nc / output_nc', `${c.model.inputNc} / ${c.model.outputNc}`],
      ];
};

function configSection(c: RunConfig): string {
  const entries: Array<readonly [string, string]> = [
    ['--preset', c.preset],
    ['--dataroot', c.data.mode === 'synthetic' ? '(synthetic)' : (c.data.dataroot ?? '–')],
    ['--direction', c.data.direction],
    ...photoModeRows(c),
    ['--preprocess', c.data.preprocess],
    ['--load_size / --crop_size', `${c.data.loadSize} / ${c.data.cropSize}`],
    ['--no_flip', String(c.data.noFlip)],
    ['--batch_size', String(c.data.batchSize)],
    ['--max_dataset_size', c.data.maxDatasetSize === undefined ? 'all' : String(c.data.maxDatasetSize)],
    ['--netG', c.model.netG],
    ['--ngf', String(c.model.ngf)],
    ['--netD', c.model.netD === 'n_layers' ? `n_layers (--n_layers_D ${c.model.nLayersD})` : c.model.netD],
    ['--netD_input', netDInputOf(c.model)],
    ['--ndf', String(c.model.ndf)],
    ['--norm', c.model.norm],
    ['dropout', String(c.model.dropout)],
    ['--gan_mode', c.objective.ganMode],
    ['--lambda_L1', String(c.objective.lambdaL1)],
    ['--lr / --beta1', `${c.objective.lr} / ${c.objective.beta1}`],
    ['--lr_policy', c.objective.lrPolicy],
    ['--n_epochs / --n_epochs_decay', `${c.objective.nEpochs} / ${c.objective.nEpochsDecay}`],
    ['--seed', String(c.run.seed)],
    ['test time', `${c.test.dropout ? 'dropout on' : 'dropout off'}, ${c.test.batchStats ? 'batch statistics' : 'running statistics'}`],
  ];
  const half = Math.ceil(entries.length / 2);
  const table = (rows: ReadonlyArray<readonly [string, string]>): string =>
    `<table><tbody>${rows.map(([k, v]) => `<tr><td><code>${escapeHtml(k)}</code></td><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;
  return [
    '<section><h2>Configuration</h2>',
    `<div class="config">${table(entries.slice(0, half))}${table(entries.slice(half))}</div>`,
    `<details><summary>config.json</summary><pre>${escapeHtml(JSON.stringify(c, null, 2))}</pre></details>`,
    '</section>',
  ].join('');
}

/**
 * The run's report as one self-contained HTML page: inline CSS and SVG, the sample sheets embedded as `data:`
 * URIs (each once, in a CSS rule; `d.images`), a few lines of inline script for the save-point slider; nothing
 * from the network, nothing beside it needed. Pure.
 *
 * @example
 * ```ts
 * import { renderReport } from '@pix2pix-ts/cli';
 * // await writeFile('runs/x/report.html', renderReport(data));
 * ```
 */
export function renderReport(d: ReportData): string {
  const task = describeTask(d.config);
  const status = d.info.status;
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>pix2pix · ${escapeHtml(task.title)} · ${escapeHtml(d.runName)}</title>`,
    // An empty favicon, so a browser opening the file does not look for /favicon.ico.
    '<link rel="icon" href="data:,">',
    `<style>${REPORT_CSS}\n${sheetStyles(d)}</style></head><body><main>`,
    `<header><h1>pix2pix · ${escapeHtml(task.title)}<span class="badge ${status}">${status}</span></h1>`,
    `<p class="sub">${escapeHtml(d.runName)} · ${escapeHtml(d.config.model.netG)} (ngf ${d.config.model.ngf}) + ${d.config.objective.ganMode === 'none' ? 'no discriminator (L1 only)' : `${escapeHtml(d.config.model.netD)} PatchGAN (ndf ${d.config.model.ndf})`} · ${d.config.data.cropSize}×${d.config.data.cropSize} · ${escapeHtml(d.backend)} · report written ${escapeHtml(d.generatedAt)}</p></header>`,
    cards(d),
    samplesSection(d),
    `<section><h2>Test metrics</h2>${metricsRows(d.info)}</section>`,
    chartsSection(d),
    evolutionSection(d),
    timingSection(d),
    configSection(d.config),
    '<footer>pix2pix-ts · Isola, Zhu, Zhou, Efros: Image-to-Image Translation with Conditional Adversarial Networks (CVPR 2017)</footer>',
    '</main></body></html>',
  ].join('\n');
}
