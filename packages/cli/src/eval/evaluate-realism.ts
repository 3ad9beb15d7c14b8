import * as t from 'io-ts';
import { emptyConfusion, type Confusion } from '@pix2pix-ts/pix2pix';
import { addPhotoToConfusion, fcnScoreOf, FcnScore } from './fcn-score';
import { addToLabCounts, emptyLabCounts, LabDistribution, labDistributionOf, labIntersection, LabIntersection, type LabCounts } from './lab-histograms';
import type { Rgb8 } from './rgb';
import type { TrainedSegmenter } from './segmenter';

/**
 * The realism metrics of a set of generated photos: the Lab colour-distribution test and, where the dataset is
 * labelled and a segmenter was given, the FCN-score of the generated photos and of the real ones (the ceiling).
 * An io-ts codec because it is written into `metrics.json` and read back into reports.
 */
export const RealismMetrics = t.intersection([
  t.type({
    /** Histogram intersection of the L, a, b channels, generated vs real (1: the same colour distribution). */
    colour: LabIntersection,
  }),
  t.partial({
    /** The Lab histograms themselves (each normalised to sum 1; bins as `LAB_BINS`), for plots. */
    histograms: t.type({ generated: LabDistribution, real: LabDistribution }),
    fcn: t.type({ generated: FcnScore, real: FcnScore }),
  }),
]);
/** See {@link RealismMetrics}. */
export type RealismMetrics = t.TypeOf<typeof RealismMetrics>;

/** One test pair as the realism metrics see it. */
export interface RealismPair {
  readonly generated: Rgb8;
  readonly real: Rgb8;
  /** The input label map (painted in the segmenter's palette), for the FCN-score. */
  readonly labels?: Rgb8;
}

/** Running sums of the realism metrics over a test set (so a split is evaluated one image at a time). */
export interface RealismSums {
  readonly generated: LabCounts;
  readonly real: LabCounts;
  readonly fcnGenerated: Confusion | null;
  readonly fcnReal: Confusion | null;
}

/** Empty sums; with a segmenter, FCN confusion matrices too. */
export const emptyRealismSums = (segmenter?: TrainedSegmenter): RealismSums => ({
  generated: emptyLabCounts(),
  real: emptyLabCounts(),
  fcnGenerated: segmenter === undefined ? null : emptyConfusion(segmenter.settings.palette.length),
  fcnReal: segmenter === undefined ? null : emptyConfusion(segmenter.settings.palette.length),
});

/** Adds one pair to the sums (the FCN part only with a segmenter and labels). */
export function addToRealismSums(sums: RealismSums, pair: RealismPair, segmenter?: TrainedSegmenter): RealismSums {
  const { labels } = pair;
  const fcn = segmenter !== undefined && labels !== undefined && sums.fcnGenerated !== null && sums.fcnReal !== null;
  return {
    generated: addToLabCounts(sums.generated, pair.generated),
    real: addToLabCounts(sums.real, pair.real),
    fcnGenerated: fcn ? addPhotoToConfusion(sums.fcnGenerated, segmenter, pair.generated, labels) : sums.fcnGenerated,
    fcnReal: fcn ? addPhotoToConfusion(sums.fcnReal, segmenter, pair.real, labels) : sums.fcnReal,
  };
}

/** The metrics of the sums. */
export function realismOf(sums: RealismSums, segmenter?: TrainedSegmenter): RealismMetrics {
  const colour = labIntersection(sums.generated, sums.real);
  const histograms = { generated: labDistributionOf(sums.generated), real: labDistributionOf(sums.real) };
  if (segmenter === undefined || sums.fcnGenerated === null || sums.fcnReal === null) return { colour, histograms };
  const names = segmenter.settings.classNames;
  return { colour, histograms, fcn: { generated: fcnScoreOf(sums.fcnGenerated, names), real: fcnScoreOf(sums.fcnReal, names) } };
}

/** What {@link evaluateRealism} compares. */
export interface RealismInput {
  /** Generated photos (8-bit RGB). */
  readonly generated: readonly Rgb8[];
  /** The real photos of the same test pairs. */
  readonly real: readonly Rgb8[];
  /** The input label maps of the same pairs (painted in the segmenter's palette); with `segmenter`, FCN-scores. */
  readonly labels?: readonly Rgb8[];
  /** A segmenter from `trainOrLoadSegmenter`, trained at the images' size. */
  readonly segmenter?: TrainedSegmenter;
}

/**
 * The paper's realism metrics beside L1/PSNR/SSIM: the Lab colour-distribution test over the whole set, and the
 * FCN-score (per-pixel accuracy, per-class accuracy, class IoU of a segmenter trained on real photos, run on the
 * generated ones, against the input labels), with the real photos' FCN-score as the ceiling.
 *
 * @example
 * ```ts
 * import { evaluateRealism, type Rgb8 } from '@pix2pix-ts/cli';
 * const flat = (v: number): Rgb8 => ({ width: 4, height: 4, data: new Uint8Array(48).fill(v) });
 * const m = evaluateRealism({ generated: [flat(100)], real: [flat(100)] }); // m.colour: { l: 1, a: 1, b: 1 }
 * // with labels and a segmenter (trainOrLoadSegmenter) also the FCN-score: m.fcn?.generated.pixelAccuracy, m.fcn?.real.classIou
 * ```
 */
export function evaluateRealism(input: RealismInput): RealismMetrics {
  const { labels, segmenter } = input;
  if (input.generated.length !== input.real.length || (labels !== undefined && labels.length !== input.real.length)) {
    throw new RangeError(`evaluateRealism: ${input.generated.length} generated, ${input.real.length} real${labels === undefined ? '' : ` and ${labels.length} label`} images`);
  }
  const withFcn = labels !== undefined ? segmenter : undefined;
  let sums = emptyRealismSums(withFcn);
  input.generated.forEach((generated, i) => {
    const real = input.real[i];
    const l = labels?.[i];
    if (real !== undefined) sums = addToRealismSums(sums, l === undefined ? { generated, real } : { generated, real, labels: l }, withFcn);
  });
  return realismOf(sums, withFcn);
}
