import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { decodeLoaderOptions, inProcessSampleLoader, readFileBytes, sampleSettingsOf, sharpDecoder, type PairEntry, type PairSource } from '@pix2pix-ts/datasets/node';
import { inputError, type CliError } from '../cli/cli-error';
import type { CheckedData } from './check-data';
import type { DataFault } from './data-faults';
import { fromDatasetError } from './open-source';

/**
 * Decodes every pair of an already header-checked split once, as the final evaluation will (resized to `size`,
 * no flip): for the evaluation split, which is small and is read at the very end of a run, so a damaged image
 * there is found before training instead of failing the evaluation hours later. Pairs that fail are left out and
 * added to the refused ones, or, with `strict`, fail the command naming the file.
 */
export function decodeCheck(checked: CheckedData, size: number, role: string, strict: boolean, say: (line: string) => void): TE.TaskEither<CliError, CheckedData> {
  const source: PairSource = checked.source;
  if (source.entries.every((e) => e.kind === 'synthetic')) return TE.right(checked);
  return pipe(
    TE.fromEither(pipe(decodeLoaderOptions({ preprocess: 'resize_and_crop', loadSize: size, cropSize: size, noFlip: true, shuffle: false, workers: 0 }), E.mapLeft(fromDatasetError))),
    TE.chain((options) => async () => {
      const load = inProcessSampleLoader(source, sampleSettingsOf(source, options), { readBytes: readFileBytes, decoder: sharpDecoder() });
      const bad: DataFault[] = [];
      const kept: PairEntry[] = [];
      for (const [index, entry] of source.entries.entries()) {
        const r = await load({ index, epoch: 0 })();
        if (E.isRight(r)) kept.push(entry);
        else bad.push({ path: entry.id, message: r.left.message });
      }
      if (bad.length === 0) return E.right(checked);
      const first = bad[0]?.message ?? '';
      if (strict) return E.left(inputError(`--strict_data: ${bad.length} pair${bad.length > 1 ? 's' : ''} of ${role} cannot be decoded: ${first}`));
      if (kept.length === 0) return E.left(inputError(`${role}: none of its ${source.entries.length} pairs can be decoded: ${first}`));
      say(`⚠ ${role}: ${bad.length} pair${bad.length > 1 ? 's' : ''} cannot be decoded, left out of the evaluation:`);
      for (const b of bad.slice(0, 10)) say(`  - ${b.message}`);
      return E.right({ source: { ...source, entries: kept }, filesChecked: checked.filesChecked, refused: [...checked.refused, ...bad] });
    }),
  );
}
