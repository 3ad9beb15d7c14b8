import * as t from 'io-ts';

/**
 * The paper's other tasks, each made on the fly from a folder of plain photos (the target is always the photo):
 *
 * - `colorization`: L → ab in CIE Lab (1 input channel, 2 output channels), as the official
 *   `colorization_dataset.py` (`A = L / 50 - 1`, `B = ab / 110`);
 * - `edges`: a Canny edge map of the photo (black edges on white, 3 channels) → the photo;
 * - `inpaint`: the photo with one rectangle filled with mid-grey (0 in [-1, 1]) → the photo.
 *
 * @example
 * ```ts
 * import { DatasetModeName } from '@pix2pix-ts/datasets';
 * DatasetModeName.is('edges'); // true
 * ```
 */
export const DatasetModeName = t.keyof({ colorization: null, edges: null, inpaint: null }, "'colorization', 'edges' or 'inpaint'");
/** See {@link DatasetModeName}. */
export type DatasetModeName = t.TypeOf<typeof DatasetModeName>;

/** Every {@link DatasetModeName}, in a fixed order (for option parsers and help). */
export const PHOTO_DATASET_MODES = ['colorization', 'edges', 'inpaint'] as const satisfies readonly DatasetModeName[];

/**
 * Which part of each file is the photo: `whole` (plain photos), or one half of a side-by-side AB file (`A` the
 * left half, `B` the right half), so the photos of an aligned pix2pix set can be used as they are (Facades: `A`).
 *
 * @example
 * ```ts
 * import { PhotoSide } from '@pix2pix-ts/datasets';
 * PhotoSide.is('B'); // true
 * ```
 */
export const PhotoSide = t.keyof({ whole: null, A: null, B: null }, "'whole', 'A' or 'B'");
/** See {@link PhotoSide}. */
export type PhotoSide = t.TypeOf<typeof PhotoSide>;

/**
 * A dataset mode as data (it crosses into decode workers with the sample settings): the task and where the
 * photo is in each file.
 *
 * @example
 * ```ts
 * import type { DatasetMode } from '@pix2pix-ts/datasets';
 * const mode: DatasetMode = { name: 'colorization', photoSide: 'B' };
 * ```
 */
export const DatasetMode = t.type({ name: DatasetModeName, photoSide: PhotoSide }, 'DatasetMode');
/** See {@link DatasetMode}. */
export type DatasetMode = t.TypeOf<typeof DatasetMode>;

/**
 * The channels of a mode's generator input and output (`input_nc`, `output_nc`): colorization is 1 → 2 as in the
 * official code, the others 3 → 3.
 *
 * @example
 * ```ts
 * import { modeChannels } from '@pix2pix-ts/datasets';
 * modeChannels('colorization'); // { input: 1, output: 2 }
 * ```
 */
export const modeChannels = (name: DatasetModeName): { readonly input: number; readonly output: number } =>
  name === 'colorization' ? { input: 1, output: 2 } : { input: 3, output: 3 };
