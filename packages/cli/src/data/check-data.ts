import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { checkSource, type PairSource } from '@pix2pix-ts/datasets/node';
import { inputError, type CliError } from '../cli/cli-error';
import type { DataFault } from './data-faults';

/** From this many files on, the header pass prints a progress line at every tenth. */
export const BIG_FOLDER_FILES = 1000;

/** What {@link checkData} leaves: the source without its refused pairs, the files checked, the refused pairs. */
export interface CheckedData {
  readonly source: PairSource;
  readonly filesChecked: number;
  readonly refused: readonly DataFault[];
}

/**
 * The header pass before training (`checkSource`: every file's head, no decoding): unreadable, empty, non-image,
 * truncated, over-large and mis-shaped files are found in seconds instead of hours into a run. On big folders a
 * progress line says how many files were checked. By default the refused pairs are left out and listed;
 * with `strict` (`--strict_data`) any refused pair fails the command, naming the files. `limit` checks only the
 * first pairs (`--max_dataset_size`). A source with no files (synthetic) passes as it is.
 */
export function checkData(source: PairSource, role: string, strict: boolean, say: (line: string) => void, limit?: number): TE.TaskEither<CliError, CheckedData> {
  const considered = limit === undefined ? source : { ...source, entries: source.entries.slice(0, limit) };
  if (considered.entries.every((e) => e.kind === 'synthetic')) return TE.right({ source, filesChecked: 0, refused: [] });
  let lastTenth = 0;
  const onProgress = (checked: number, total: number): void => {
    if (total < BIG_FOLDER_FILES) return;
    const tenth = Math.floor((10 * checked) / total);
    if (tenth === lastTenth || tenth === 10) return;
    lastTenth = tenth;
    say(`checking ${role}: ${checked} of ${total} files…`);
  };
  return pipe(
    TE.fromTask(checkSource(considered, { onProgress })),
    TE.chain((check) => {
      const refused = check.refused.map((r) => ({ path: r.id, message: r.error.message }));
      const n = refused.length;
      const listed = refused.slice(0, 5).map((r) => r.message).join('; ') + (n > 5 ? `; … (${n} in all)` : '');
      if (n > 0 && strict) {
        return TE.left(inputError(`--strict_data: ${n} bad pair${n > 1 ? 's' : ''} in ${role} (${check.files} files checked): ${listed}`));
      }
      if (check.source.entries.length === 0) {
        return TE.left(inputError(`${role}: none of its ${considered.entries.length} pairs is usable: ${listed}`));
      }
      say(
        n === 0
          ? `data check (${role}): ${check.files} files, all usable`
          : `⚠ data check (${role}): ${check.files} files, ${n} bad pair${n > 1 ? 's' : ''} left out (--strict_data stops instead):`,
      );
      for (const r of refused.slice(0, 10)) say(`  - ${r.message}`);
      if (n > 10) say(`  … and ${n - 10} more (all in run.json, dataFaults)`);
      return TE.right({ source: check.source, filesChecked: check.files, refused });
    }),
  );
}
