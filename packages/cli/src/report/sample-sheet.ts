import type { DatasetModeName, Sample } from '@pix2pix-ts/datasets';
import type { Layer, Sig } from '@pix2pix-ts/layers';
import type { NetVars } from '@pix2pix-ts/pix2pix';
import type { TestConfig } from '../config/run-config';
import { generateImage, sampleRgb8 } from '../eval/generate';
import type { Rgb8 } from '../eval/rgb';
import { tileGrid } from '../image/tile-grid';

/** Gap between the cells of a sample sheet, in pixels. */
export const SHEET_GAP = 2;

/**
 * The report's sample sheet at a save point: one column per fixed eval image, rows input | generated | target
 * (for `colorization`, `mode`: the gray L | the colour from L and the predicted ab | the real colour).
 *
 * @example
 * ```ts
 * import { sampleSheet } from '@pix2pix-ts/cli';
 * // const png = encodePng(sampleSheet(generator, state.g, samples, config.test, config.run.seed));
 * ```
 */
export function sampleSheet(generator: Layer<Sig>, vars: NetVars, samples: readonly Sample[], test: TestConfig, seed: number, mode?: DatasetModeName): Rgb8 {
  const inputs = samples.map((s) => sampleRgb8(s, mode).input);
  const generated = samples.map((s) => generateImage(generator, vars, s.a, s.width, s.height, test, seed, s.index, mode));
  const targets = samples.map((s) => sampleRgb8(s, mode).target);
  return tileGrid([inputs, generated, targets], SHEET_GAP, [255, 255, 255]);
}
