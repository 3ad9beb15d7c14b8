import * as t from 'io-ts';

/**
 * io-ts codec of pix2pix's `NormKind` (`--norm`): `'batch'`, `'instance'` or `'none'`.
 *
 * @example
 * ```ts
 * import { NormKindCodec } from '@pix2pix-ts/browser';
 * NormKindCodec.is('instance'); // true
 * ```
 */
export const NormKindCodec = t.keyof({ batch: null, instance: null, none: null }, 'NormKind');
