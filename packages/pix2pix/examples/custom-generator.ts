import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@pix2pix-ts/backends';
import { key, serial, shaped } from '@pix2pix-ts/layers';
import { resnetBlock, unetBlock, unetOutermost } from '@pix2pix-ts/pix2pix';

// A U-Net whose bottleneck is two ResNet blocks instead of more down/up levels: 64x64 -> 8x8 core.
await useBackend('wasm');
const bottleneck = serial(resnetBlock(64), resnetBlock(64)); // keeps H, W and 64 channels
const generator = unetOutermost(3, 16, unetBlock(16, 32, unetBlock(32, 64, bottleneck)));

const { params, state, outputShape } = generator.init(key(0), [1, 64, 64, 3]); // readonly [1, 64, 64, 3]
const x = shaped(tf.randomUniform([1, 64, 64, 3], -1, 1), [1, 64, 64, 3]);
const { y } = generator.apply(params, state, x, { training: true, key: key(1) });
console.log(outputShape, y.shape);
