import * as E from 'fp-ts/Either';
import { FACADES_CONTENT_SHA256 } from './facades-digest';
import type { OfficialDataset, PaperRecipe } from './official-dataset';

/** The paper's Facades, Cityscapes and maps recipe: 200 epochs of batch 1 (100 constant + 100 decaying). */
const LONG: PaperRecipe = { loadSize: 286, cropSize: 256, batchSize: 1, nEpochs: 100, nEpochsDecay: 100 };
/** The paper's recipe for the large sets: few epochs of batch 4 (15 for edges2*, 17 for day→night). */
const short = (epochs: number): PaperRecipe => ({ loadSize: 286, cropSize: 256, batchSize: 4, nEpochs: Math.ceil(epochs / 2), nEpochsDecay: Math.floor(epochs / 2) });

/**
 * The names of the official datasets, in the catalogue's order.
 *
 * @example
 * ```ts
 * import { OFFICIAL_DATASET_NAMES } from '@pix2pix-ts/datasets';
 * OFFICIAL_DATASET_NAMES.join(', '); // 'facades, cityscapes, maps, edges2shoes, edges2handbags, night2day'
 * ```
 */
export const OFFICIAL_DATASET_NAMES = ['facades', 'cityscapes', 'maps', 'edges2shoes', 'edges2handbags', 'night2day'] as const;

/**
 * A name of an official dataset.
 *
 * @example
 * ```ts
 * import type { OfficialDatasetName } from '@pix2pix-ts/datasets';
 * const n: OfficialDatasetName = 'maps';
 * ```
 */
export type OfficialDatasetName = (typeof OFFICIAL_DATASET_NAMES)[number];

/**
 * The official pix2pix datasets (those of `datasets/download_pix2pix_dataset.sh` in pytorch-CycleGAN-and-pix2pix),
 * by name: each archive's layout (splits, image size) and the paper's direction and recipe for it. Pure data.
 *
 * @example
 * ```ts
 * import { OFFICIAL_DATASETS } from '@pix2pix-ts/datasets';
 * OFFICIAL_DATASETS.facades.direction; // 'BtoA': labels -> photo
 * OFFICIAL_DATASETS.edges2shoes.paper.batchSize; // 4
 * ```
 */
export const OFFICIAL_DATASETS: Readonly<Record<OfficialDatasetName, OfficialDataset>> = {
  facades: {
    name: 'facades',
    task: 'labels → photo',
    direction: 'BtoA',
    splits: { train: 400, val: 100, test: 106 },
    evalPhase: 'test',
    imageSize: 256,
    approxBytes: 30e6,
    contentSha256: FACADES_CONTENT_SHA256,
    paper: LONG,
    source: 'CMP Facades (Tyleček and Šára 2013)',
  },
  cityscapes: {
    name: 'cityscapes',
    task: 'labels → photo',
    direction: 'BtoA',
    splits: { train: 2975, val: 500 },
    evalPhase: 'val',
    imageSize: 256,
    approxBytes: 100e6,
    paper: LONG,
    source: 'Cityscapes (Cordts et al. 2016): photo | colour label map',
  },
  maps: {
    name: 'maps',
    task: 'aerial photo → map',
    direction: 'AtoB',
    splits: { train: 1096, val: 1098 },
    evalPhase: 'val',
    imageSize: 600,
    approxBytes: 250e6,
    paper: LONG,
    source: 'Google Maps around New York City: aerial photo | map',
  },
  edges2shoes: {
    name: 'edges2shoes',
    task: 'edges → photo',
    direction: 'AtoB',
    splits: { train: 49825, val: 200 },
    evalPhase: 'val',
    imageSize: 256,
    approxBytes: 2.2e9,
    paper: short(15),
    source: 'UT Zappos50K shoes, edges by HED',
  },
  edges2handbags: {
    name: 'edges2handbags',
    task: 'edges → photo',
    direction: 'AtoB',
    splits: { train: 138567, val: 200 },
    evalPhase: 'val',
    imageSize: 256,
    approxBytes: 8.6e9,
    paper: short(15),
    source: 'Amazon handbags (iGAN, Zhu et al. 2016), edges by HED',
  },
  night2day: {
    name: 'night2day',
    task: 'night → day',
    direction: 'AtoB',
    splits: { train: 17823, val: 10, test: 2287 },
    evalPhase: 'test',
    imageSize: 256,
    approxBytes: 1.9e9,
    paper: short(17),
    source: 'Transient Attributes webcams (Laffont et al. 2014)',
  },
};

/**
 * Whether a string names an official dataset.
 *
 * @example
 * ```ts
 * import { isOfficialDatasetName } from '@pix2pix-ts/datasets';
 * isOfficialDatasetName('maps'); // true
 * isOfficialDatasetName('./maps'); // false
 * ```
 */
export const isOfficialDatasetName = (s: string): s is OfficialDatasetName => (OFFICIAL_DATASET_NAMES as readonly string[]).includes(s);

/**
 * The catalogue entry of a name, or a message listing the known names (what a user reads after a typo).
 *
 * @example
 * ```ts
 * import { officialDataset } from '@pix2pix-ts/datasets';
 * officialDataset('mapz');
 * // Left('unknown dataset "mapz"; the official pix2pix datasets are facades, cityscapes, maps, edges2shoes, edges2handbags, night2day')
 * ```
 */
export const officialDataset = (name: string): E.Either<string, OfficialDataset> =>
  isOfficialDatasetName(name)
    ? E.right(OFFICIAL_DATASETS[name])
    : E.left(`unknown dataset ${JSON.stringify(name)}; the official pix2pix datasets are ${OFFICIAL_DATASET_NAMES.join(', ')}`);
