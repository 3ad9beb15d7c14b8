import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { CliError } from '../cli/cli-error';
import { writeFileTE } from '../run/json-file';
import type { RunLayout } from '../run/run-layout';
import { readSheetImages } from './embed-sheets';
import { renderReport, type ReportData } from './render-report';

/**
 * Writes the run's `report.html` as one self-contained file: the sample sheets of `samples/` are embedded
 * (`data:` URIs) and also stay in the run folder as PNGs.
 *
 * @example
 * ```ts
 * import { writeReportFile } from '@pix2pix-ts/cli';
 * // await writeReportFile(runLayout('runs/x'), { config, info, history, backend, runName, generatedAt, sheet })();
 * ```
 */
export function writeReportFile(layout: RunLayout, data: Omit<ReportData, 'images'>): TE.TaskEither<CliError, void> {
  return pipe(
    TE.fromTask(readSheetImages(layout.dir, data.info.savePoints)),
    TE.flatMap((images) => writeFileTE(layout.report, renderReport({ ...data, images }))),
  );
}
