import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ablationTables, DEFAULT_BUDGET, planStudy, renderAblationReport, type VariantEval } from '../src/node';
import { inProcess } from './support/in-process';

describe('pix2pix ablate: the report', () => {
  it('one self-contained page: the tables with the paper\'s rows, a sentence per comparison, the same test images for every variant, the colour histograms', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pix2pix-ablate-report-'));
    const run = await inProcess(['ablate', '--study', 'loss', '--preset', 'smoke', '--dataset_mode', 'synthetic', '--max_dataset_size', '4', '--num_test', '4', '--num_samples', '3', '--n_epochs', '1', '--n_epochs_decay', '0', '--out', out]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^plan: 5 runs: l1_cgan-s0, l1-s0, cgan-s0, l1_gan-s0, l1_cgan-s1$/m);
    expect(run.out).toMatch(/^\[3\/5 cgan-s0\] step 1\/4 /m); // the train command's progress lines, prefixed
    expect(run.out).toMatch(/^ {2}L1\+cGAN +[\d.]+ ± [\d.]+ /m); // the log's table: the baseline's spread over 2 seeds

    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<h2>Objective \(the paper&#39;s Table 1\)<\/h2>/);
    for (const row of ['L1', 'cGAN', 'L1+GAN', 'L1+cGAN']) expect(html).toContain(`<strong>${row}</strong>`);
    // The FCN-score of each variant (a segmenter trained once on the real photos), with the real photos' as the ceiling.
    expect(run.out).toMatch(/^\[FCN-score\] segmenter: /m);
    expect(html).toContain('<th class="num">FCN px acc ↑</th>');
    expect(html).toContain('<strong>real photos</strong>');
    // The paper's FCN per-pixel accuracy beside each row.
    for (const acc of ['0.42', '0.57', '0.64', '0.66']) expect(html).toContain(`<td class="num">${acc}</td>`);
    // A sentence per comparison of the study, with the paper's direction.
    expect(html.match(/<li>[^<]* vs L1\+cGAN: L1 [\d.]+ vs [\d.]+, PSNR/g)).toHaveLength(3);
    expect(html.match(/The paper \(Cityscapes\): /g)).toHaveLength(3);
    expect(html).toMatch(/only the baseline \(L1\+cGAN\) was repeated, with 2 seeds/);
    // The same test images: inputs, each variant, the real photos, embedded.
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(2 + 4);
    // Colour histograms: L, a, b charts with the real photos as the reference.
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('real photos');
    // Self-contained: nothing loaded from elsewhere.
    expect(html).not.toMatch(/(src|href)="https?:/);
    const table = JSON.parse(readFileSync(join(out, 'ablation.json'), 'utf8')) as { evaluated: number; tables: Array<{ rows: Array<{ status: string }> }> };
    expect(table.evaluated).toBe(5);
    expect(table.tables[0]?.rows.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('a budget of one seed says there is no spread; pending rows and skipped variants are shown as such', () => {
    const budget = { ...DEFAULT_BUDGET, baselineSeeds: 1 };
    const plan = planStudy({ study: 'patch', budget, dataroot: '/d', direction: 'BtoA', runsDir: '/r' });
    const hist = { l: [1], a: [1], b: [1] };
    const evals: VariantEval[] = [
      { format: 'pix2pix-ts/ablation-eval', runName: 'l1_cgan-s0', variant: 'l1_cgan', seed: 0, runDir: '', step: 1, images: 1, l1: 0.2, psnr: 12, ssim: 0.2, generated: hist, real: hist, intersection: { l: 1, a: 1, b: 1 }, trainSeconds: 1, steps: 1 },
    ];
    const html = renderAblationReport({
      study: 'patch', budget, data: '/d', plan, tables: ablationTables('patch', plan, evals), evals, images: {}, runReports: {}, generatedAt: 'now', wallSeconds: 61,
    });
    expect(html).toMatch(/one seed per variant and no repeat: no spread was measured/);
    expect(html).toMatch(/286×286 PatchGAN<\/strong> <span class="badge failed">skipped<\/span>/);
    expect(html).toMatch(/70×70 PatchGAN<\/strong> <span class="badge running">pending<\/span>/);
    expect(html).toMatch(/ImageGAN<\/strong>.*the same network as 70×70 PatchGAN at this size/s);
    expect(html).toContain('1 of 4 runs');
  });
});
