import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { flattenTree, key, outputShapeOf, receptiveField } from '@pix2pix-ts/layers';
import * as E from 'fp-ts/Either';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  checkpointArtifacts,
  discriminatorChannels,
  disposeState,
  encoderDecoder,
  initTrainState,
  makeTrainStep,
  OBJECTIVE_VARIANTS,
  parseNetG,
  patchGanField,
  patchLayers,
  PATCH_SIZES,
  releaseState,
  stateFromArtifacts,
  unetGenerator,
  unetGeneratorOf,
  encoderDecoderOf,
  patchGanOf,
  variantOf,
  variantSettings,
  type Objective,
  type Pix2PixNets,
  type StepMetrics,
} from '../src/index';
import { onBackend } from './support/backends';
import { tinyBatch, tinyObjective } from './support/tiny';

const count = (tree: Parameters<typeof flattenTree>[0]): number => flattenTree(tree).reduce((n, [, t]) => n + t.size, 0);

describe('encoderDecoder: the U-Net without skips', () => {
  beforeAll(() => onBackend('cpu'));

  it('keeps the image size and channel count of the U-Net of the same depth', () => {
    const g = encoderDecoder({ depth: 5, ngf: 4, outChannels: 3 });
    const { outputShape, params } = g.init(key(0), [2, 32, 32, 3]);
    expect(outputShape).toEqual([2, 32, 32, 3]);
    expectTypeOf(outputShape).toEqualTypeOf<readonly [2, 32, 32, 3]>();
    // Same layers, but every up conv reads `inner` channels instead of `2·inner`: fewer weights.
    const unet = unetGenerator({ depth: 5, ngf: 4, outChannels: 3 }).init(key(0), [2, 32, 32, 3]);
    expect(count(params)).toBeLessThan(count(unet.params));
    const kernels = (p: Parameters<typeof flattenTree>[0]) => new Map(flattenTree(p).map(([path, t]) => [path, t.shape]));
    const [ed, un] = [kernels(params), kernels(unet.params)];
    expect([...ed.keys()]).toEqual([...un.keys()]);
    // An up conv (kernel [4, 4, out, in]) reads `inner` channels here, `2·inner` in the U-Net: the outermost...
    expect(ed.get('3.kernel')).toEqual([4, 4, 3, 4]);
    expect(un.get('3.kernel')).toEqual([4, 4, 3, 8]);
    // ...and the one above the innermost block; the down convs are the same.
    expect(ed.get('1.3.3.5.kernel')).toEqual([4, 4, 16, 32]);
    expect(un.get('1.3.3.5.kernel')).toEqual([4, 4, 16, 64]);
    expect(ed.get('1.3.3.1.kernel')).toEqual(un.get('1.3.3.1.kernel'));
    tf.dispose(flattenTree(params).map(([, t]) => t));
    tf.dispose(flattenTree(unet.params).map(([, t]) => t));
  });

  it('gives the 256x256 paper size with 8 downs', () => {
    const g = encoderDecoder({ depth: 8, ngf: 1, outChannels: 3 });
    expect(E.getOrElseW(() => [])(outputShapeOf(g, [1, 256, 256, 3]))).toEqual([1, 256, 256, 3]);
  });

  it('refuses a depth below 5', () => {
    expect(() => encoderDecoderOf({ depth: 4, ngf: 4, outChannels: 3 })).toThrow(/depth must be an integer ≥ 5/);
  });

  it('without skips, nothing ties the output size to the input size: 48 comes out 32 (the CLI refuses such a crop)', () => {
    expect(E.getOrElseW(() => [])(outputShapeOf(encoderDecoderOf({ depth: 5, ngf: 4, outChannels: 3 }), [1, 48, 48, 3]))).toEqual([1, 32, 32, 3]);
  });

  it('is named encoder_decoder_<N> like unet_<N>', () => {
    expect(parseNetG('encoder_decoder_256')).toEqual({ kind: 'encoder_decoder', depth: 8, name: 'encoder_decoder_256' });
    expect(parseNetG('encoder_decoder_64')).toEqual({ kind: 'encoder_decoder', depth: 6, name: 'encoder_decoder_64' });
    expect(parseNetG('encoder_decoder_100')).toBeUndefined();
    expect(parseNetG('encoder_decoder_16')).toBeUndefined();
    expect(parseNetG('unet_256')).toEqual({ kind: 'unet', depth: 8, name: 'unet_256' });
  });
});

describe('discriminator receptive fields (the layers algebra)', () => {
  it('n_layers 0..6 see 1, 16, 34, 70, 142, 286, 574 pixels', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(patchGanField)).toEqual([1, 16, 34, 70, 142, 286, 574]);
  });

  it('every --patch choice maps onto the layer count whose network has that field', () => {
    for (const patch of PATCH_SIZES.filter((p) => p !== 'image')) {
      const n = patchLayers(patch, 256);
      expect(n).toBeDefined();
      expect(receptiveField(patchGanOf({ nLayers: n ?? -1, ndf: 8 }))).toBe(Number(patch));
    }
    expect(patchLayers('1', 256)).toBe(0);
    expect(patchLayers('70', 256)).toBe(3);
    expect(patchLayers('286', 256)).toBe(5);
  });

  it("'image' is the fewest layers whose field covers the crop (286 for the paper's 256)", () => {
    expect(patchLayers('image', 256)).toBe(5);
    expect(patchLayers('image', 64)).toBe(3);
    expect(patchLayers('image', 16)).toBe(1);
    expect(patchLayers('image', 1000)).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 574 }), (crop) => {
        const n = patchLayers('image', crop) ?? -1;
        expect(patchGanField(n)).toBeGreaterThanOrEqual(crop);
        if (n > 1) expect(patchGanField(n - 1)).toBeLessThan(crop);
      }),
    );
  });
});

describe('objective variants', () => {
  it('name the settings of the paper table, and back', () => {
    expect(variantSettings('l1')).toEqual({ gan: false, l1: true, discriminatorInput: 'conditional' });
    expect(variantSettings('cgan')).toEqual({ gan: true, l1: false, discriminatorInput: 'conditional' });
    expect(variantSettings('l1+gan')).toEqual({ gan: true, l1: true, discriminatorInput: 'unconditional' });
    expect(variantSettings('l1+cgan')).toEqual({ gan: true, l1: true, discriminatorInput: 'conditional' });
    for (const v of OBJECTIVE_VARIANTS) {
      const s = variantSettings(v);
      expect(variantOf({ gan: s.gan, lambdaL1: s.l1 ? 100 : 0, discriminatorInput: s.discriminatorInput })).toBe(v);
    }
  });

  it('an unconditional D reads output_nc channels, a conditional one input_nc + output_nc', () => {
    expect(discriminatorChannels(3, 3, 'unconditional')).toBe(3);
    expect(discriminatorChannels(1, 2, 'conditional')).toBe(3);
  });
});

/** The nets and objective of a variant on the tiny 32x32 problem. */
function variant(v: (typeof OBJECTIVE_VARIANTS)[number], generator: 'unet' | 'encoder_decoder'): { nets: Pix2PixNets; objective: Objective } {
  const s = variantSettings(v);
  const g = generator === 'unet' ? unetGeneratorOf({ depth: 5, ngf: 4, outChannels: 3 }) : encoderDecoderOf({ depth: 5, ngf: 4, outChannels: 3 });
  const nets: Pix2PixNets = { generator: g, discriminator: patchGanOf({ nLayers: 2, ndf: 4 }), discriminatorInput: s.discriminatorInput };
  const base: Objective = { ...tinyObjective, lambdaL1: s.l1 ? 100 : 0 };
  return { nets, objective: s.gan ? base : { ...base, l1Only: true } };
}

describe.each(['cpu', 'wasm'] as const)('a few training steps of every variant (%s)', (backend) => {
  beforeAll(() => onBackend(backend));

  it.each(OBJECTIVE_VARIANTS.flatMap((v) => (['unet', 'encoder_decoder'] as const).map((g) => [v, g] as const)))('%s with %s', (v, g) => {
    const { nets, objective } = variant(v, g);
    let state = initTrainState(nets, key(3), [1, 32, 32, 3], 3);
    const firstKernel = flattenTree(state.d.params)[0]?.[1].shape;
    expect(firstKernel?.[2]).toBe(v === 'l1+gan' ? 3 : 6);
    const step = makeTrainStep(nets, objective);
    const before = tf.memory().numTensors;
    const metrics: StepMetrics[] = [];
    for (let i = 0; i < 3; i++) {
      const batch = tinyBatch(i);
      const [next, m] = step(state, batch);
      releaseState(state, next);
      tf.dispose([batch.a, batch.b]);
      state = next;
      metrics.push(m);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(metrics.every((m) => Object.values(m).every(Number.isFinite))).toBe(true);
    if (v === 'l1') expect(metrics.every((m) => m.D === 0 && m.G_GAN === 0)).toBe(true);
    else expect(metrics.every((m) => m.D > 0 && m.G_GAN > 0)).toBe(true);
    if (v === 'cgan') expect(metrics.every((m) => m.G_L1 === 0)).toBe(true);
    else expect(metrics.every((m) => m.G_L1 > 0)).toBe(true);
    disposeState(state);
  });
});

describe('the unconditional D in the step', () => {
  beforeAll(() => onBackend('cpu'));

  it('reads the output alone: A does not change D_real', () => {
    const { nets, objective } = variant('l1+gan', 'unet');
    const step = makeTrainStep(nets, objective);
    const run = (shiftA: number): number => {
      const state = initTrainState(nets, key(5), [1, 32, 32, 3], 3);
      const batch = tinyBatch(0);
      const a = tf.add(batch.a, shiftA) as tf.Tensor4D;
      const [next, m] = step(state, { a, b: batch.b });
      releaseState(state, next);
      disposeState(next);
      tf.dispose([a, batch.a, batch.b]);
      return m.D_real;
    };
    expect(run(0.5)).toBe(run(0));
    // The conditional D does see A.
    const cond = variant('l1+cgan', 'unet');
    const condStep = makeTrainStep(cond.nets, cond.objective);
    const dReal = (shiftA: number): number => {
      const state = initTrainState(cond.nets, key(5), [1, 32, 32, 3], 3);
      const batch = tinyBatch(0);
      const a = tf.add(batch.a, shiftA) as tf.Tensor4D;
      const [next, m] = condStep(state, { a, b: batch.b });
      releaseState(state, next);
      disposeState(next);
      tf.dispose([a, batch.a, batch.b]);
      return m.D_real;
    };
    expect(dReal(0.5)).not.toBe(dReal(0));
  });
});

describe('checkpoints carry what D saw', () => {
  beforeAll(() => onBackend('cpu'));

  it("a checkpoint of an unconditional D is refused by a conditional template, naming the tensor and both shapes, and honoured by its own", async () => {
    const uncond = variant('l1+gan', 'unet');
    const cond = variant('l1+cgan', 'unet');
    const saved = initTrainState(uncond.nets, key(1), [1, 32, 32, 3], 3);
    const artifacts = await checkpointArtifacts(saved, { model: { netDInput: 'unconditional' } });
    const wrong = initTrainState(cond.nets, key(2), [1, 32, 32, 3], 3);
    const refused = stateFromArtifacts(artifacts, wrong);
    expect(E.isLeft(refused) && refused.left.message).toBe("d.params: unflattenTree: tensor '0.kernel' has shape [4, 4, 3, 4], expected [4, 4, 6, 4]");
    const right = initTrainState(uncond.nets, key(2), [1, 32, 32, 3], 3);
    const honoured = stateFromArtifacts(artifacts, right);
    if (E.isLeft(honoured)) throw new Error(honoured.left.message);
    expect(honoured.right.config).toEqual({ model: { netDInput: 'unconditional' } });
    expect(flattenTree(honoured.right.state.d.params)[0]?.[1].shape).toEqual([4, 4, 3, 4]);
    for (const s of [saved, wrong, right, honoured.right.state]) disposeState(s);
  });
});
