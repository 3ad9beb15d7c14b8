import * as tf from '@tensorflow/tfjs-core';
import { CMP_PALETTE } from '@pix2pix-ts/datasets';
import { key, shaped } from '@pix2pix-ts/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addToConfusion,
  decodeLabelColours,
  disposeSegmenter,
  emptyConfusion,
  initSegmenter,
  makeSegmenterStep,
  pixelCrossEntropy,
  releaseSegmenter,
  segmentationDepthFor,
  segmentationNet,
  segmentationScores,
  segmentPhotos,
} from '../src/index';
import { onBackend } from './support/backends';

describe('FCN-score maths on constructed label maps', () => {
  it('identical maps: every score is 1', () => {
    const truth = Uint8Array.of(0, 1, 2, 2, 1, 0);
    const s = segmentationScores(addToConfusion(emptyConfusion(3), truth, truth));
    expect(s).toMatchObject({ pixelAccuracy: 1, classAccuracy: 1, classIou: 1 });
  });

  it('a hand-computed case: accuracy 4/6, class accuracies (1/2, 1, 1/2), IoUs (1/3, 2/3, 1/2)', () => {
    // truth      0 0 1 1 2 2
    // predicted  0 1 1 1 2 0
    const truth = Uint8Array.of(0, 0, 1, 1, 2, 2);
    const predicted = Uint8Array.of(0, 1, 1, 1, 2, 0);
    const s = segmentationScores(addToConfusion(emptyConfusion(3), predicted, truth));
    expect(s.pixelAccuracy).toBeCloseTo(4 / 6, 12);
    expect(s.perClass.map((c) => c.accuracy)).toEqual([0.5, 1, 0.5]);
    // class 0: hit 1, truth 2, predicted 2 -> 1 / 3; class 1: hit 2, truth 2, predicted 3 -> 2 / 3; class 2: 1 / (2 + 1 - 1) = 1 / 2
    expect(s.perClass.map((c) => c.iou)).toEqual([1 / 3, 2 / 3, 1 / 2]);
    expect(s.classAccuracy).toBeCloseTo((0.5 + 1 + 0.5) / 3, 12);
    expect(s.classIou).toBeCloseTo((1 / 3 + 2 / 3 + 1 / 2) / 3, 12);
  });

  it('classes absent from the truth are left out of the means; confusion adds up over maps', () => {
    let c = emptyConfusion(4);
    c = addToConfusion(c, Uint8Array.of(0, 0), Uint8Array.of(0, 0));
    c = addToConfusion(c, Uint8Array.of(1, 3), Uint8Array.of(1, 1)); // class 3 predicted but never true
    const s = segmentationScores(c);
    expect(s.pixelAccuracy).toBe(3 / 4);
    expect(s.perClass[2]).toEqual({ pixels: 0, accuracy: null, iou: null });
    expect(s.perClass[3]).toEqual({ pixels: 0, accuracy: null, iou: null });
    expect(s.classAccuracy).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(s.classIou).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(segmentationScores(emptyConfusion(2)).pixelAccuracy).toBeNaN();
    expect(() => addToConfusion(c, Uint8Array.of(4), Uint8Array.of(0))).toThrow(/out of range/);
  });
});

describe('label decoding (nearest palette colour)', () => {
  it('exact CMP colours decode to their class, JPEG-like noise to the nearest one', () => {
    const exact = Uint8Array.from(CMP_PALETTE.flat());
    expect(Array.from(decodeLabelColours(exact, CMP_PALETTE))).toEqual(CMP_PALETTE.map((_, k) => k));
    const noisy = Uint8Array.from(CMP_PALETTE.flatMap(([r, g, b], k) => [r, g, b].map((v, c) => Math.min(255, Math.max(0, v + (((k + c) % 3) - 1) * 9)))));
    expect(Array.from(decodeLabelColours(noisy, CMP_PALETTE))).toEqual(CMP_PALETTE.map((_, k) => k));
    expect(() => decodeLabelColours(new Uint8Array(4), CMP_PALETTE)).toThrow(/triples/);
  });
});

/** Tiny data: class k occupies vertical band k and is painted with a colour near palette[k] plus a texture. */
function tinyData(classes: number, size: number, n: number): { photos: tf.Tensor4D; labels: tf.Tensor3D } {
  const colours = [[-0.8, 0.2, 0.6], [0.7, -0.5, 0.1], [0.1, 0.8, -0.7]];
  const photos = new Float32Array(n * size * size * 3);
  const labels = new Int32Array(n * size * size);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const k = Math.min(classes - 1, Math.floor(((x + 5 * i + y) % size) / (size / classes)));
        const p = (i * size + y) * size + x;
        labels[p] = k;
        for (let c = 0; c < 3; c++) photos[p * 3 + c] = (colours[k]?.[c] ?? 0) + 0.1 * Math.sin(x * 0.7 + y * 1.3 + c);
      }
    }
  }
  return { photos: tf.tensor4d(photos, [n, size, size, 3]), labels: tf.tensor3d(labels, [n, size, size], 'int32') };
}

describe('the segmenter (cpu)', () => {
  beforeAll(() => onBackend('cpu'));

  it('pixel cross-entropy of uniform logits is log C, and is 0 for confident right answers', () => {
    const l = pixelCrossEntropy(tf.zeros([1, 2, 2, 4]), tf.zeros([1, 2, 2], 'int32'));
    expect(l.dataSync()[0]).toBeCloseTo(Math.log(4), 6);
    const confident = pixelCrossEntropy(tf.tensor4d([50, 0, 0, 50], [1, 1, 2, 2]), tf.tensor3d([0, 1], [1, 1, 2], 'int32'));
    expect(confident.dataSync()[0]).toBeCloseTo(0, 6);
    tf.dispose([l, confident]);
  });

  it('maps photos to per-pixel logits of the image size; depth goes down to a 2x2 bottleneck', () => {
    expect(segmentationDepthFor(32)).toBe(5);
    expect(segmentationDepthFor(256)).toBe(7);
    expect(() => segmentationDepthFor(48)).toThrow(/power of 2/);
    const net = segmentationNet({ classes: 5, depth: 5, ngf: 4 });
    const { params, state } = net.init(key(0), [1, 32, 32, 3]);
    const y = net.apply(params, state, shaped(tf.zeros([1, 32, 32, 3]), [1, 32, 32, 3]), { training: false }).y;
    expect(y.shape).toEqual([1, 32, 32, 5]);
    tf.dispose(y);
  });

  it('a few training steps on tiny data make the loss fall and the predictions right, deterministically', () => {
    const run = (): { losses: number[]; accuracy: number } => {
      const net = segmentationNet({ classes: 3, depth: 5, ngf: 4 });
      const step = makeSegmenterStep(net);
      let s = initSegmenter(net, key(3), [2, 32, 32, 3]);
      const data = tinyData(3, 32, 2);
      const losses: number[] = [];
      for (let i = 0; i < 60; i++) {
        const [next, loss] = step(s, data);
        releaseSegmenter(s, next);
        s = next;
        losses.push(loss);
      }
      const predicted = segmentPhotos(net, s.params, s.state, data.photos);
      const scores = segmentationScores(addToConfusion(emptyConfusion(3), predicted, data.labels.dataSync()));
      disposeSegmenter(s);
      tf.dispose([data.photos, data.labels]);
      return { losses, accuracy: scores.pixelAccuracy };
    };
    const before = tf.memory().numTensors;
    const a = run();
    expect(tf.memory().numTensors).toBe(before);
    const first = a.losses[0] ?? 0;
    const last = a.losses[a.losses.length - 1] ?? Number.POSITIVE_INFINITY;
    expect(last).toBeLessThan(0.5 * first);
    expect(a.accuracy).toBeGreaterThan(0.9);
    expect(run()).toEqual(a);
  });
});
