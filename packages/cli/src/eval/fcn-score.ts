import * as tf from '@tensorflow/tfjs-core';
import * as t from 'io-ts';
import { addToConfusion, decodeLabelColours, segmentationScores, segmentPhotos, type Confusion } from '@pix2pix-ts/pix2pix';
import type { Rgb8 } from './rgb';
import type { TrainedSegmenter } from './segmenter';

/** NaN survives `JSON.stringify` as `null`: read it back as NaN. */
const NumberOrNull = new t.Type<number, number | null, unknown>(
  'NumberOrNull',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'number' ? t.success(u) : u === null ? t.success(Number.NaN) : t.failure(u, c)),
  (n) => (Number.isFinite(n) ? n : null),
);

/**
 * The FCN-score of a set of photos: per-pixel accuracy, mean per-class accuracy, mean class IoU, and per class (by
 * name) its truth pixels, accuracy and IoU (`null` for a class absent from the labels).
 */
export const FcnScore = t.type({
  pixelAccuracy: NumberOrNull,
  classAccuracy: NumberOrNull,
  classIou: NumberOrNull,
  perClass: t.array(t.type({ name: t.string, pixels: t.number, accuracy: t.union([t.number, t.null]), iou: t.union([t.number, t.null]) })),
});
/** See {@link FcnScore}. */
export type FcnScore = t.TypeOf<typeof FcnScore>;

/**
 * Adds one photo to an FCN-score's confusion matrix: the segmenter's classes for `photo` against the classes
 * decoded from `labels` (the generator's input label map). Both are resized by the caller to the segmenter's size.
 */
export function addPhotoToConfusion(c: Confusion, segmenter: TrainedSegmenter, photo: Rgb8, labels: Rgb8): Confusion {
  const { size, palette } = segmenter.settings;
  if (photo.width !== size || photo.height !== size || labels.width !== size || labels.height !== size) {
    throw new RangeError(`FCN-score: the segmenter works at ${size}x${size}, got a ${photo.width}x${photo.height} photo and ${labels.width}x${labels.height} labels`);
  }
  const x = tf.tensor4d(Float32Array.from(photo.data, (v) => (v / 255) * 2 - 1), [1, size, size, 3], 'float32');
  const predicted = segmentPhotos(segmenter.net, segmenter.params, segmenter.state, x);
  x.dispose();
  return addToConfusion(c, predicted, decodeLabelColours(labels.data, palette));
}

/** The scores of a confusion matrix with the class names of a segmenter. */
export function fcnScoreOf(c: Confusion, classNames: readonly string[]): FcnScore {
  const s = segmentationScores(c);
  return {
    pixelAccuracy: s.pixelAccuracy,
    classAccuracy: s.classAccuracy,
    classIou: s.classIou,
    perClass: s.perClass.map((p, k) => ({ name: classNames[k] ?? `class ${k}`, ...p })),
  };
}
