import type { Direction } from '../config/direction';

/**
 * The paper's training recipe for one dataset (Isola et al. 2017, appendix 6.2): what `--preset paper` trains
 * when the dataset is named. Epochs are the paper's count, split as the paper preset splits its 200 (half at the
 * initial learning rate, half decaying linearly to zero, the PyTorch code's schedule).
 *
 * @example
 * ```ts
 * import type { PaperRecipe } from '@pix2pix-ts/datasets';
 * const shoes: PaperRecipe = { loadSize: 286, cropSize: 256, batchSize: 4, nEpochs: 8, nEpochsDecay: 7 };
 * ```
 */
export interface PaperRecipe {
  /** Images are scaled to this side before the random crop (286 for every dataset: the paper's jitter). */
  readonly loadSize: number;
  /** The training size (256 for every dataset). */
  readonly cropSize: number;
  readonly batchSize: number;
  readonly nEpochs: number;
  readonly nEpochsDecay: number;
}

/**
 * One of the official pix2pix datasets, as its archive holds it and as the paper uses it.
 *
 * @example
 * ```ts
 * import { OFFICIAL_DATASETS } from '@pix2pix-ts/datasets';
 * const maps = OFFICIAL_DATASETS.maps;
 * maps.direction; // 'AtoB' (aerial photo -> map)
 * maps.evalPhase; // 'val' (the archive has no test/)
 * ```
 */
export interface OfficialDataset {
  /** The archive's name: `<name>.tar.gz`, extracted to a folder `<name>/`. */
  readonly name: string;
  /** The paper's task, as a user reads it (`labels → photo`). */
  readonly task: string;
  /** Which half is the input for the paper's task (A is the left half of each file). */
  readonly direction: Direction;
  /** The split folders in the archive, with their number of pairs. */
  readonly splits: Readonly<Partial<Record<'train' | 'val' | 'test', number>>>;
  /** The split a run evaluates and samples: `test` where the archive has one, else `val`. */
  readonly evalPhase: 'val' | 'test';
  /** The side of each square half in the archive's files, in pixels. */
  readonly imageSize: number;
  /** The archive's approximate size in bytes (for the listing; the server says the exact one). */
  readonly approxBytes: number;
  /**
   * The {@link treeDigest} of the extracted files, when this project knows it (Facades); otherwise the digest
   * recorded on the first download is the reference.
   */
  readonly contentSha256?: string;
  readonly paper: PaperRecipe;
  /** Where the data comes from, in one line. */
  readonly source: string;
}
