import * as t from 'io-ts';

/**
 * Which side of a pair is the generator's input: `AtoB` translates A into B, `BtoA` B into A (`--direction`).
 * Facades labels→photo, as in the paper, is `BtoA`.
 *
 * @example
 * ```ts
 * import { Direction } from '@pix2pix-ts/datasets';
 * Direction.is('BtoA'); // true
 * ```
 */
export const Direction = t.keyof({ AtoB: null, BtoA: null }, "'AtoB' or 'BtoA'");

/**
 * See {@link Direction}.
 *
 * @example
 * ```ts
 * import type { Direction } from '@pix2pix-ts/datasets';
 * const labelsToPhoto: Direction = 'BtoA';
 * ```
 */
export type Direction = t.TypeOf<typeof Direction>;
