import * as t from 'io-ts';
import { closedPartial, intCodec, NonEmptyString, Sha256Hex } from './codecs';
import { Direction } from './direction';

/**
 * The three Facades splits.
 *
 * @example
 * ```ts
 * import { FacadesPhase } from '@pix2pix-ts/datasets';
 * FacadesPhase.is('val'); // true
 * ```
 */
export const FacadesPhase = t.keyof({ train: null, val: null, test: null }, "'train', 'val' or 'test'");
/**
 * See {@link FacadesPhase}.
 *
 * @example
 * ```ts
 * import { FacadesPhase } from '@pix2pix-ts/datasets';
 * FacadesPhase.is('val'); // true
 * ```
 */
export type FacadesPhase = t.TypeOf<typeof FacadesPhase>;

/**
 * How download progress is shown: `auto` (a bar on a TTY, plain lines otherwise), `bar`, `lines`, `none`.
 *
 * @example
 * ```ts
 * import { ProgressMode } from '@pix2pix-ts/datasets';
 * ProgressMode.is('lines'); // true
 * ```
 */
export const ProgressMode = t.keyof({ auto: null, bar: null, lines: null, none: null }, "'auto', 'bar', 'lines' or 'none'");
/**
 * See {@link ProgressMode}.
 *
 * @example
 * ```ts
 * import { ProgressMode } from '@pix2pix-ts/datasets';
 * ProgressMode.is('lines'); // true
 * ```
 */
export type ProgressMode = t.TypeOf<typeof ProgressMode>;

/**
 * The fields of {@link SyntheticOptions} (reused by the dataset config codec).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { syntheticProps } from '@pix2pix-ts/datasets';
 * const Strict = t.type(syntheticProps()); // every field required
 * ```
 */
export const syntheticProps = () => ({
  seed: intCodec(Number.MIN_SAFE_INTEGER),
  count: intCodec(1, 1_000_000),
  size: intCodec(8, 4096),
  direction: Direction,
});

/**
 * The fields of {@link AlignedOptions}.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { alignedProps } from '@pix2pix-ts/datasets';
 * const Partial = t.partial(alignedProps());
 * ```
 */
export const alignedProps = () => ({ phase: NonEmptyString, direction: Direction, requireSquareHalves: t.boolean });

/**
 * The fields of {@link PairedOptions}.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { pairedProps } from '@pix2pix-ts/datasets';
 * const Partial = t.partial(pairedProps());
 * ```
 */
export const pairedProps = () => ({ direction: Direction });

/**
 * The fields of {@link FacadesOptions}.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { facadesProps } from '@pix2pix-ts/datasets';
 * const Partial = t.partial(facadesProps());
 * ```
 */
export const facadesProps = () => ({
  root: NonEmptyString,
  phase: FacadesPhase,
  direction: Direction,
  url: NonEmptyString,
  sha256: Sha256Hex,
  contentSha256: t.union([Sha256Hex, t.null]),
  cacheDir: NonEmptyString,
  download: t.boolean,
  retries: intCodec(0, 100),
  progress: ProgressMode,
  requireSquareHalves: t.boolean,
});

/**
 * Options of the synthetic set: `seed` (default 0), `count` (64), `size` (256), `direction` (`BtoA`).
 *
 * @example
 * ```ts
 * import { SyntheticOptions } from '@pix2pix-ts/datasets';
 * SyntheticOptions.is({ count: 8 }); // true
 * ```
 */
export const SyntheticOptions = closedPartial(syntheticProps(), 'synthetic options');
/**
 * See {@link SyntheticOptions}.
 *
 * @example
 * ```ts
 * import type { SyntheticOptions } from '@pix2pix-ts/datasets';
 * const o: SyntheticOptions = { seed: 1, count: 32, size: 128 };
 * ```
 */
export type SyntheticOptions = t.TypeOf<typeof SyntheticOptions>;

/**
 * Options of an aligned (AB side by side) folder: `phase` (a subfolder such as `train`; default none),
 * `direction` (`AtoB`), `requireSquareHalves` (true: files must be exactly 2:1).
 *
 * @example
 * ```ts
 * import { AlignedOptions } from '@pix2pix-ts/datasets';
 * AlignedOptions.is({ phase: 'train', direction: 'BtoA' }); // true
 * ```
 */
export const AlignedOptions = closedPartial(alignedProps(), 'aligned folder options');
/**
 * See {@link AlignedOptions}.
 *
 * @example
 * ```ts
 * import type { AlignedOptions } from '@pix2pix-ts/datasets';
 * const o: AlignedOptions = { phase: 'train', direction: 'BtoA' };
 * ```
 */
export type AlignedOptions = t.TypeOf<typeof AlignedOptions>;

/**
 * Options of two folders of matching file names: `direction` (`AtoB`).
 *
 * @example
 * ```ts
 * import { PairedOptions } from '@pix2pix-ts/datasets';
 * PairedOptions.is({ direction: 'AtoB' }); // true
 * ```
 */
export const PairedOptions = closedPartial(pairedProps(), 'paired folders options');
/**
 * See {@link PairedOptions}.
 *
 * @example
 * ```ts
 * import type { PairedOptions } from '@pix2pix-ts/datasets';
 * const o: PairedOptions = { direction: 'AtoB' };
 * ```
 */
export type PairedOptions = t.TypeOf<typeof PairedOptions>;


/**
 * Options of {@link facades}: where it is (`root`: the folder holding `train/`, `val/`, `test/`), which split
 * (`phase`, default `train`), `direction` (default `BtoA`, labels → photo as in the paper), and the download:
 * `url`, `sha256` (of the archive; default unchecked), `contentSha256` (of the extracted files; default the known
 * Facades digest), `cacheDir` (default `$XDG_CACHE_HOME/pix2pix-ts` or `~/.cache/pix2pix-ts`), `download` (default
 * true), `retries` (default 3), `progress` (default `auto`).
 *
 * @example
 * ```ts
 * import { FacadesOptions } from '@pix2pix-ts/datasets';
 * FacadesOptions.is({ phase: 'val', download: false }); // true
 * ```
 */
export const FacadesOptions = closedPartial(facadesProps(), 'facades options');
/**
 * See {@link FacadesOptions}.
 *
 * @example
 * ```ts
 * import type { FacadesOptions } from '@pix2pix-ts/datasets';
 * const o: FacadesOptions = { phase: 'test', download: false };
 * ```
 */
export type FacadesOptions = t.TypeOf<typeof FacadesOptions>;
