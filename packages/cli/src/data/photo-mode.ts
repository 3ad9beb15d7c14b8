import { DatasetModeName, modeChannels, type DatasetMode } from '@pix2pix-ts/datasets';
import type { DataConfig } from '../config/run-config';

/**
 * Whether a `--dataset_mode` makes its pairs from photos (`colorization`, `edges`, `inpaint`) rather than reading
 * them (`aligned`, `synthetic`).
 *
 * @example
 * ```ts
 * import { isPhotoMode } from '@pix2pix-ts/cli';
 * isPhotoMode('edges'); // true
 * isPhotoMode('aligned'); // false
 * ```
 */
export const isPhotoMode = (mode: DataConfig['mode']): mode is DatasetModeName => DatasetModeName.is(mode);

/**
 * The dataset mode of a run's data, as the datasets package takes it (`photoSide` `whole` when the configuration
 * has none), or undefined for pairs read as they are.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { buildRunConfig, photoModeOf } from '@pix2pix-ts/cli';
 * const config = buildRunConfig({ dataroot: 'photos', dataset_mode: 'colorization', photo_side: 'A' });
 * if (E.isRight(config)) photoModeOf(config.right.data); // { name: 'colorization', photoSide: 'A' }
 * ```
 */
export const photoModeOf = (data: DataConfig): DatasetMode | undefined =>
  isPhotoMode(data.mode) ? { name: data.mode, photoSide: data.photoSide ?? 'whole' } : undefined;

/**
 * `input_nc` / `output_nc` of a dataset mode: 1 and 2 for colorization (L → ab), 3 and 3 otherwise.
 *
 * @example
 * ```ts
 * import { channelsOfMode } from '@pix2pix-ts/cli';
 * channelsOfMode('colorization'); // { inputNc: 1, outputNc: 2 }
 * ```
 */
export const channelsOfMode = (mode: DataConfig['mode']): { readonly inputNc: number; readonly outputNc: number } => {
  const c = isPhotoMode(mode) ? modeChannels(mode) : { input: 3, output: 3 };
  return { inputNc: c.input, outputNc: c.output };
};
