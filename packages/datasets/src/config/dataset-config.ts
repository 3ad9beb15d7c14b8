import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { DatasetError } from '../errors/dataset-error';
import { closedStruct, NonEmptyString } from './codecs';
import { decodeInput } from './decode-input';
import { alignedProps, facadesProps, pairedProps, syntheticProps } from './source-options';

const configs = {
  aligned: closedStruct({ kind: t.literal('aligned'), root: NonEmptyString }, alignedProps(), 'aligned dataset config'),
  paired: closedStruct({ kind: t.literal('paired'), a: NonEmptyString, b: NonEmptyString }, pairedProps(), 'paired dataset config'),
  facades: closedStruct({ kind: t.literal('facades') }, facadesProps(), 'facades dataset config'),
  synthetic: closedStruct({ kind: t.literal('synthetic') }, syntheticProps(), 'synthetic dataset config'),
};

/**
 * A dataset described as data (a JSON file, a CLI flag): one of
 * - `{ kind: 'aligned', root, phase?, direction?, requireSquareHalves? }`
 * - `{ kind: 'paired', a, b, direction? }` (two folders of matching file names)
 * - `{ kind: 'facades', root?, phase?, ... }` (see `FacadesOptions`)
 * - `{ kind: 'synthetic', seed?, count?, size?, direction? }`
 *
 * @example
 * ```ts
 * import type { DatasetConfig } from '@pix2pix-ts/datasets';
 * const config: DatasetConfig = { kind: 'facades', phase: 'train' };
 * ```
 */
export type DatasetConfig = { [K in keyof typeof configs]: t.TypeOf<(typeof configs)[K]> }[keyof typeof configs];

const Kind = t.type({
  kind: t.keyof({ aligned: null, paired: null, facades: null, synthetic: null }, "'aligned', 'paired', 'facades' or 'synthetic'"),
});

/**
 * Decodes a dataset config (see {@link DatasetConfig}); `kind` picks the codec first, so errors name the right
 * fields.
 *
 * @example
 * ```ts
 * import { decodeDatasetConfig } from '@pix2pix-ts/datasets';
 * decodeDatasetConfig({ kind: 'aligned', root: '/data/maps', phase: 'train' }); // Right(...)
 * decodeDatasetConfig({ kind: 'aligned' });
 * // Left: 'invalid aligned dataset config: root: expected a non-empty string, got undefined'
 * ```
 */
export const decodeDatasetConfig = (input: unknown): E.Either<DatasetError, DatasetConfig> =>
  pipe(
    decodeInput(Kind, 'dataset config')(input),
    E.chain(({ kind }): E.Either<DatasetError, DatasetConfig> => {
      switch (kind) {
        case 'aligned':
          return decodeInput(configs.aligned, 'aligned dataset config')(input);
        case 'paired':
          return decodeInput(configs.paired, 'paired dataset config')(input);
        case 'facades':
          return decodeInput(configs.facades, 'facades dataset config')(input);
        case 'synthetic':
          return decodeInput(configs.synthetic, 'synthetic dataset config')(input);
      }
    }),
  );
