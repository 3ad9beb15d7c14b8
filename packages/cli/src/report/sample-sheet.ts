import type { Sample } from '@pix2pix-ts/datasets';
import type { AnyLayer } from '@pix2pix-ts/layers';
import type { NetVars } from '@pix2pix-ts/pix2pix';
import type { TestConfig } from '../config/run-config';
import { generateImage, toRgb8 } from '../eval/generate';
import type { Rgb8 } from '../eval/rgb';
import { tileGrid } from '../image/tile-grid';

/** Gap between the cells of a sample sheet, in pixels. */
export const SHEET_GAP = 2;

/**
 * The report's sample sheet at a save point: one column per fixed eval image, rows input | generated | target.
 *
 * @example
 * ```ts
 * import { sampleSheet } from '@pix2pix-ts/cli';
 * // const png = encodePng(sampleSheet(generator, state.g, samples, config.test, config.run.seed));
 * ```
 */
export function sampleSheet(generator: AnyLayer, vars: NetVars, samples: readonly Sample[], test: TestConfig, seed: number): Rgb8 {
  const inputs = samples.map((s) => toRgb8(s.a, s.width, s.height));
  const generated = samples.map((s) => generateImage(generator, vars, s.a, s.width, s.height, test, seed, s.index));
  const targets = samples.map((s) => toRgb8(s.b, s.width, s.height));
  return tileGrid([inputs, generated, targets], SHEET_GAP, [255, 255, 255]);
}
