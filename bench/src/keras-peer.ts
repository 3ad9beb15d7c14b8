/**
 * The peer: the same pix2pix networks written the usual way with `@tensorflow/tfjs-layers` (Keras-style
 * functional models) and trained with `optimizer.minimize`: BCE-with-logits GAN loss + 100·L1, Adam
 * 2e-4, β1 0.5, batch norm (momentum 0.1 in PyTorch's sense, ε 1e-5), dropout 0.5 in the blocks next to
 * the innermost, weights N(0, 0.02). It shows what our combinators cost (or save) on the same backend.
 *
 * A 4x4 stride-2 padding-1 conv is Keras' `'same'` padding on even sizes (total padding 2, one per
 * side), and so is the transposed one; the PatchGAN's stride-1 padding-1 convs are a `zeroPadding2d(1)`
 * + `'valid'` conv.
 * @packageDocumentation
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { CHANNELS, type BenchConfig } from './configs';

type Sym = tfl.SymbolicTensor;

const sym = (out: tfl.SymbolicTensor | tfl.SymbolicTensor[] | tf.Tensor | tf.Tensor[]): Sym => {
  if (out instanceof tfl.SymbolicTensor) return out;
  throw new Error('expected one symbolic tensor');
};

const init = (): ReturnType<typeof tfl.initializers.randomNormal> => tfl.initializers.randomNormal({ mean: 0, stddev: 0.02 });
const bn = (): tfl.layers.Layer => tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
const downConv = (filters: number, useBias: boolean): tfl.layers.Layer =>
  tfl.layers.conv2d({ filters, kernelSize: 4, strides: 2, padding: 'same', useBias, kernelInitializer: init() });
const upConv = (filters: number, useBias: boolean): tfl.layers.Layer =>
  tfl.layers.conv2dTranspose({ filters, kernelSize: 4, strides: 2, padding: 'same', useBias, kernelInitializer: init() });

/**
 * The official `UnetGenerator` (batch norm, dropout) as a functional model: level `i` goes from
 * `c(i)` to `c(i + 1)` channels; every block but the outermost concatenates its input with its output.
 */
export function unetModel(size: number, depth: number, ngf: number): tfl.LayersModel {
  const c = (level: number): number => (level === 0 ? CHANNELS : ngf * Math.min(2 ** (level - 1), 8));
  const input = tfl.input({ shape: [size, size, CHANNELS] });
  const block = (x: Sym, level: number): Sym => {
    const innermost = level === depth - 1;
    let y = sym(tfl.layers.leakyReLU({ alpha: 0.2 }).apply(x));
    y = sym(downConv(c(level + 1), false).apply(y));
    if (!innermost) {
      y = sym(bn().apply(y));
      y = block(y, level + 1);
    }
    y = sym(tfl.layers.reLU().apply(y));
    y = sym(upConv(c(level), false).apply(y));
    y = sym(bn().apply(y));
    if (!innermost && level >= 4) y = sym(tfl.layers.dropout({ rate: 0.5 }).apply(y));
    return sym(tfl.layers.concatenate({ axis: -1 }).apply([x, y]));
  };
  let y = sym(downConv(ngf, false).apply(input));
  y = block(y, 1);
  y = sym(tfl.layers.reLU().apply(y));
  y = sym(upConv(CHANNELS, true).apply(y));
  y = sym(tfl.layers.activation({ activation: 'tanh' }).apply(y));
  return tfl.model({ inputs: input, outputs: y });
}

/** The official `NLayerDiscriminator` (batch norm) on (A, B) pairs: logits, one per patch. */
export function patchGanModel(size: number, nLayers: number, ndf: number): tfl.LayersModel {
  const input = tfl.input({ shape: [size, size, 2 * CHANNELS] });
  const conv = (filters: number, strides: number, useBias: boolean, x: Sym): Sym => {
    const padded = strides === 1 ? sym(tfl.layers.zeroPadding2d({ padding: 1 }).apply(x)) : x;
    return sym(
      tfl.layers
        .conv2d({ filters, kernelSize: 4, strides, padding: strides === 1 ? 'valid' : 'same', useBias, kernelInitializer: init() })
        .apply(padded),
    );
  };
  const lrelu = (x: Sym): Sym => sym(tfl.layers.leakyReLU({ alpha: 0.2 }).apply(x));
  let y = lrelu(conv(ndf, 2, true, input));
  for (let n = 1; n < nLayers; n++) y = lrelu(sym(bn().apply(conv(ndf * Math.min(2 ** n, 8), 2, false, y))));
  y = lrelu(sym(bn().apply(conv(ndf * Math.min(2 ** nLayers, 8), 1, false, y))));
  y = conv(1, 1, true, y);
  return tfl.model({ inputs: input, outputs: y });
}

const variablesOf = (m: tfl.LayersModel): tf.Variable[] =>
  m.trainableWeights.map((w) => {
    const v = w.read();
    if (!(v instanceof tf.Variable)) throw new Error(`weight ${w.name} is not a tf.Variable`);
    return v;
  });

const applyTraining = (m: tfl.LayersModel, x: tf.Tensor): tf.Tensor => {
  const out = m.apply(x, { training: true });
  if (out instanceof tf.Tensor) return out;
  throw new Error(`${m.name}: expected one output tensor`);
};

/** The peer's networks, optimisers and step. */
export interface PeerModel {
  /**
   * One training step (the official order: G forward, D step, G step); returns [loss_D, loss_G], made
   * after both Adam updates, so reading it waits for the whole step on an asynchronous backend.
   */
  readonly step: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor1D;
  /** The generator at test time as the paper runs it (dropout on, batch statistics); caller disposes. */
  readonly forward: (a: tf.Tensor4D) => tf.Tensor;
  readonly dispose: () => void;
}

/** Builds the peer for a configuration on the current backend. */
export function peerModel(config: BenchConfig): PeerModel {
  const G = unetModel(config.size, config.depth, config.ngf);
  const D = patchGanModel(config.size, config.nLayers, config.ndf);
  const gVars = variablesOf(G);
  const dVars = variablesOf(D);
  const optG = tf.train.adam(2e-4, 0.5, 0.999, 1e-8);
  const optD = tf.train.adam(2e-4, 0.5, 0.999, 1e-8);
  const bce = (logits: tf.Tensor, real: boolean): tf.Scalar =>
    tf.losses.sigmoidCrossEntropy(real ? tf.onesLike(logits) : tf.zerosLike(logits), logits) as tf.Scalar;
  const pair = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.concat([a, b], 3);
  const step = (a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor1D =>
    tf.tidy(() => {
      const fake = applyTraining(G, a);
      const lossD = optD.minimize(
        () => tf.mul(tf.add(bce(applyTraining(D, pair(a, fake)), false), bce(applyTraining(D, pair(a, b)), true)), 0.5) as tf.Scalar,
        true,
        dVars,
      );
      const lossG = optG.minimize(
        () => {
          const fakeOnTape = applyTraining(G, a);
          const l1 = tf.mul(tf.mean(tf.abs(tf.sub(fakeOnTape, b))), 100);
          return tf.add(bce(applyTraining(D, pair(a, fakeOnTape)), true), l1) as tf.Scalar;
        },
        true,
        gVars,
      );
      if (lossD === null || lossG === null) throw new Error('minimize returned no cost');
      return tf.stack([lossD, lossG]) as tf.Tensor1D;
    });
  return {
    step,
    forward: (a) => tf.tidy(() => applyTraining(G, a)),
    dispose: () => {
      G.dispose();
      D.dispose();
      optG.dispose();
      optD.dispose();
    },
  };
}
