import * as tf from '@tensorflow/tfjs-core';
import { key } from '@pix2pix-ts/layers';
import { initTrainState, patchGan, PAPER_OBJECTIVE, unetGenerator, type Batch, type Objective, type TrainState } from '../../src/index';

/** A tiny pix2pix (U-Net 5 downs, ngf 4; 70x70 PatchGAN, ndf 4) on 32x32 images: fast on cpu. */
export const tinyNets = () => ({
  generator: unetGenerator({ depth: 5, ngf: 4, outChannels: 3 }),
  discriminator: patchGan({ nLayers: 3, ndf: 4 }),
});

export const tinyObjective: Objective = { ...PAPER_OBJECTIVE, lrPolicy: { kind: 'linear', nEpochs: 1, nEpochsDecay: 1 } };

export const tinyState = (seed = 0): TrainState => initTrainState(tinyNets(), key(seed), [1, 32, 32, 3], 3);

/** Batch `i` of a fixed synthetic stream: B is a smooth function of A, so there is something to learn. */
export function tinyBatch(i: number): Batch {
  return tf.tidy(() => {
    const a = tf.randomUniform([1, 32, 32, 3], -1, 1, 'float32', 1000 + i) as tf.Tensor4D;
    const b = tf.tanh(tf.mul(tf.reverse(a, 2), 1.5)) as tf.Tensor4D;
    return { a, b };
  });
}
