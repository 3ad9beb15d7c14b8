import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { useBackend } from '@pix2pix-ts/backends';
import { key } from '@pix2pix-ts/layers';
import { describe, expect, it } from 'vitest';
import { disposeState, initSegmenter, makeSegmenterStep, makeTrainStep, releaseSegmenter, releaseState, segmentationNet } from '../src/index';
import { tinyBatch, tinyNets, tinyObjective, tinyState } from './support/tiny';

// Issue 12 item 5: no package registers gradients on import; useBackend does. This file's process never called
// it before the first test, so a training step must say what is missing instead of failing inside tfjs.
describe('a training step without useBackend', () => {
  it('imports register no gradient, so the step refuses with a clear error', async () => {
    await tf.setBackend('cpu');
    expect(tf.getGradient('Conv2D')).toBeUndefined();
    const state = tinyState();
    const batch = tinyBatch(0);
    expect(() => makeTrainStep(tinyNets(), tinyObjective)(state, batch)).toThrow(
      /pix2pix training step: tfjs-core's gradients are not registered .*call useBackend\(name\) from @pix2pix-ts\/backends first/,
    );
    const net = segmentationNet({ classes: 3, depth: 5, ngf: 4 });
    const seg = initSegmenter(net, key(0), [1, 32, 32, 3]);
    expect(() => makeSegmenterStep(net)(seg, { photos: tf.zeros([1, 32, 32, 3]), labels: tf.zeros([1, 32, 32], 'int32') })).toThrow(/segmenter step: .*call useBackend/);
    disposeState(state);
  });

  it('after useBackend the same step runs', async () => {
    await useBackend('cpu');
    const state = tinyState();
    const [next, metrics] = makeTrainStep(tinyNets(), tinyObjective)(state, tinyBatch(0));
    expect(Number.isFinite(metrics.G)).toBe(true);
    releaseState(state, next);
    disposeState(next);
    const net = segmentationNet({ classes: 3, depth: 5, ngf: 4 });
    const seg = initSegmenter(net, key(0), [1, 32, 32, 3]);
    const [after, loss] = makeSegmenterStep(net)(seg, { photos: tf.zeros([1, 32, 32, 3]), labels: tf.zeros([1, 32, 32], 'int32') });
    expect(Number.isFinite(loss)).toBe(true);
    releaseSegmenter(seg, after);
  });
});
