import type { Direction } from '../config/direction';
import type { DatasetMode } from '../modes/dataset-mode';
import type { PairEntry } from './pair-entry';

/**
 * A dataset: its pairs in the official sorted order, plus how to read them. Pure data; listing a folder (Node) or a
 * set of URLs (browser) produces one, a loader streams it.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { synthetic } from '@pix2pix-ts/datasets';
 * const source = synthetic({ count: 8, size: 64 }); // Right(PairSource)
 * if (E.isRight(source)) console.log(source.right.entries.length); // 8
 * ```
 */
export interface PairSource {
  /** For messages: e.g. `aligned folder /data/facades/train`. */
  readonly name: string;
  /** Which side becomes the generator input `a` of a batch. */
  readonly direction: Direction;
  /** For `aligned` entries: require exactly 2:1 files (two square halves), not only an even width. */
  readonly requireSquareHalves: boolean;
  readonly entries: readonly PairEntry[];
  /** A dataset mode (`colorization`, `edges`, `inpaint`): every file holds a photo the mode makes a pair from. */
  readonly mode?: DatasetMode;
}
