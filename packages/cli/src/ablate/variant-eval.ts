import * as t from 'io-ts';
import { LabHistograms } from './colour-histograms';

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
    /** Lab histograms of every generated pixel, and of the real test photos (the reference). */
    generated: LabHistograms,
    real: LabHistograms,
    /** Histogram intersection with the real photos per Lab channel (1: the same colour distribution). */
    intersection: t.type({ l: t.number, a: t.number, b: t.number }),
    /** Training seconds and steps (all segments). */
    trainSeconds: t.number,
    steps: t.number,
  }),
  t.partial({
    /** FCN-score of the generated photos, where the data has label maps and a segmenter was trained. */
    fcn: t.type({ pixelAcc: t.number, classAcc: t.number, iou: t.number }),
  }),
]);
/** See {@link VariantEval}. */
export type VariantEval = t.TypeOf<typeof VariantEval>;
