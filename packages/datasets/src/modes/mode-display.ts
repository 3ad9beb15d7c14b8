import { fromUnitRange } from '../augment/normalize';
import { colorizationToRgb, lightnessToRgb } from './colorization';
import type { DatasetModeName } from './dataset-mode';

/**
 * A generator input as 8-bit RGB for sample sheets: the gray L of `colorization`, otherwise the [-1, 1] RGB
 * image itself (`fromUnitRange`). `mode` undefined: an ordinary RGB pair.
 *
 * @example
 * ```ts
 * import { modeInputRgb } from '@pix2pix-ts/datasets';
 * modeInputRgb('colorization', Float32Array.of(1)); // Uint8Array [255, 255, 255]
 * ```
 */
export const modeInputRgb = (mode: DatasetModeName | undefined, input: Float32Array): Uint8Array =>
  mode === 'colorization' ? lightnessToRgb(input) : fromUnitRange(input);

/**
 * A generator output (or a target) as 8-bit RGB for sample sheets and metrics: for `colorization` the colour
 * reassembled from the input's L and this ab ({@link colorizationToRgb}), otherwise the [-1, 1] RGB image itself.
 *
 * @example
 * ```ts
 * import { modeOutputRgb } from '@pix2pix-ts/datasets';
 * modeOutputRgb('colorization', Float32Array.of(1), Float32Array.of(0, 0)); // Uint8Array [255, 255, 255]
 * modeOutputRgb(undefined, Float32Array.of(1), Float32Array.of(-1, 0, 1)); // Uint8Array [0, 128, 255]
 * ```
 */
export const modeOutputRgb = (mode: DatasetModeName | undefined, input: Float32Array, output: Float32Array): Uint8Array =>
  mode === 'colorization' ? colorizationToRgb(input, output) : fromUnitRange(output);
