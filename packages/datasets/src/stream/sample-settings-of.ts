import type { LoaderOptions } from '../config/loader-options';
import type { PairSource } from '../sources/pair-source';
import type { SampleSettings } from './sample-settings';

/**
 * The per-sample settings implied by a source and resolved loader options.
 *
 * @example
 * ```ts
 * import { sampleSettingsOf, DEFAULT_LOADER_OPTIONS } from '@pix2pix-ts/datasets';
 * const s = sampleSettingsOf({ name: 'x', direction: 'BtoA', requireSquareHalves: true, entries: [] }, DEFAULT_LOADER_OPTIONS);
 * s.transform.cropSize; // 256
 * ```
 */
export const sampleSettingsOf = (source: PairSource, options: LoaderOptions): SampleSettings => ({
  transform: {
    preprocess: options.preprocess,
    loadSize: options.loadSize,
    cropSize: options.cropSize,
    noFlip: options.noFlip,
  },
  direction: source.direction,
  strict: options.strict,
  requireSquareHalves: source.requireSquareHalves,
  seed: options.seed,
  maxPixels: options.maxPixels,
  ...(source.mode === undefined ? {} : { mode: source.mode }),
});
