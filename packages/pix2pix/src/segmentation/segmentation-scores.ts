/**
 * A confusion matrix of `classes` classes: `counts[truth * classes + predicted]` pixels. Accumulate it over a
 * whole test set, then read the scores with {@link segmentationScores}.
 */
export interface Confusion {
  readonly classes: number;
  readonly counts: Float64Array;
}

/** An empty {@link Confusion}. */
export const emptyConfusion = (classes: number): Confusion => ({ classes, counts: new Float64Array(classes * classes) });

/**
 * Adds one map's pixels to a confusion matrix (returns a new one). `predicted` and `truth` are class indices of
 * the same pixels.
 *
 * @example
 * ```ts
 * import { addToConfusion, emptyConfusion } from '@pix2pix-ts/pix2pix';
 * const c = addToConfusion(emptyConfusion(2), Uint8Array.of(0, 1), Uint8Array.of(0, 0)); // counts [1, 1, 0, 0]
 * ```
 */
export function addToConfusion(c: Confusion, predicted: ArrayLike<number>, truth: ArrayLike<number>): Confusion {
  if (predicted.length !== truth.length) throw new RangeError(`addToConfusion: ${predicted.length} predictions for ${truth.length} labels`);
  const counts = Float64Array.from(c.counts);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] ?? 0;
    const p = predicted[i] ?? 0;
    if (t < 0 || t >= c.classes || p < 0 || p >= c.classes) throw new RangeError(`addToConfusion: class out of range at pixel ${i} (truth ${t}, predicted ${p}, ${c.classes} classes)`);
    counts[t * c.classes + p] = (counts[t * c.classes + p] ?? 0) + 1;
  }
  return { classes: c.classes, counts };
}

/** The scores of one class: `null` where the class never occurs in the truth (accuracy and IoU undefined). */
export interface ClassScore {
  /** Pixels of the class in the truth. */
  readonly pixels: number;
  /** Recall: correctly labelled pixels of the class / its pixels. */
  readonly accuracy: number | null;
  /** Intersection over union: `n_ii / (t_i + Σ_j n_ji − n_ii)`. */
  readonly iou: number | null;
}

/** The FCN-score of the paper (the metrics of Long et al.'s FCN paper). */
export interface SegmentationScores {
  /** `Σ n_ii / Σ t_i`. */
  readonly pixelAccuracy: number;
  /** Mean of the per-class accuracies over the classes present in the truth. */
  readonly classAccuracy: number;
  /** Mean of the per-class IoUs over the classes present in the truth. */
  readonly classIou: number;
  readonly perClass: readonly ClassScore[];
}

/**
 * Per-pixel accuracy, mean per-class accuracy and mean class IoU of a confusion matrix, as in Long et al. (and the
 * pix2pix paper's FCN-score). Classes absent from the truth are left out of the means (as `nanmean` in the
 * official Cityscapes evaluation); NaN when there are no pixels at all.
 *
 * @example
 * ```ts
 * import { addToConfusion, emptyConfusion, segmentationScores } from '@pix2pix-ts/pix2pix';
 * const c = addToConfusion(emptyConfusion(2), Uint8Array.of(0, 1, 1, 1), Uint8Array.of(0, 0, 1, 1));
 * segmentationScores(c); // pixelAccuracy 0.75, classAccuracy 0.75 (0.5, 1), classIou (1/2 + 2/3) / 2
 * ```
 */
export function segmentationScores(c: Confusion): SegmentationScores {
  const k = c.classes;
  const at = (t: number, p: number): number => c.counts[t * k + p] ?? 0;
  let total = 0;
  let correct = 0;
  const perClass: ClassScore[] = [];
  for (let i = 0; i < k; i++) {
    let truthPixels = 0;
    let predictedPixels = 0;
    for (let j = 0; j < k; j++) {
      truthPixels += at(i, j);
      predictedPixels += at(j, i);
    }
    const hit = at(i, i);
    total += truthPixels;
    correct += hit;
    perClass.push(truthPixels === 0 ? { pixels: 0, accuracy: null, iou: null } : { pixels: truthPixels, accuracy: hit / truthPixels, iou: hit / (truthPixels + predictedPixels - hit) });
  }
  const present = perClass.filter((s) => s.pixels > 0);
  const mean = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    pixelAccuracy: total === 0 ? Number.NaN : correct / total,
    classAccuracy: mean(present.map((s) => s.accuracy ?? 0)),
    classIou: mean(present.map((s) => s.iou ?? 0)),
    perClass,
  };
}
