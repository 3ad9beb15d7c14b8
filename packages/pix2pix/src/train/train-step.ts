import * as tf from '@tensorflow/tfjs-core';
import { assertGradientsReady } from '@pix2pix-ts/backends';
import { disposeTree, foldIn, fromLeaves, leaves, shaped, split, tidyTree, untyped, type ApplyContext, type Key, type Layer, type ParamTree, type Sig } from '@pix2pix-ts/layers';
import { unsafeTensor, type Tensor } from '@pix2pix-ts/shape-types';
import { discriminatorChannels, discriminatorView, type DiscriminatorInput } from '../discriminators/discriminator-input';
import { ganLoss, l1Loss, type GanMode } from '../losses/gan-loss';
import { adamInit, adamStep, type AdamConfig } from '../optim/adam';
import { lrFactor, type LrPolicy } from '../optim/lr-policy';
import type { TrainState } from './train-state';

/** The objective and optimiser settings of a pix2pix run (the official option names in comments). */
export interface Objective {
  /** `--gan_mode`. */
  readonly ganMode: GanMode;
  /** `--lambda_L1` (100 in the paper). */
  readonly lambdaL1: number;
  /** `--lr`, `--beta1`, and PyTorch's β2 and ε. */
  readonly adam: AdamConfig;
  /** `--lr_policy` with its epochs. */
  readonly lrPolicy: LrPolicy;
  /** Skip the cGAN term entirely (the paper's L1-only ablation). */
  readonly l1Only?: boolean;
}

/** The paper's objective: vanilla cGAN + 100·L1, Adam(2e-4, 0.5, 0.999), 100 + 100 epochs linear decay. */
export const PAPER_OBJECTIVE: Objective = {
  ganMode: 'vanilla',
  lambdaL1: 100,
  adam: { lr: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 },
  lrPolicy: { kind: 'linear', nEpochs: 100, nEpochsDecay: 100 },
};

/** A paired batch: input A and target B, NHWC in [-1, 1]. */
export interface Batch {
  readonly a: tf.Tensor4D;
  readonly b: tf.Tensor4D;
}

/** The losses of one step, as the official code names them, plus the learning rate used. */
export interface StepMetrics {
  readonly G_GAN: number;
  readonly G_L1: number;
  readonly D_real: number;
  readonly D_fake: number;
  readonly G: number;
  readonly D: number;
  readonly lr: number;
}

/**
 * The two networks of a pix2pix model, as typed layers. `GS` / `DS` are their signatures: literal ones for nets
 * written in code (`unetGenerator({ depth: 5, ... })`), the dynamic `Sig` (shapes checked at run time) for nets
 * built from a spec read at run time (`buildNets`).
 */
export interface Pix2PixNets<GS extends Sig = Sig, DS extends Sig = Sig> {
  readonly generator: Layer<GS>;
  readonly discriminator: Layer<DS>;
  /**
   * What the discriminator sees (default `conditional`, the paper's): {@link initTrainState} sizes D's input
   * channels by it and the training step feeds D the (A, output) pair or the output alone.
   */
  readonly discriminatorInput?: DiscriminatorInput;
}

/**
 * A fresh training state: both networks initialised from independent keys split off `seedKey`, zero
 * Adam moments, step 0, epoch 1. D is initialised for `input_nc + output_nc` channels, or `output_nc` when
 * `nets.discriminatorInput` is `unconditional`.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { initTrainState, patchGan, unetGenerator } from '@pix2pix-ts/pix2pix';
 * const nets = { generator: unetGenerator({ depth: 5, ngf: 8, outChannels: 3 }), discriminator: patchGan({ nLayers: 3, ndf: 8 }) };
 * const state = initTrainState(nets, key(0), [1, 32, 32, 3], 3);
 * ```
 */
export function initTrainState<GS extends Sig, DS extends Sig>(
  nets: Pix2PixNets<GS, DS>,
  seedKey: Key,
  inputShape: readonly [number, number, number, number],
  outChannels: number,
): TrainState {
  const [gKey, dKey, runKey] = split(seedKey, 3) as [Key, Key, Key];
  const [n, h, w, c] = inputShape;
  const { generator, discriminator } = runTimeChecked(nets);
  const g = generator.init(gKey, inputShape);
  const d = discriminator.init(dKey, [n, h, w, discriminatorChannels(c, outChannels, nets.discriminatorInput ?? 'conditional')]);
  return { g: { params: g.params, state: g.state }, d: { params: d.params, state: d.state }, optG: adamInit(g.params), optD: adamInit(d.params), key: runKey, step: 0, epoch: 1 };
}

/**
 * Both networks with their shapes checked at run time: a run's sizes and channels come from its options and
 * its data, so the step calls the layers' checked `init` / `apply` (once per call, at the top) on dims the
 * compiler cannot know.
 */
function runTimeChecked<GS extends Sig, DS extends Sig>(nets: Pix2PixNets<GS, DS>): { readonly generator: Layer<Sig>; readonly discriminator: Layer<Sig> } {
  return { generator: untyped(nets.generator), discriminator: untyped(nets.discriminator) };
}

/**
 * The one boundary of a step: A and B are rank-4 NHWC, and B has exactly the shape G makes of A (batch, size
 * and `output_nc`); otherwise the L1 term would broadcast a wrong B silently.
 */
function checkedTarget(b: tf.Tensor, fakeShape: readonly number[]): Tensor<readonly [number, number, number, number]> {
  const [n = 0, h = 0, w = 0, c = 0] = fakeShape;
  return shaped(b, [n, h, w, c], 'batch B (the shape G makes of A)');
}

/** Gradients of a scalar function of a param tree, as a tree; `f` may `tf.keep` auxiliary outputs. */
function gradTree(params: ParamTree, f: (p: ParamTree) => tf.Scalar): { readonly loss: tf.Scalar; readonly grads: ParamTree } {
  // Gradients come from useBackend's registration; without it tfjs fails deep inside, or a stale one is wrong.
  assertGradientsReady('pix2pix training step');
  const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => f(fromLeaves(params, xs)))(leaves(params));
  return { loss: value as tf.Scalar, grads: fromLeaves(params, grads) };
}

/**
 * Makes the pix2pix training step for two networks and an objective: a pure function
 * `(state, batch) -> [state', metrics]` that does exactly what the official
 * `Pix2PixModel.optimize_parameters` does, in the same order:
 *
 * 1. `fake_B = G(A)` (training mode; dropout from `foldIn(key, step)`);
 * 2. D step: `0.5·(GAN(D(A, fake_B), fake) + GAN(D(A, B), real))`, Adam on D;
 * 3. G step through the *updated* D: `GAN(D'(A, fake_B), real) + λ·L1(fake_B, B)`, Adam on G.
 *
 * The paper's ablations: `objective.l1Only` drops D entirely (L1), `lambdaL1: 0` keeps only the GAN term
 * (cGAN), and `nets.discriminatorInput: 'unconditional'` makes D read `fake_B` / `B` alone (L1+GAN).
 *
 * Batch norm statistics advance as in PyTorch: G once, D three times (fake, real, then fake again).
 * Every tensor allocated inside is freed except the new state; the old state is untouched: call
 * {@link releaseState} to free what the new one no longer holds.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { key } from '@pix2pix-ts/layers';
 * import { initTrainState, makeTrainStep, PAPER_OBJECTIVE, patchGan, releaseState, unetGenerator } from '@pix2pix-ts/pix2pix';
 * import { useBackend } from '@pix2pix-ts/backends';
 * await useBackend('cpu'); // registers the gradients a step needs
 * const nets = { generator: unetGenerator({ depth: 5, ngf: 8, outChannels: 3 }), discriminator: patchGan({ nLayers: 3, ndf: 8 }) };
 * const step = makeTrainStep(nets, PAPER_OBJECTIVE);
 * let state = initTrainState(nets, key(0), [1, 32, 32, 3], 3);
 * const batch = { a: tf.randomUniform([1, 32, 32, 3], -1, 1) as tf.Tensor4D, b: tf.randomUniform([1, 32, 32, 3], -1, 1) as tf.Tensor4D };
 * const [next, metrics] = step(state, batch);
 * releaseState(state, next); state = next;
 * ```
 */
export function makeTrainStep<GS extends Sig, DS extends Sig>(nets: Pix2PixNets<GS, DS>, objective: Objective): (state: TrainState, batch: Batch) => readonly [TrainState, StepMetrics] {
  const detailed = makeDetailedTrainStep(nets, objective, false);
  return (state, batch) => {
    const r = detailed(state, batch);
    return [r.state, r.metrics] as const;
  };
}

/** What a detailed step also returns, for parity tests and debugging; the caller owns these tensors. */
export interface StepDetails {
  readonly fake: tf.Tensor;
  readonly predFake: tf.Tensor;
  readonly predReal: tf.Tensor;
  readonly gradsG: ParamTree;
  readonly gradsD: ParamTree;
}

/**
 * {@link makeTrainStep} that also returns `fake_B`, D's predictions in its step and both gradient trees
 * (when `withDetails`), the tensors the official implementation can be compared with.
 */
export function makeDetailedTrainStep<GS extends Sig, DS extends Sig>(
  nets: Pix2PixNets<GS, DS>,
  objective: Objective,
  withDetails: boolean,
): (state: TrainState, batch: Batch) => { readonly state: TrainState; readonly metrics: StepMetrics; readonly details?: StepDetails } {
  const compute = makeStepComputation(nets, objective, withDetails);
  return (state, batch) => {
    const { out, finish } = compute(state, batch);
    const values = out.dataSync();
    out.dispose();
    return finish(values);
  };
}

/**
 * {@link makeTrainStep} that reads the four losses back with an asynchronous `data()` instead of
 * `dataSync()`: the same step, for backends where a synchronous read is slow or broken (tfjs's
 * webgpu backend reads synchronously through a canvas, which loses the device on some adapters,
 * e.g. Chromium's SwiftShader).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { key } from '@pix2pix-ts/layers';
 * import { initTrainState, makeTrainStepAsync, PAPER_OBJECTIVE, patchGan, releaseState, unetGenerator } from '@pix2pix-ts/pix2pix';
 * import { useBackend } from '@pix2pix-ts/backends';
 * await useBackend('cpu'); // registers the gradients a step needs
 * const nets = { generator: unetGenerator({ depth: 5, ngf: 8, outChannels: 3 }), discriminator: patchGan({ nLayers: 3, ndf: 8 }) };
 * const step = makeTrainStepAsync(nets, PAPER_OBJECTIVE);
 * let state = initTrainState(nets, key(0), [1, 32, 32, 3], 3);
 * const batch = { a: tf.randomUniform([1, 32, 32, 3], -1, 1) as tf.Tensor4D, b: tf.randomUniform([1, 32, 32, 3], -1, 1) as tf.Tensor4D };
 * const [next, metrics] = await step(state, batch);
 * releaseState(state, next); state = next;
 * ```
 */
export function makeTrainStepAsync<GS extends Sig, DS extends Sig>(nets: Pix2PixNets<GS, DS>, objective: Objective): (state: TrainState, batch: Batch) => Promise<readonly [TrainState, StepMetrics]> {
  const compute = makeStepComputation(nets, objective, false);
  return async (state, batch) => {
    const { out, finish } = compute(state, batch);
    try {
      const r = finish(await out.data());
      return [r.state, r.metrics] as const;
    } finally {
      out.dispose();
    }
  };
}

/**
 * The step of {@link makeDetailedTrainStep} up to its losses tensor `[G_GAN, G_L1, D_real, D_fake]`, for
 * callers that read it themselves (asynchronously, or batched with other reads): `finish(values)` returns
 * what the detailed step returns. The caller disposes `out`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { key } from '@pix2pix-ts/layers';
 * import { initTrainState, makeStepComputation, PAPER_OBJECTIVE, patchGan, unetGenerator } from '@pix2pix-ts/pix2pix';
 * import { useBackend } from '@pix2pix-ts/backends';
 * await useBackend('cpu'); // registers the gradients a step needs
 * const nets = { generator: unetGenerator({ depth: 5, ngf: 8, outChannels: 3 }), discriminator: patchGan({ nLayers: 3, ndf: 8 }) };
 * const state = initTrainState(nets, key(0), [1, 32, 32, 3], 3);
 * const batch = { a: tf.randomUniform([1, 32, 32, 3], -1, 1) as tf.Tensor4D, b: tf.randomUniform([1, 32, 32, 3], -1, 1) as tf.Tensor4D };
 * const { out, finish } = makeStepComputation(nets, PAPER_OBJECTIVE, true)(state, batch);
 * const { metrics, details } = finish(await out.data());
 * out.dispose();
 * ```
 */
export function makeStepComputation<GS extends Sig, DS extends Sig>(
  nets: Pix2PixNets<GS, DS>,
  objective: Objective,
  withDetails: boolean,
): (state: TrainState, batch: Batch) => { readonly out: tf.Tensor; readonly finish: (losses: ArrayLike<number>) => { readonly state: TrainState; readonly metrics: StepMetrics; readonly details?: StepDetails } } {
  const { generator: G, discriminator: D } = runTimeChecked(nets);
  const { ganMode, lambdaL1, adam } = objective;
  const l1Only = objective.l1Only ?? false;
  const dInput = nets.discriminatorInput ?? 'conditional';
  // D's input (the pair on channels, or the output alone); D's checked `apply` reads its shape at run time.
  const pair = (x: tf.Tensor, y: tf.Tensor): Tensor => unsafeTensor(discriminatorView(x, y, dInput));

  return (state, batch) => {
    const lr = adam.lr * lrFactor(objective.lrPolicy, state.epoch);
    const ctxG: ApplyContext = { training: true, key: foldIn(state.key, state.step) };
    const ctxD: ApplyContext = { training: true };
    const a = shaped(batch.a, [null, null, null, null], 'batch A');

    const out = tidyTree(() => {
      // 1. Generator forward, outside any tape: fake_B for the D step and G's new norm statistics.
      const gOut = G.apply(state.g.params, state.g.state, a, ctxG);
      const fake = gOut.y;
      const b = checkedTarget(batch.b, fake.shape);

      // 2. Discriminator step on (A, fake_B detached) and (A, B).
      let dStateAfterD: ParamTree = state.d.state;
      let dFake = tf.scalar(0);
      let dReal = tf.scalar(0);
      let dNext = { params: state.d.params, opt: state.optD };
      let predFakeKept: tf.Tensor = tf.zeros([0]);
      let predRealKept: tf.Tensor = tf.zeros([0]);
      let gradsD: ParamTree = [];
      if (!l1Only) {
        const dStep = gradTree(state.d.params, (dp) => {
          const predFake = D.apply(dp, state.d.state, pair(a, fake), ctxD);
          const predReal = D.apply(dp, predFake.state, pair(a, b), ctxD);
          dStateAfterD = predReal.state;
          dFake = tf.keep(ganLoss(predFake.y, false, ganMode));
          dReal = tf.keep(ganLoss(predReal.y, true, ganMode));
          if (withDetails) {
            predFakeKept = tf.keep(predFake.y);
            predRealKept = tf.keep(predReal.y);
          }
          leaves(dStateAfterD).forEach((t) => tf.keep(t));
          return tf.mul(tf.add(dFake, dReal), 0.5) as tf.Scalar;
        });
        const updated = adamStep(state.d.params, dStep.grads, state.optD, adam, lr);
        gradsD = dStep.grads;
        dNext = { params: updated.params, opt: updated.state };
      }

      // 3. Generator step through the updated discriminator; the forward is recomputed on the tape
      //    with the same dropout key, so it is the same fake_B.
      let gGan = tf.scalar(0);
      let gL1 = tf.scalar(0);
      let dStateAfterG: ParamTree = dStateAfterD;
      const gStep = gradTree(state.g.params, (gp) => {
        const fakeOnTape = G.apply(gp, state.g.state, a, ctxG).y;
        gL1 = tf.keep(tf.mul(l1Loss(fakeOnTape, b), lambdaL1) as tf.Scalar);
        if (l1Only) return gL1;
        const predFake = D.apply(dNext.params, dStateAfterD, pair(a, fakeOnTape), ctxD);
        dStateAfterG = predFake.state;
        leaves(dStateAfterG).forEach((t) => tf.keep(t));
        gGan = tf.keep(ganLoss(predFake.y, true, ganMode));
        return tf.add(gGan, gL1) as tf.Scalar;
      });
      const gUpdated = adamStep(state.g.params, gStep.grads, state.optG, adam, lr);
      const losses = tf.stack([gGan, gL1, dReal, dFake]);
      // Kept tensors escape every tidy: free the ones that are not part of the result.
      tf.dispose([gGan, gL1, dReal, dFake]);
      if (!l1Only) disposeTree(dStateAfterD);
      return {
        details: withDetails ? { fake, predFake: predFakeKept, predReal: predRealKept, gradsG: gStep.grads, gradsD } : [],
        gParams: gUpdated.params,
        gOpt: gUpdated.state,
        gState: gOut.state,
        dParams: dNext.params,
        dOpt: dNext.opt,
        dState: dStateAfterG,
        losses,
      };
    });

    const finish = (values: ArrayLike<number>) => {
      const [G_GAN = 0, G_L1 = 0, D_real = 0, D_fake = 0] = Array.from(values);
      const next: TrainState = {
        g: { params: out.gParams, state: out.gState },
        d: { params: out.dParams, state: out.dState },
        optG: out.gOpt,
        optD: out.dOpt,
        key: state.key,
        step: state.step + 1,
        epoch: state.epoch,
      };
      const metrics: StepMetrics = { G_GAN, G_L1, D_real, D_fake, G: G_GAN + G_L1, D: 0.5 * (D_real + D_fake), lr };
      if (!withDetails) return { state: next, metrics };
      return { state: next, metrics, details: out.details as StepDetails };
    };
    return { out: out.losses, finish };
  };
}
