/** Joins path segments with `/` (Node accepts `/` on every platform). */
const join = (...parts: string[]): string => parts.join('/').replace(/\/{2,}/g, '/');

/**
 * The files of a study folder (`pix2pix ablate --out DIR`):
 *
 * ```
 * study.json                  the plan: study, budget, data (a resumed study must match it)
 * runs/<variant>-s<seed>-…/   each variant's pix2pix train run folder (checkpoints, metrics, its own report)
 * evals/<variant>-s<seed>.json  the variant's evaluation on the test split (metrics, colour histograms)
 * evals/<variant>-s<seed>.png   its outputs for the report's fixed test images (one row)
 * evals/input.png, target.png   those test images' inputs and targets
 * ablation.json               the tables as data
 * report.html                 the report (self-contained)
 * ```
 */
export interface StudyLayout {
  readonly dir: string;
  readonly study: string;
  readonly runs: string;
  readonly evals: string;
  readonly table: string;
  readonly report: string;
  readonly evalOf: (runName: string) => string;
  readonly samplesOf: (runName: string) => string;
  readonly inputRow: string;
  readonly targetRow: string;
}

/**
 * The layout of the study folder `dir`.
 *
 * @example
 * ```ts
 * import { studyLayout } from '@pix2pix-ts/cli';
 * studyLayout('runs/ablations-all').evalOf('l1-s0'); // 'runs/ablations-all/evals/l1-s0.json'
 * ```
 */
export function studyLayout(dir: string): StudyLayout {
  return {
    dir,
    study: join(dir, 'study.json'),
    runs: join(dir, 'runs'),
    evals: join(dir, 'evals'),
    table: join(dir, 'ablation.json'),
    report: join(dir, 'report.html'),
    evalOf: (runName) => join(dir, 'evals', `${runName}.json`),
    samplesOf: (runName) => join(dir, 'evals', `${runName}.png`),
    inputRow: join(dir, 'evals', 'input.png'),
    targetRow: join(dir, 'evals', 'target.png'),
  };
}
