import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { LoadReport, PairSource } from '@pix2pix-ts/datasets/node';
import type { CliError } from '../cli/cli-error';
import type { DataConfig } from '../config/run-config';
import { checkData } from './check-data';
import { mergeSkipped, type DataFault, type DataFaults } from './data-faults';
import { decodeCheck } from './decode-check';
import { openSource } from './open-source';

/** A run's data: both splits after the header pass, and what the pass refused. */
export interface RunData {
  readonly trainSource: PairSource;
  readonly evalSource: PairSource;
  /** `--strict_data`: a bad file fails the run instead of being left out. */
  readonly strict: boolean;
  readonly filesChecked: number;
  readonly refused: readonly DataFault[];
}

/**
 * Opens the training and the evaluation split of a run and runs the header pass over both ({@link checkData}:
 * the training split up to `--max_dataset_size`), then decodes the evaluation split once ({@link decodeCheck}:
 * it is small, and read again only at the very end), printing what it finds through `say`.
 */
export function openRunData(data: DataConfig, strict: boolean, say: (line: string) => void): TE.TaskEither<CliError, RunData> {
  const checked = (phase: DataConfig['phase'], limit?: number) =>
    pipe(
      openSource(data, phase),
      TE.chain((source) => checkData(source, `the ${phase} split`, strict, say, limit)),
    );
  return pipe(
    TE.Do,
    TE.bind('train', () => checked(data.phase, data.maxDatasetSize ?? undefined)),
    TE.bind('evaluation', () =>
      pipe(
        checked(data.evalPhase),
        TE.chain((c) => decodeCheck(c, data.cropSize, `the ${data.evalPhase} split`, strict, say)),
      ),
    ),
    TE.map(({ train, evaluation }) => ({
      trainSource: train.source,
      evalSource: evaluation.source,
      strict,
      filesChecked: train.filesChecked + evaluation.filesChecked,
      refused: [...train.refused, ...evaluation.refused],
    })),
  );
}

/**
 * The run's data faults now: the header pass's refusals, and the pairs skipped while training in earlier
 * segments (`earlier`, from `run.json`) and in this one (the loader's report).
 */
export const dataFaultsNow = (data: RunData, earlier: DataFaults | undefined, report: LoadReport): DataFaults => ({
  filesChecked: data.filesChecked,
  refused: [...data.refused],
  skipped: mergeSkipped(earlier?.skipped ?? [], report.skipped),
});
