import * as tf from '@tensorflow/tfjs-core';
import { fromUnitRange, modeInputRgb, modeOutputRgb, type DatasetModeName, type Sample } from '@pix2pix-ts/datasets';
import { foldIn, key, type Layer, type Sig } from '@pix2pix-ts/layers';
import { translate, type NetVars } from '@pix2pix-ts/pix2pix';
import type { TestConfig } from '../config/run-config';
import type { Rgb8 } from './rgb';

/** A [-1, 1] HWC float image as 8-bit RGB (the official `tensor2im`: `(x + 1) / 2 · 255`, rounded). */
export const toRgb8 = (values: Float32Array, width: number, height: number): Rgb8 => ({ width, height, data: fromUnitRange(values) });

/**
 * A sample's input and target as 8-bit RGB for sheets and metrics: as they are, except in `colorization` mode
 * (`mode`), where the input is its gray L and the target the colour reassembled from L and the real ab.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { synthetic } from '@pix2pix-ts/datasets';
 * import { evalSamples, sampleRgb8 } from '@pix2pix-ts/cli/node';
 * const source = synthetic({ count: 2, size: 32 });
 * const samples = E.isRight(source) ? await evalSamples(source.right, 32, [0])() : source;
 * if (E.isRight(samples) && samples.right[0] !== undefined) {
 *   const { input, target } = sampleRgb8(samples.right[0]); // 32x32 RGB each; with 'colorization': gray L | colour
 * }
 * ```
 */
export const sampleRgb8 = (s: Sample, mode?: DatasetModeName): { readonly input: Rgb8; readonly target: Rgb8 } => ({
  input: { width: s.width, height: s.height, data: modeInputRgb(mode, s.a) },
  target: { width: s.width, height: s.height, data: modeOutputRgb(mode, s.a, s.b) },
});

/**
 * Runs the generator on one [-1, 1] HWC image (any channel count: 1 for colorization's L) with the configured
 * test-time behaviour (by default the paper's: dropout on, batch statistics of this one image) and returns 8-bit
 * RGB: in `colorization` mode (`mode`) the colour reassembled from the input's L and the predicted ab. The dropout
 * key is `foldIn(key(seed), index)`, so every image gets its own masks and the result is reproducible.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { unetGeneratorOf } from '@pix2pix-ts/pix2pix';
 * import { generateImage } from '@pix2pix-ts/cli';
 * const generator = unetGeneratorOf({ depth: 5, ngf: 8, outChannels: 3 }); // Layer<Sig>: dims checked at run time
 * const { params, state } = generator.init(key(0), [1, 32, 32, 3]);
 * const labels = new Float32Array(32 * 32 * 3).fill(-1); // a [-1, 1] HWC image, e.g. a sample's `a`
 * const photo = generateImage(generator, { params, state }, labels, 32, 32, { dropout: true, batchStats: true, numTest: null }, 0, 17); // Rgb8 32x32
 * ```
 */
export function generateImage(
  generator: Layer<Sig>,
  vars: NetVars,
  input: Float32Array,
  width: number,
  height: number,
  test: TestConfig,
  seed: number,
  index: number,
  mode?: DatasetModeName,
): Rgb8 {
  const x = tf.tensor4d(input, [1, height, width, input.length / (width * height)], 'float32');
  const y = translate(generator, vars, x, { dropout: test.dropout, batchStats: test.batchStats, key: foldIn(key(seed), index) });
  const values = y.dataSync() as Float32Array;
  tf.dispose([x, y]);
  return { width, height, data: modeOutputRgb(mode, input, values) };
}

/** How a test-time configuration is described in metrics and the report. */
export const describeTestTime = (test: TestConfig): string =>
  `${test.dropout ? 'dropout on' : 'dropout off'}, ${test.batchStats ? 'batch statistics' : 'running statistics'}${test.dropout && test.batchStats ? ' (the paper\'s test behaviour)' : ''}`;
