import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@pix2pix-ts/backends';
import { key, serial, shaped, skip } from '@pix2pix-ts/layers';
import { resnetBlock, unetBlock, unetOutermost } from '@pix2pix-ts/pix2pix';

// A U-Net whose bottleneck is two ResNet blocks (skipped, as every U-Net level: 64 + 64 channels) instead of
// more down/up levels: 64x64 -> 16x16 core. The blocks declare their channels, so a bottleneck giving 64
// instead of the 128 the up conv reads is a compile error (`convTranspose2d: channels 64 ≠ 128 expected`).
await useBackend('wasm');
const bottleneck = skip(serial(resnetBlock(64), resnetBlock(64))); // keeps H and W; 64 channels in, 128 out
const generator = unetOutermost(3, 16, unetBlock(16, 32, unetBlock(32, 64, bottleneck)), 32, { inChannels: 3 });

const { params, state, outputShape } = generator.init(key(0), [1, 64, 64, 3]); // readonly [1, 64, 64, 3]
const x = shaped(tf.randomUniform([1, 64, 64, 3], -1, 1), [1, 64, 64, 3]);
const { y } = generator.apply(params, state, x, { training: true, key: key(1) });
console.log(outputShape, y.shape);
