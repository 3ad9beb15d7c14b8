import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { sequenceT } from 'fp-ts/Apply';
import { badImage, type DatasetError } from '../errors/dataset-error';
import { toUnitRange } from '../augment/normalize';
import { getParams } from '../augment/params';
import { applyTransform } from '../augment/transform';
import { prepareModeSample } from '../modes/mode-pair';
import { sampleKey } from './keys';
import type { RawPair } from './load-raw-pair';
import type { Sample, SampleJob } from './sample';
import type { SampleSettings } from './sample-settings';

/**
 * Preprocesses and augments a decoded pair, then scales it to [-1, 1]: one `getParams` draw from
 * `sampleKey(seed, epoch, index)` is applied to both images, so A and B stay aligned pixel for pixel. With a
 * dataset mode in `settings`, the mode makes the pair from the photo instead ({@link prepareModeSample}). Pure.
 *
 * @example
 * ```ts
 * import { prepareSample, syntheticPair, PAPER_TRANSFORM } from '@pix2pix-ts/datasets';
 * const raw = { id: 'p', ...syntheticPair(0, 0, 256), converted: [] };
 * const settings = { transform: PAPER_TRANSFORM, direction: 'AtoB' as const, strict: false, requireSquareHalves: true, seed: 0 };
 * prepareSample(raw, settings, { index: 0, epoch: 0 }); // Right({ width: 256, height: 256, a, b, ... })
 * ```
 */
export const prepareSample = (raw: RawPair, settings: SampleSettings, job: SampleJob): E.Either<DatasetError, Sample> => {
  if (settings.mode !== undefined) return prepareModeSample(raw, settings, settings.mode, job);
  const params = getParams(settings.transform, raw.a, sampleKey(settings.seed, job.epoch, job.index));
  const one = (img: RawPair['a']) =>
    pipe(
      applyTransform(img, settings.transform, params),
      E.mapLeft((why) => badImage(raw.id, 'too-small', `${why} (preprocess '${settings.transform.preprocess}')`)),
    );
  return pipe(
    sequenceT(E.Apply)(one(raw.a), one(raw.b)),
    E.map(([a, b]) => ({
      id: raw.id,
      index: job.index,
      width: a.width,
      height: a.height,
      a: toUnitRange(a),
      b: toUnitRange(b),
      converted: raw.converted,
    })),
  );
};
