import * as t from 'io-ts';
import { FcnScore } from '../eval/fcn-score';
import { LabDistribution } from '../eval/lab-histograms';

/**
 * `evals/<run>.json`: a finished variant's evaluation on the test split, kept so that a resumed study or a
 * report rewritten later does not evaluate it again. `step` ties it to the checkpoint it measured.
 */
export const VariantEval = t.intersection([
  t.type({
    format: t.literal('pix2pix-ts/ablation-eval'),
    runName: t.string,
    variant: t.string,
    seed: t.number,
    runDir: t.string,
    step: t.number,
    images: t.number,
    /** Mean per-image L1 on [0, 1], PSNR (dB) and SSIM of the generated against the real test photos. */
    l1: t.number,
    psnr: t.number,
    ssim: t.number,
    /** Lab histograms (each summing to 1, bins as `LAB_BINS`) of every generated pixel and of the real test photos. */
    generated: LabDistribution,
    real: LabDistribution,
    /** Histogram intersection with the real photos per Lab channel (1: the same colour distribution). */
    intersection: t.type({ l: t.number, a: t.number, b: t.number }),
    /** Training seconds and steps (all segments). */
    trainSeconds: t.number,
    steps: t.number,
  }),
  t.partial({
    /**
     * FCN-score of the generated photos and of the real ones (the ceiling), where the inputs are label maps and a
     * segmenter was trained; `fcnSteps` is that segmenter's budget (an evaluation with another is redone).
     */
    fcn: t.type({ generated: FcnScore, real: FcnScore }),
    fcnSteps: t.number,
  }),
]);
/** See {@link VariantEval}. */
export type VariantEval = t.TypeOf<typeof VariantEval>;
