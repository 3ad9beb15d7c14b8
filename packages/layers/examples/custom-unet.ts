import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@pix2pix-ts/backends';
import { conv2d, convTranspose2d, key, leakyRelu, relu, serial, shaped, skip, tanh, type LayerBase, type Sig } from '@pix2pix-ts/layers';

await useBackend('cpu');
const down = <const F extends number>(f: F) => serial(leakyRelu(0.2), conv2d({ filters: f, kernel: 4, stride: 2, pad: 1 }));
const up = <const F extends number>(f: F) => serial(relu(), convTranspose2d({ filters: f, kernel: 4, stride: 2, pad: 1, outputPadding: 0 }));
const level = <const O extends number, const I extends number, S extends Sig>(outer: O, inner: I, sub: LayerBase<S>) =>
  skip(serial(down(inner), sub, up(outer)));
const unet = serial(conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }), level(8, 16, level(16, 32, level(32, 32, serial(down(32), up(32))))), up(3), tanh());

const { params, state, outputShape } = unet.init(key(0), [1, 64, 64, 3]); // outputShape: readonly [1, 64, 64, 3]
const x = shaped(tf.randomUniform([1, 64, 64, 3], -1, 1), [1, 64, 64, 3]);
const { y } = unet.apply(params, state, x, { training: false }); // y: Tensor<readonly [1, 64, 64, 3]>
const check: readonly [1, 64, 64, 3] = outputShape;
console.log(check, y.shape);
