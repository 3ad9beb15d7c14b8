import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@pix2pix-ts/backends';
import { key } from '@pix2pix-ts/layers';
import { disposeState, initTrainState, makeTrainStep, PAPER_OBJECTIVE, patchGan, releaseState, unetGenerator } from '@pix2pix-ts/pix2pix';

await useBackend('wasm');
const nets = { generator: unetGenerator({ depth: 5, ngf: 8, outChannels: 3 }), discriminator: patchGan({ nLayers: 3, ndf: 8 }) };
const step = makeTrainStep(nets, PAPER_OBJECTIVE); // (state, batch) => [state', metrics], pure
let state = initTrainState(nets, key(0), [1, 32, 32, 3], 3);
const a = tf.randomUniform([1, 32, 32, 3], -1, 1, 'float32', 1) as tf.Tensor4D; // stand-in for a real pair
const b = tf.tanh(tf.reverse(a, 2)) as tf.Tensor4D;
for (let i = 0; i < 5; i++) {
  const [next, m] = step(state, { a, b });
  releaseState(state, next); // frees what the new state no longer holds: memory stays flat
  state = next;
  console.log(`step ${state.step}: G_GAN ${m.G_GAN.toFixed(3)} G_L1 ${m.G_L1.toFixed(2)} D_real ${m.D_real.toFixed(3)} D_fake ${m.D_fake.toFixed(3)}`);
}
disposeState(state);
tf.dispose([a, b]);
