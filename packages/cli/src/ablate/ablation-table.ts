import { PAPER_RESULTS, type PaperResult } from './paper-results';
import type { StudyPlan } from './plan-study';
import type { VariantEval } from './variant-eval';
import { BASELINE_ID, STUDY_NAMES, type StudyChoice, type StudyName, type Variant } from './variants';

/** A metric over a variant's seeds: the mean, the sample standard deviation (`null` for one seed) and the count. */
export interface Stat {
  readonly mean: number;
  readonly sd: number | null;
  readonly n: number;
}

/**
 * The mean and sample standard deviation of values (NaN mean for none). Pure.
 *
 * @example
 * ```ts
 * import { statOf } from '@pix2pix-ts/cli';
 * statOf([1, 3]); // { mean: 2, sd: 1.414…, n: 2 }
 * ```
 */
export function statOf(values: readonly number[]): Stat {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: null, n: 0 };
  const mean = values.reduce((s, x) => s + x, 0) / n;
  if (n === 1) return { mean, sd: null, n };
  const v = values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(v), n };
}

/** The metrics of a table row, each over the variant's finished seeds. */
export interface RowMetrics {
  readonly l1: Stat;
  readonly psnr: Stat;
  readonly ssim: Stat;
  readonly histL: Stat;
  readonly histA: Stat;
  readonly histB: Stat;
  /** FCN per-pixel accuracy, per-class accuracy, class IoU (absent where not computed). */
  readonly fcn?: { readonly pixelAcc: Stat; readonly classAcc: Stat; readonly iou: Stat };
  /** Training seconds, mean over seeds. */
  readonly trainSeconds: number;
  readonly steps: number;
}

/** One row of a study's table. */
export interface AblationRow {
  readonly variant: Variant;
  /** The row's name in this table (the paper's). */
  readonly label: string;
  /** `done` (every planned seed evaluated), `partial` (some), `pending` (none yet), `skipped` (cannot train here). */
  readonly status: 'done' | 'partial' | 'pending' | 'skipped';
  /** Why skipped, or which variant it is the same network as at this size. */
  readonly note?: string;
  readonly metrics?: RowMetrics;
  /** The paper's numbers for this row of this table. */
  readonly paper?: PaperResult;
}

/** One study's table. */
export interface AblationTable {
  readonly study: StudyName;
  readonly rows: readonly AblationRow[];
}

/** The rows of each study, in the order of the paper's tables. */
const TABLE_ORDER: Readonly<Record<StudyName, readonly string[]>> = {
  loss: ['l1', 'cgan', 'l1_gan', BASELINE_ID],
  generator: ['ed_l1', 'ed_l1_cgan', 'l1', BASELINE_ID],
  patch: ['patch_1', 'patch_16', BASELINE_ID, 'patch_70', 'patch_286', 'patch_image'],
};

/** The paper's result for a row: Table 2 has its own U-Net rows (trained separately from Table 1's). */
function paperOf(study: StudyName, id: string): PaperResult | undefined {
  if (study === 'generator' && id === 'l1') return PAPER_RESULTS['unet_l1'];
  if (study === 'generator' && id === BASELINE_ID) return PAPER_RESULTS['unet_l1_cgan'];
  if (study === 'patch' && id === BASELINE_ID) return undefined;
  return PAPER_RESULTS[id];
}

/** The metrics of a variant over its evaluated seeds. Pure. */
export function rowMetrics(evals: readonly VariantEval[]): RowMetrics | undefined {
  if (evals.length === 0) return undefined;
  const of = (f: (e: VariantEval) => number): Stat => statOf(evals.map(f));
  const withFcn = evals.flatMap((e) => (e.fcn === undefined ? [] : [e.fcn.generated]));
  return {
    l1: of((e) => e.l1),
    psnr: of((e) => e.psnr),
    ssim: of((e) => e.ssim),
    histL: of((e) => e.intersection.l),
    histA: of((e) => e.intersection.a),
    histB: of((e) => e.intersection.b),
    ...(withFcn.length === evals.length
      ? { fcn: { pixelAcc: statOf(withFcn.map((f) => f.pixelAccuracy ?? Number.NaN)), classAcc: statOf(withFcn.map((f) => f.classAccuracy ?? Number.NaN)), iou: statOf(withFcn.map((f) => f.classIou ?? Number.NaN)) } }
      : {}),
    trainSeconds: evals.reduce((s, e) => s + e.trainSeconds, 0) / evals.length,
    steps: evals.reduce((s, e) => s + e.steps, 0) / evals.length,
  };
}

/**
 * The tables of a study from its plan and the evaluations done so far: one per study (three for `all`), rows in
 * the paper's order, each with its status (a half-done study has pending rows), its metrics over the seeds
 * evaluated, and the paper's numbers beside it. Pure.
 */
export function ablationTables(study: StudyChoice, plan: StudyPlan, evals: readonly VariantEval[]): readonly AblationTable[] {
  const studies: readonly StudyName[] = study === 'all' ? STUDY_NAMES : [study];
  const planned = (id: string): number => plan.runs.filter((r) => r.variant.id === id).length;
  return studies.map((s) => ({
    study: s,
    rows: TABLE_ORDER[s].flatMap((id): AblationRow[] => {
      const variant = plan.variants.find((v) => v.id === id);
      if (variant === undefined) return [];
      const paper = paperOf(s, id);
      const base = { variant, label: s === 'patch' ? (variant.patchLabel ?? variant.label) : variant.label, ...(paper === undefined ? {} : { paper }) };
      const skipped = plan.skipped.find((k) => k.variant.id === id);
      if (skipped !== undefined) return [{ ...base, status: 'skipped', note: skipped.reason }];
      const alias = plan.aliases.find((a) => a.variant.id === id);
      const source = alias?.sameAs ?? id;
      const mine = evals.filter((e) => e.variant === source);
      const metrics = rowMetrics(mine);
      const want = planned(source);
      const status = mine.length === 0 ? 'pending' : mine.length >= want ? 'done' : 'partial';
      return [{ ...base, status, ...(alias === undefined ? {} : { note: `the same network as ${alias.sameAsLabel} at this size (trained once)` }), ...(metrics === undefined ? {} : { metrics }) }];
    }),
  }));
}
