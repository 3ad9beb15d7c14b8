import * as tf from '@tensorflow/tfjs-core';
import { assertGradientsReady } from '@pix2pix-ts/backends';
import { disposeTree, fromLeaves, leaves, shaped, tidyTree, untyped, type Key, type Layer, type ParamTree, type Sig } from '@pix2pix-ts/layers';
import { adamInit, adamStep, type AdamConfig, type AdamState } from '../optim/adam';
import { pixelCrossEntropy } from './pixel-cross-entropy';

/** The training state of a segmenter: parameters, norm state (empty with instance norm), Adam, the step. */
export interface SegmenterState {
  readonly params: ParamTree;
  readonly state: ParamTree;
  readonly opt: AdamState;
  readonly step: number;
}

/** A segmentation batch: photos NHWC in [-1, 1] and their class maps `[N, H, W]` (int32). */
export interface SegmentationBatch {
  readonly photos: tf.Tensor4D;
  readonly labels: tf.Tensor3D;
}

/** Adam for the segmenter: lr 1e-3 (a classifier trained from scratch in few steps), PyTorch's β and ε. */
export const SEGMENTER_ADAM: AdamConfig = { lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/**
 * A fresh segmenter state for photos of `inputShape` (NHWC).
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { initSegmenter, segmentationNet } from '@pix2pix-ts/pix2pix';
 * const s = initSegmenter(segmentationNet({ classes: 12, depth: 5, ngf: 8 }), key(0), [1, 32, 32, 3]);
 * ```
 */
export function initSegmenter<G extends Sig>(net: Layer<G>, seedKey: Key, inputShape: readonly [number, number, number, number]): SegmenterState {
  const { params, state } = untyped(net).init(seedKey, inputShape);
  return { params, state, opt: adamInit(params), step: 0 };
}

/**
 * The segmenter's training step, a pure `(state, batch) => [state', loss]`: per-pixel cross-entropy, one Adam
 * step. The old state is untouched; {@link releaseSegmenter} frees what the new one no longer holds.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { key } from '@pix2pix-ts/layers';
 * import { initSegmenter, makeSegmenterStep, releaseSegmenter, segmentationNet } from '@pix2pix-ts/pix2pix';
 * import { useBackend } from '@pix2pix-ts/backends';
 * await useBackend('cpu'); // registers the gradients a step needs
 * const net = segmentationNet({ classes: 3, depth: 5, ngf: 4 });
 * const step = makeSegmenterStep(net);
 * let s = initSegmenter(net, key(0), [1, 32, 32, 3]);
 * const [next, loss] = step(s, { photos: tf.zeros([1, 32, 32, 3]), labels: tf.zeros([1, 32, 32], 'int32') });
 * releaseSegmenter(s, next); s = next;
 * ```
 */
export function makeSegmenterStep<G extends Sig>(net: Layer<G>, adam: AdamConfig = SEGMENTER_ADAM): (s: SegmenterState, batch: SegmentationBatch) => readonly [SegmenterState, number] {
  // Photo sizes come from the data: the net's run-time-checked view, one check per call.
  const checked = untyped(net);
  return (s, batch) => {
    const photos = shaped(batch.photos, [null, null, null, null], 'segmenter batch photos');
    assertGradientsReady('segmenter step');
    const out = tidyTree(() => {
      const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) =>
        pixelCrossEntropy(checked.apply(fromLeaves(s.params, xs), s.state, photos, { training: true }).y, batch.labels),
      )(leaves(s.params));
      const updated = adamStep(s.params, fromLeaves(s.params, grads), s.opt, adam);
      return { loss: value, params: updated.params, opt: updated.state };
    });
    const loss = out.loss.dataSync()[0] ?? Number.NaN;
    out.loss.dispose();
    return [{ params: out.params, state: s.state, opt: out.opt, step: s.step + 1 }, loss] as const;
  };
}

const tensorsOf = (s: SegmenterState): tf.Tensor[] => [...leaves(s.params), ...leaves(s.state), ...leaves(s.opt.m), ...leaves(s.opt.v)];

/** Frees the tensors of `old` that `next` does not hold. */
export function releaseSegmenter(old: SegmenterState, next: SegmenterState): void {
  const keep = new Set(tensorsOf(next).map((t) => t.id));
  for (const t of tensorsOf(old)) if (!keep.has(t.id)) t.dispose();
}

/** Frees every tensor of a segmenter state. */
export function disposeSegmenter(s: SegmenterState): void {
  for (const tree of [s.params, s.state, s.opt.m, s.opt.v]) disposeTree(tree);
}

/**
 * Per-pixel class predictions (argmax of the logits, test mode) for photos NHWC in [-1, 1]: `N·H·W` class
 * indices, row-major.
 *
 * @example
 * ```ts
 * // const classes = segmentPhotos(net, s.params, s.state, photos); // Int32Array
 * ```
 */
export function segmentPhotos<G extends Sig>(net: Layer<G>, params: ParamTree, state: ParamTree, photos: tf.Tensor4D): Int32Array {
  const x = shaped(photos, [null, null, null, null], 'segmentPhotos: photos');
  const predicted = tf.tidy(() => tf.argMax(untyped(net).apply(params, state, x, { training: false }).y, 3));
  const classes = predicted.dataSync();
  predicted.dispose();
  return Int32Array.from(classes);
}
