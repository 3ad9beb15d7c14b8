import type { Direction } from '../config/direction';
import type { TransformOptions } from '../config/transform-options';
import type { DatasetMode } from '../modes/dataset-mode';

/**
 * Everything about preparing samples that is fixed for a whole loader (sent once to each decode worker).
 *
 * @example
 * ```ts
 * import { PAPER_TRANSFORM, type SampleSettings } from '@pix2pix-ts/datasets';
 * const s: SampleSettings = { transform: PAPER_TRANSFORM, direction: 'BtoA', strict: false, requireSquareHalves: true, seed: 0 };
 * ```
 */
export interface SampleSettings {
  readonly transform: TransformOptions;
  readonly direction: Direction;
  /** Refuse non-8-bit-RGB files instead of converting them. */
  readonly strict: boolean;
  /** Aligned files must be exactly 2:1. */
  readonly requireSquareHalves: boolean;
  /** Root of every random draw. */
  readonly seed: number;
  /** Files whose header claims more pixels are refused before decoding. Default `DEFAULT_MAX_PIXELS`. */
  readonly maxPixels?: number;
  /** The source's dataset mode: pairs are made from one photo per file (`prepareModeSample`). */
  readonly mode?: DatasetMode;
}
