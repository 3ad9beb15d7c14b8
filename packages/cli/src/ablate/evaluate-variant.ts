import { existsSync } from 'node:fs';
import * as TE from 'fp-ts/TaskEither';
import { inputError, messageOf, type CliError } from '../cli/cli-error';
import { must, Stop } from '../cli/must';
import { evalSamples, spreadIndices } from '../data/eval-samples';
import { openSource } from '../data/open-source';
import { generateImage, toRgb8 } from '../eval/generate';
import { addToRealismSums, emptyRealismSums, realismOf } from '../eval/evaluate-realism';
import { imageMetrics, meanMetrics, type ImageMetrics } from '../eval/image-metrics';
import type { TrainedSegmenter } from '../eval/segmenter';
import type { Rgb8 } from '../eval/rgb';
import { encodePng } from '../image/png';
import { tileGrid } from '../image/tile-grid';
import { writeFileTE, writeJson } from '../run/json-file';
import { loadGeneratorDir } from '../run/load-generator-dir';
import { trainingTotals, type RunInfo } from '../run/run-info';
import { runLayout } from '../run/run-layout';
import type { PlannedRun } from './plan-study';
import type { StudyLayout } from './study-layout';
import { VariantEval } from './variant-eval';

/** Gap between the report's side-by-side images, in pixels. */
const ROW_GAP = 2;

/** A row of images as one PNG (the report's side-by-side strip of one variant). */
const rowPng = (images: readonly Rgb8[]): Uint8Array => encodePng(tileGrid([images], ROW_GAP, [255, 255, 255]));

/**
 * Evaluates a finished variant on its test split, the way `pix2pix train` does (every test pair, resized to the
 * model's size, the configured test-time behaviour, one image at a time) and beyond it: the realism metrics of
 * `pix2pix eval` (the Lab colour histograms of every generated and real pixel and their intersection; with a
 * segmenter, the FCN-score of the generated and the real photos), and the outputs for `samples` fixed test images, written as
 * `evals/<run>.png` (and the inputs and targets once, `evals/input.png`, `evals/target.png`). Writes and returns
 * `evals/<run>.json`.
 */
export function evaluateVariant(run: PlannedRun, runDir: string, info: RunInfo, study: StudyLayout, samples: number, segmenter: TrainedSegmenter | undefined): TE.TaskEither<CliError, VariantEval> {
  return TE.tryCatch(
    async () => {
      const loaded = await must(loadGeneratorDir(runLayout(runDir).latest));
      try {
        const config = loaded.config;
        const source = await must(openSource(config.data, config.data.evalPhase));
        const n = Math.min(source.entries.length, config.test.numTest ?? Number.MAX_SAFE_INTEGER);
        const shown = new Set(spreadIndices(n, samples));
        const per: ImageMetrics[] = [];
        let sums = emptyRealismSums(segmenter);
        const rows: { input: Rgb8[]; generated: Rgb8[]; target: Rgb8[] } = { input: [], generated: [], target: [] };
        const chunk = 8;
        for (let start = 0; start < n; start += chunk) {
          const indices = Array.from({ length: Math.min(chunk, n - start) }, (_, i) => start + i);
          for (const s of await must(evalSamples(source, config.data.cropSize, indices))) {
            const generated = generateImage(loaded.generator, loaded.vars, s.a, s.width, s.height, config.test, config.run.seed, s.index);
            const target = toRgb8(s.b, s.width, s.height);
            per.push(imageMetrics(generated, target));
            // The input is the label map the FCN-score checks the segmented photo against.
            sums = addToRealismSums(sums, { generated, real: target, labels: toRgb8(s.a, s.width, s.height) }, segmenter);
            if (shown.has(s.index)) {
              rows.generated.push(generated);
              rows.input.push(toRgb8(s.a, s.width, s.height));
              rows.target.push(target);
            }
          }
        }
        const m = meanMetrics(per);
        const realism = realismOf(sums, segmenter);
        const histograms = realism.histograms;
        if (histograms === undefined) throw new Error('internal: realism metrics without histograms');
        const totals = trainingTotals(info);
        const result: VariantEval = {
          format: 'pix2pix-ts/ablation-eval',
          runName: run.runName,
          variant: run.variant.id,
          seed: run.seed,
          runDir,
          step: loaded.step,
          images: per.length,
          l1: m.l1,
          psnr: m.psnr,
          ssim: m.ssim,
          generated: histograms.generated,
          real: histograms.real,
          intersection: realism.colour,
          trainSeconds: totals.seconds,
          steps: totals.steps,
          ...(realism.fcn === undefined || segmenter === undefined ? {} : { fcn: realism.fcn, fcnSteps: segmenter.settings.steps }),
        };
        if (rows.generated.length > 0) {
          await must(writeFileTE(study.samplesOf(run.runName), rowPng(rows.generated)));
          if (!existsSync(study.inputRow)) await must(writeFileTE(study.inputRow, rowPng(rows.input)));
          if (!existsSync(study.targetRow)) await must(writeFileTE(study.targetRow, rowPng(rows.target)));
        }
        await must(writeJson(study.evalOf(run.runName), VariantEval.encode(result)));
        return result;
      } finally {
        loaded.dispose();
      }
    },
    (e) => (e instanceof Stop ? e.error : inputError(messageOf(e))),
  );
}
