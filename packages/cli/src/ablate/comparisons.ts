import type { AblationRow, AblationTable, RowMetrics, Stat } from './ablation-table';
import { BASELINE_ID, type StudyName } from './variants';

/** One comparison the paper makes: variant `a` against variant `b`, and what the paper found. */
export interface Comparison {
  readonly study: StudyName;
  readonly a: string;
  readonly b: string;
  /** The question, in words. */
  readonly question: string;
  /** The paper's finding (its direction), in words. */
  readonly paper: string;
  /** Which of the two the paper found better on its FCN-score. */
  readonly paperBetter: 'a' | 'b';
}

/** The comparisons of each study, as the paper draws them (sections 4.2-4.4). */
export const COMPARISONS: readonly Comparison[] = [
  { study: 'loss', a: 'l1', b: BASELINE_ID, question: 'Does the cGAN term help L1?', paper: 'L1 alone is blurry; adding the cGAN term makes outputs sharper, more colourful and better by FCN-score (per-pixel accuracy 0.42 → 0.66); L1 alone scores better on per-pixel distances', paperBetter: 'b' },
  { study: 'loss', a: 'cgan', b: BASELINE_ID, question: 'Does the L1 term help the cGAN?', paper: 'cGAN alone gives sharp images with visual artifacts (and mode collapse on some inputs); adding L1 reduces them (FCN per-pixel accuracy 0.57 → 0.66)', paperBetter: 'b' },
  { study: 'loss', a: 'l1_gan', b: BASELINE_ID, question: 'Does conditioning the discriminator help?', paper: 'an unconditional D (L1+GAN) is realistic but ignores the input; conditioning it is slightly better (FCN per-pixel accuracy 0.64 → 0.66)', paperBetter: 'b' },
  { study: 'generator', a: 'ed_l1_cgan', b: BASELINE_ID, question: 'U-Net or encoder-decoder (L1+cGAN)?', paper: 'the skips matter: the encoder-decoder is much worse (FCN per-pixel accuracy 0.29 vs 0.55)', paperBetter: 'b' },
  { study: 'generator', a: 'ed_l1', b: 'l1', question: 'U-Net or encoder-decoder (L1)?', paper: 'the U-Net wins with L1 alone too (0.35 vs 0.48)', paperBetter: 'b' },
  { study: 'patch', a: 'patch_1', b: BASELINE_ID, question: '1×1 PixelGAN against the budget\'s PatchGAN', paper: 'a 1×1 PixelGAN only improves colourfulness, no spatial sharpness (0.39, the worst patch size)', paperBetter: 'b' },
  { study: 'patch', a: 'patch_16', b: BASELINE_ID, question: '16×16 PatchGAN against the budget\'s PatchGAN', paper: '16×16 is already sharp, with tiling artifacts (0.65 vs 0.66 for 70×70)', paperBetter: 'b' },
  { study: 'patch', a: 'patch_70', b: BASELINE_ID, question: '70×70 PatchGAN against the budget\'s PatchGAN', paper: '70×70 is the paper\'s best (0.66)', paperBetter: 'a' },
  { study: 'patch', a: 'patch_286', b: BASELINE_ID, question: '286×286 ImageGAN against the budget\'s PatchGAN', paper: 'the full-image GAN is no better and scores lower (0.42): more parameters, harder to train', paperBetter: 'b' },
];

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '–');
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');

/** `0.163 ± 0.004 (2 seeds)` or `0.163`. */
export const formatStat = (s: Stat, digits = 3): string => `${digits === 2 ? f2(s.mean) : f3(s.mean)}${s.sd === null ? '' : ` ± ${digits === 2 ? f2(s.sd) : f3(s.sd)}`}`;

/** The mean of the three Lab intersections: one number for "colour distribution closer to the real photos". */
const colour = (m: RowMetrics): number => (m.histL.mean + m.histA.mean + m.histB.mean) / 3;

/** The seed-to-seed standard deviation of a metric, from the first row that has one (the baseline, with its repeats). */
function noiseOf(rows: readonly AblationRow[], pick: (m: RowMetrics) => Stat): number | null {
  for (const r of rows) {
    const sd = r.metrics === undefined ? null : pick(r.metrics).sd;
    if (sd !== null) return sd;
  }
  return null;
}

/** Whether a difference stands out of the seed noise: more than twice the seed-to-seed sd (unknown without one). */
const beyond = (diff: number, sd: number | null): 'yes' | 'no' | 'unknown' => (sd === null ? 'unknown' : Math.abs(diff) > 2 * sd ? 'yes' : 'no');

/**
 * The sentence of a comparison: what the numbers show (per pixel, colour distribution, FCN-score where
 * computed), whether each difference is beyond the seed-to-seed spread (twice the standard deviation of the
 * repeated baseline; said when there is none), and how that compares with the paper's direction. `undefined`
 * when either side is not evaluated (yet). Pure.
 */
export function compareSentence(c: Comparison, table: AblationTable, allRows: readonly AblationRow[]): string | undefined {
  const ra = table.rows.find((r) => r.variant.id === c.a);
  const rb = table.rows.find((r) => r.variant.id === c.b);
  const ma = ra?.metrics;
  const mb = rb?.metrics;
  if (ra === undefined || rb === undefined || ma === undefined || mb === undefined) return undefined;
  const [la, lb] = [ra.label, rb.label];
  const l1Noise = noiseOf(allRows, (m) => m.l1);
  const colourNoise = noiseOf(allRows, (m) => m.histA);
  const l1Better = ma.l1.mean < mb.l1.mean ? la : lb;
  const colourBetter = colour(ma) > colour(mb) ? la : lb;
  const l1Beyond = beyond(ma.l1.mean - mb.l1.mean, l1Noise);
  const colourBeyond = beyond(colour(ma) - colour(mb), colourNoise);
  const noise = (b: 'yes' | 'no' | 'unknown'): string => (b === 'yes' ? 'beyond the seed-to-seed spread' : b === 'no' ? 'within the seed-to-seed spread' : 'no seed spread measured');
  const parts = [
    `${la} vs ${lb}: L1 ${f3(ma.l1.mean)} vs ${f3(mb.l1.mean)}, PSNR ${f2(ma.psnr.mean)} vs ${f2(mb.psnr.mean)} dB, SSIM ${f3(ma.ssim.mean)} vs ${f3(mb.ssim.mean)}; ${l1Better} is closer per pixel (${noise(l1Beyond)}).`,
    `Colour distribution (Lab histogram intersection L/a/b): ${f3(ma.histL.mean)}/${f3(ma.histA.mean)}/${f3(ma.histB.mean)} vs ${f3(mb.histL.mean)}/${f3(mb.histA.mean)}/${f3(mb.histB.mean)}; ${colourBetter} matches the real photos' colours better (${noise(colourBeyond)}).`,
  ];
  let agree: boolean | undefined;
  if (ma.fcn !== undefined && mb.fcn !== undefined) {
    const fcnBetter = ma.fcn.pixelAcc.mean > mb.fcn.pixelAcc.mean ? 'a' : 'b';
    parts.push(`FCN-score (per-pixel accuracy): ${f3(ma.fcn.pixelAcc.mean)} vs ${f3(mb.fcn.pixelAcc.mean)}; ${fcnBetter === 'a' ? la : lb} is the more recognisable.`);
    agree = fcnBetter === c.paperBetter;
  } else {
    // Without the FCN-score, the paper's realism claims are read on the colour distribution (its Table 7).
    agree = (colourBetter === la ? 'a' : 'b') === c.paperBetter;
  }
  const measure = ma.fcn !== undefined && mb.fcn !== undefined ? 'FCN-score' : 'colour distribution (no FCN-score here)';
  parts.push(`The paper (Cityscapes): ${c.paper}. Here, on the ${measure}, the direction ${agree ? 'agrees' : 'disagrees'}.`);
  return parts.join(' ');
}
