import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { key, type Layer, type Sig } from '@pix2pix-ts/layers';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { buildNets, disposeState, initSegmenter, makeTrainStep, segmentationNet, segmentPhotos, disposeSegmenter, translate, type Pix2PixNets } from '../src/index';
import { onBackend } from './support/backends';
import { tinyBatch, tinyNets, tinyObjective, tinyState } from './support/tiny';

// Production code reaches the networks through the layers' typed, checked `init` / `apply`, with one
// checked boundary where sizes come from data: these are the mistakes that boundary turns into errors.
describe('the typed boundary of the train step, translate and the segmenter (cpu)', () => {
  beforeAll(() => onBackend('cpu'));

  it('refuses a target B whose channels differ from what G makes (L1 used to broadcast it silently)', () => {
    const step = makeTrainStep(tinyNets(), tinyObjective);
    const state = tinyState(0);
    const batch = tinyBatch(0);
    const grayB = tf.mean(batch.b, 3, true) as tf.Tensor4D; // [1, 32, 32, 1] against output_nc 3
    const before = tf.memory().numTensors;
    expect(() => step(state, { a: batch.a, b: grayB })).toThrow(/batch B \(the shape G makes of A\): channels 3 ≠ 1/);
    expect(tf.memory().numTensors).toBe(before); // nothing leaks from the refused step
    tf.dispose([batch.a, batch.b, grayB]);
    disposeState(state);
  });

  it('refuses a target B of another size, naming the axes', () => {
    const step = makeTrainStep(tinyNets(), tinyObjective);
    const state = tinyState(0);
    const batch = tinyBatch(0);
    const smallB = tf.zeros([1, 16, 16, 3]) as tf.Tensor4D;
    expect(() => step(state, { a: batch.a, b: smallB })).toThrow(/height 32 ≠ 16, width 32 ≠ 16/);
    tf.dispose([batch.a, batch.b, smallB]);
    disposeState(state);
  });

  it('translate refuses an image that is not NHWC, before any compute', () => {
    const state = tinyState(0);
    // A caller's mistake the types cannot see (tfjs's rank types are lost through any `tf.Tensor`).
    const hwc = tf.zeros([32, 32, 3]) as tf.Tensor as tf.Tensor4D;
    expect(() => translate(tinyNets().generator, state.g, hwc)).toThrow(/translate: image: rank 4 ≠ 3/);
    const y = translate(tinyNets().generator, state.g, tf.zeros([1, 32, 32, 3]));
    expect(y.shape).toEqual([1, 32, 32, 3]);
    tf.dispose([hwc, y]);
    disposeState(state);
  });

  it('the segmenter runs through the checked apply and refuses photos of a size its depth cannot take', () => {
    const net = segmentationNet({ classes: 3, depth: 5, ngf: 2 });
    const s = initSegmenter(net, key(0), [1, 32, 32, 3]);
    expect(segmentPhotos(net, s.params, s.state, tf.zeros([1, 32, 32, 3]))).toHaveLength(32 * 32);
    expect(() => segmentPhotos(net, s.params, s.state, tf.zeros([1, 20, 20, 3]))).toThrow(/height|width/);
    disposeSegmenter(s);
  });
});

describe('Pix2PixNets holds typed layers', () => {
  it('a spec read at run time builds run-time-checked layers; nets written in code keep their signatures', () => {
    const fromSpec = buildNets({ netG: 'unet_32', netD: 'basic', nLayersD: 3, ngf: 4, ndf: 4, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 });
    expectTypeOf(fromSpec).toEqualTypeOf<Pix2PixNets>();
    expectTypeOf(fromSpec.generator).toEqualTypeOf<Layer<Sig>>();
    const inCode = tinyNets();
    expectTypeOf(inCode.generator.init).toBeFunction();
    // A typed generator is accepted where nets are wanted, without erasing its type first.
    expectTypeOf(makeTrainStep(inCode, tinyObjective)).toBeFunction();
  });
});

/** Every `.ts` file under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('production code uses the typed API (issue 12, item 3)', () => {
  const root = join(import.meta.dirname, '..', '..', '..');
  const inRepo = (p: string): string => relative(root, p);
  const packageSources = (...dirs: string[]): string[] => dirs.flatMap((d) => sources(join(root, d)));

  it('no `.impl` in the callers outside packages/layers: they go through the checked init / apply', () => {
    const dirs = readdirSync(join(root, 'packages'))
      .filter((p) => p !== 'layers')
      .map((p) => `packages/${p}/src`)
      .filter((d) => statSync(join(root, d), { throwIfNoEntry: false })?.isDirectory() === true);
    const offenders = packageSources(...dirs, 'examples/facades-web/src')
      .filter((f) => /\.impl\b/.test(readFileSync(f, 'utf8')));
    expect(offenders.map(inRepo)).toEqual([]);
  });

  it('no `as unknown as` in layers, pix2pix, the browser and the CLI', () => {
    const files = packageSources('packages/layers/src', 'packages/pix2pix/src', 'packages/browser/src', 'packages/cli/src');
    const offenders = files.filter((f) => readFileSync(f, 'utf8').includes('as unknown as'));
    expect(offenders.map(inRepo)).toEqual([]);
  });
});
