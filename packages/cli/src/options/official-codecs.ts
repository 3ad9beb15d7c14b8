import * as t from 'io-ts';

/**
 * Codecs of the official implementation's own option values (pytorch-CycleGAN-and-pix2pix), decoded from the
 * command line like every other option.
 */

/** `--epoch latest|N`: which saved epoch to load (`latest`, or an epoch number). */
export type EpochName = 'latest' | number;

/**
 * `--epoch`: `latest` or an epoch number >= 1.
 *
 * @example
 * ```ts
 * import { EpochNameCodec } from '@pix2pix-ts/cli';
 * EpochNameCodec.decode('latest'); // Right('latest')
 * EpochNameCodec.decode('5'); // Right(5)
 * ```
 */
export const EpochNameCodec = new t.Type<EpochName, string, unknown>(
  'latest or an epoch number >= 1',
  (u): u is EpochName => u === 'latest' || (typeof u === 'number' && Number.isSafeInteger(u) && u >= 1),
  (u, c) => {
    if (u === 'latest') return t.success('latest');
    if (typeof u === 'string' && /^\d{1,6}$/.test(u.trim()) && Number(u) >= 1) return t.success(Number(u));
    return t.failure(u, c);
  },
  String,
);

/**
 * `--gpu_ids`: the official comma-separated CUDA device ids (`0`, `0,1,2`), or `-1` for the CPU.
 *
 * @example
 * ```ts
 * import { GpuIds } from '@pix2pix-ts/cli';
 * GpuIds.decode('-1'); // Right([-1])
 * GpuIds.decode('0,1'); // Right([0, 1])
 * ```
 */
export const GpuIds = new t.Type<readonly number[], string, unknown>(
  'comma-separated GPU ids (0,1) or -1 (CPU)',
  (u): u is readonly number[] => Array.isArray(u) && u.every((x) => Number.isSafeInteger(x)),
  (u, c) => {
    if (typeof u !== 'string' || !/^\s*(-1|\d{1,3}(\s*,\s*\d{1,3})*)\s*,?\s*$/.test(u)) return t.failure(u, c);
    return t.success(
      u
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
        .map(Number),
    );
  },
  (ids) => ids.join(','),
);

/** Any value, kept as given (the official display options, accepted and ignored). */
export const AnyValue = new t.Type<string, string, unknown>(
  'a value',
  (u): u is string => typeof u === 'string',
  (u, c) => (typeof u === 'string' ? t.success(u) : u === true ? t.success('') : t.failure(u, c)),
  t.identity,
);
