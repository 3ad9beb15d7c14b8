import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { PairSource } from '@pix2pix-ts/datasets';
import type { Layer, Sig } from '@pix2pix-ts/layers';
import type { NetVars } from '@pix2pix-ts/pix2pix';
import type { CliError } from '../cli/cli-error';
import type { TestConfig } from '../config/run-config';
import { evalSamples } from '../data/eval-samples';
import { describeTestTime, generateImage, sampleRgb8 } from './generate';
import { addToRealismSums, emptyRealismSums, realismOf } from './evaluate-realism';
import type { TrainedSegmenter } from './segmenter';
import { imageMetrics, meanMetrics, type ImageMetrics, type SplitMetrics } from './image-metrics';

/** What {@link evaluateSplit} needs. */
export interface EvaluateInput {
  readonly generator: Layer<Sig>;
  readonly vars: NetVars;
  readonly source: PairSource;
  readonly phase: string;
  readonly size: number;
  readonly test: TestConfig;
  readonly seed: number;
  /** Step and epoch of the checkpoint (recorded in the metrics). */
  readonly step: number;
  readonly epoch: number;
  /**
   * Also the realism metrics: the Lab colour histograms of generated vs real photos and, with a segmenter trained
   * at `size`, the FCN-score of both against the input label maps (`a`).
   */
  readonly realism?: { readonly segmenter?: TrainedSegmenter };
}

/**
 * Test-set metrics of a generator: every pair of the split (or the first `numTest`), one at a time as the
 * official `test.py` (batch 1), resized to the model's size, translated with the configured test-time behaviour,
 * compared with its target on [0, 1]: mean L1, PSNR and SSIM over the images; with `realism`, also the Lab
 * colour-histogram intersection over the whole split and (with a segmenter) the FCN-scores. For a `colorization` source both
 * are the RGB colour reassembled from the input's L and the predicted (real) ab.
 */
export function evaluateSplit(input: EvaluateInput): TE.TaskEither<CliError, SplitMetrics> {
  const n = Math.min(input.source.entries.length, input.test.numTest ?? Number.MAX_SAFE_INTEGER);
  const chunk = 8;
  const segmenter = input.realism?.segmenter;
  let sums = emptyRealismSums(segmenter);
  const run = async (): Promise<TE.TaskEither<CliError, readonly ImageMetrics[]>> => {
    const all: ImageMetrics[] = [];
    const mode = input.source.mode?.name;
    for (let start = 0; start < n; start += chunk) {
      const indices = Array.from({ length: Math.min(chunk, n - start) }, (_, i) => start + i);
      const samples = await evalSamples(input.source, input.size, indices)();
      if (samples._tag === 'Left') return TE.left(samples.left);
      for (const s of samples.right) {
        const generated = generateImage(input.generator, input.vars, s.a, s.width, s.height, input.test, input.seed, s.index, mode);
        const { input: inputRgb, target } = sampleRgb8(s, mode);
        all.push(imageMetrics(generated, target));
        if (input.realism !== undefined) sums = addToRealismSums(sums, { generated, real: target, labels: inputRgb }, segmenter);
      }
    }
    return TE.right(all);
  };
  return pipe(
    TE.fromTask(run),
    TE.flatten,
    TE.map((all) => {
      const m = meanMetrics(all);
      const split = { phase: input.phase, images: all.length, ...m, testTime: describeTestTime(input.test), step: input.step, epoch: input.epoch };
      return input.realism === undefined ? split : { ...split, realism: realismOf(sums, segmenter) };
    }),
  );
}
