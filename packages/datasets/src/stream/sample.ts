/**
 * One prepared pair: preprocessed, augmented and scaled to [-1, 1], HWC float32. `a` is the generator input and
 * `b` the target (the source's direction already applied).
 *
 * @example
 * ```ts
 * import type { Sample } from '@pix2pix-ts/datasets';
 * const pixels = (s: Sample) => s.width * s.height; // s.a.length === pixels * 3
 * ```
 */
export interface Sample {
  /** The pair's name (file path, or `synthetic/seed/index`). */
  readonly id: string;
  /** Position of the pair in the sorted dataset. */
  readonly index: number;
  readonly width: number;
  readonly height: number;
  readonly a: Float32Array;
  readonly b: Float32Array;
  /** Files of this pair that were converted to 8-bit RGB, with what they were (e.g. `8-bit gray JPEG`). */
  readonly converted: readonly { readonly path: string; readonly from: string }[];
}

/**
 * What a loader needs to know about one pair: which, and which draw of randomness. Serialisable.
 *
 * @example
 * ```ts
 * import type { SampleJob } from '@pix2pix-ts/datasets';
 * const job: SampleJob = { index: 41, epoch: 3 };
 * ```
 */
export interface SampleJob {
  readonly index: number;
  readonly epoch: number;
}
