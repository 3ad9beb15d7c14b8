import * as t from 'io-ts';
import { StudyBudget } from './study-budget';

/**
 * `study.json`: what a study folder was planned with. A later `pix2pix ablate --out` on the same folder resumes
 * it only when these match (another budget or data would mix incomparable runs in one table).
 */
export const StudyRecord = t.intersection([
  t.type({
    format: t.literal('pix2pix-ts/ablation-study'),
    study: t.string,
    budget: StudyBudget,
    dataroot: t.union([t.string, t.null]),
    direction: t.string,
    startedAt: t.string,
  }),
  /** Wall seconds of every invocation so far (training, evaluation, reports). */
  t.partial({ wallSeconds: t.number }),
]);
/** See {@link StudyRecord}. */
export type StudyRecord = t.TypeOf<typeof StudyRecord>;

/**
 * Why a study folder's record does not fit the study asked for now (one line naming the first difference), or
 * `undefined` when it may be resumed. Pure.
 *
 * @example
 * ```ts
 * import { studyMismatch, DEFAULT_BUDGET } from '@pix2pix-ts/cli';
 * const a = { format: 'pix2pix-ts/ablation-study' as const, study: 'loss', budget: DEFAULT_BUDGET, dataroot: 'd', direction: 'BtoA', startedAt: '' };
 * studyMismatch(a, { ...a, study: 'patch' }); // 'it holds --study loss, not patch'
 * ```
 */
export function studyMismatch(onDisk: StudyRecord, wanted: StudyRecord): string | undefined {
  if (onDisk.study !== wanted.study) return `it holds --study ${onDisk.study}, not ${wanted.study}`;
  if (onDisk.dataroot !== wanted.dataroot) return `its data is ${onDisk.dataroot ?? 'synthetic'}, not ${wanted.dataroot ?? 'synthetic'}`;
  if (onDisk.direction !== wanted.direction) return `its direction is ${onDisk.direction}, not ${wanted.direction}`;
  const a = onDisk.budget;
  const b = wanted.budget;
  const keys = Object.keys(b) as (keyof StudyBudget)[];
  const differs = keys.find((k) => a[k] !== b[k]);
  return differs === undefined ? undefined : `its budget has ${differs} ${String(a[differs])}, not ${String(b[differs])}`;
}
