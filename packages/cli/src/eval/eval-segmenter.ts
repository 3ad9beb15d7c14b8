import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { defaultCacheDir } from '@pix2pix-ts/datasets/node';
import type { CliError } from '../cli/cli-error';
import type { DataConfig } from '../config/run-config';
import { evalSamples, spreadIndices } from '../data/eval-samples';
import { openSource } from '../data/open-source';
import { toRgb8 } from './generate';
import { LABEL_MAP_COVERAGE, paletteCoverage } from './label-map-check';
import { DEFAULT_SEGMENTER, trainOrLoadSegmenter, type TrainedSegmenter } from './segmenter';

/** What {@link segmenterForEval} needs: the data of the evaluated model, its size, the seed, the budget. */
export interface EvalSegmenterRequest {
  readonly data: DataConfig;
  readonly size: number;
  readonly seed: number;
  readonly steps: number;
  readonly cacheDir?: string;
  readonly say: (line: string) => void;
}

const isPowerOfTwoAtLeast32 = (n: number): boolean => Number.isInteger(Math.log2(n)) && n >= 32;

/**
 * The FCN-score segmenter for an evaluation, or `undefined` (with a line saying why) where the FCN-score does not
 * apply: a dataset mode that makes its inputs from photos, inputs that are not label maps in the CMP palette (a
 * sample of 8 training inputs is checked), or a size that is not a power of 2 ≥ 32.
 */
export function segmenterForEval(r: EvalSegmenterRequest): TE.TaskEither<CliError, TrainedSegmenter | undefined> {
  const skip = (why: string): TE.TaskEither<CliError, undefined> =>
    TE.fromIO(() => {
      r.say(`FCN-score: skipped (${why})`);
      return undefined;
    });
  if (!isPowerOfTwoAtLeast32(r.size)) return skip(`the segmenter needs a power-of-2 size ≥ 32, the model works at ${r.size}`);
  return pipe(
    openSource(r.data, 'train'),
    TE.chain((source) => {
      if (source.mode !== undefined) return skip(`--dataset_mode ${source.mode.name} has no label maps`);
      if (source.entries.length === 0) return skip(`no training pairs in ${source.name}`);
      return pipe(
        evalSamples(source, r.size, spreadIndices(source.entries.length, 8)),
        TE.chain((samples) => {
          const coverage = paletteCoverage(samples.map((s) => toRgb8(s.a, s.width, s.height)), DEFAULT_SEGMENTER.palette);
          if (coverage < LABEL_MAP_COVERAGE) {
            return skip(`the inputs of ${source.name} are not label maps in the CMP Facades palette: ${(100 * coverage).toFixed(0)}% of their pixels are near a label colour`);
          }
          return trainOrLoadSegmenter({
            source,
            settings: { ...DEFAULT_SEGMENTER, size: r.size, seed: r.seed, steps: r.steps },
            cacheDir: r.cacheDir ?? defaultCacheDir(),
            progress: r.say,
          });
        }),
      );
    }),
  );
}
