import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { foldIn, type Key } from '@pix2pix-ts/random';
import { getParams } from '../augment/params';
import { applyTransform } from '../augment/transform';
import { badImage, type DatasetError } from '../errors/dataset-error';
import type { RgbImage } from '../image/rgb-image';
import type { RawPair } from '../stream/load-raw-pair';
import { sampleKey } from '../stream/keys';
import type { Sample, SampleJob } from '../stream/sample';
import type { SampleSettings } from '../stream/sample-settings';
import { colorizationPair } from './colorization';
import type { DatasetMode, DatasetModeName } from './dataset-mode';
import { edgesPair } from './edges';
import { inpaintMask, inpaintPair } from './inpaint';

/**
 * A mode's pair made from one preprocessed photo, HWC float32: `a` the generator input, `b` the target. `k` is the
 * sample's key (`sampleKey(seed, epoch, index)`); only `inpaint` draws from it (`foldIn(k, 3)`).
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/random';
 * import { modePair, rgbImage } from '@pix2pix-ts/datasets';
 * modePair('colorization', rgbImage(2, 2, new Uint8Array(12)), key(0)); // { a: 4 values, b: 8 values }
 * ```
 */
export const modePair = (name: DatasetModeName, photo: RgbImage, k: Key): { readonly a: Float32Array; readonly b: Float32Array } => {
  switch (name) {
    case 'colorization':
      return colorizationPair(photo);
    case 'edges':
      return edgesPair(photo);
    case 'inpaint':
      return inpaintPair(photo, inpaintMask(foldIn(k, 3), photo.width, photo.height));
  }
};

/**
 * {@link prepareSample} for a dataset mode: the photo (`raw.a` for `photoSide: 'A'`, else `raw.b`; the two are the
 * same file for plain photos) is preprocessed and augmented exactly as a pair would be (one `getParams` draw from
 * `sampleKey(seed, epoch, index)`), then turned into the mode's pair by {@link modePair}. Pure.
 *
 * @example
 * ```ts
 * import { prepareModeSample, syntheticPair, PAPER_TRANSFORM } from '@pix2pix-ts/datasets';
 * const raw = { id: 'p', ...syntheticPair(0, 0, 256), converted: [] };
 * const settings = { transform: PAPER_TRANSFORM, direction: 'AtoB' as const, strict: false, requireSquareHalves: true, seed: 0 };
 * prepareModeSample(raw, settings, { name: 'edges', photoSide: 'B' }, { index: 0, epoch: 0 }); // Right(256x256 sample)
 * ```
 */
export const prepareModeSample = (raw: RawPair, settings: SampleSettings, mode: DatasetMode, job: SampleJob): E.Either<DatasetError, Sample> => {
  const photo = mode.photoSide === 'A' ? raw.a : raw.b;
  const k = sampleKey(settings.seed, job.epoch, job.index);
  const params = getParams(settings.transform, photo, k);
  return pipe(
    applyTransform(photo, settings.transform, params),
    E.mapLeft((why) => badImage(raw.id, 'too-small', `${why} (preprocess '${settings.transform.preprocess}')`)),
    E.map((img) => ({ id: raw.id, index: job.index, width: img.width, height: img.height, ...modePair(mode.name, img, k), converted: raw.converted })),
  );
};
