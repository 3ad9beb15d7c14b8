// The paper's unet_256 and 70x70 PatchGAN as a user writes them (channels declared as the official
// constructors declare them, one typed forward pass): the file whose type-check time issue 12 bounds. Timed by
// `npm run typecheck:time -w @pix2pix-ts/pix2pix` (measure.mjs), against the built packages and the sources.
import * as tf from '@tensorflow/tfjs-core';
import { key, shaped } from '@pix2pix-ts/layers';
import type { Tensor } from '@pix2pix-ts/shape-types';
import { patchGan, unetGenerator } from '@pix2pix-ts/pix2pix';

export const g = unetGenerator({ depth: 8, ngf: 64, inChannels: 3, outChannels: 3 });
export const d = patchGan({ nLayers: 3, ndf: 64, inChannels: 6 });

export function forward(a: Tensor<readonly [1, 256, 256, 3]>): Tensor<readonly [1, 30, 30, 1]> {
  const gm = g.init(key(0), [1, 256, 256, 3]);
  const dm = d.init(key(1), [1, 256, 256, 6]);
  const { y } = g.apply(gm.params, gm.state, a, { training: false, dropout: false });
  const pair = shaped(tf.concat([a, y], 3), [1, 256, 256, 6]);
  return d.apply(dm.params, dm.state, pair, { training: false }).y;
}
