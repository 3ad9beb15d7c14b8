import * as t from 'io-ts';

/** A bad pair: its file (the pair's id) and why it is bad, as the loader or the header pass said it. */
export const DataFault = t.type({ path: t.string, message: t.string });
/** See {@link DataFault}. */
export type DataFault = t.TypeOf<typeof DataFault>;

/** A pair skipped while training, and in how many epochs. */
export const SkippedPair = t.type({ path: t.string, message: t.string, times: t.number });
/** See {@link SkippedPair}. */
export type SkippedPair = t.TypeOf<typeof SkippedPair>;

/**
 * The data problems of a run (in `run.json`): the files the header pass checked, the pairs it refused before
 * training (left out of the epochs), and the pairs skipped while training (damaged image data behind a valid
 * header), over every segment of the run.
 */
export const DataFaults = t.type({
  filesChecked: t.number,
  refused: t.array(DataFault),
  skipped: t.array(SkippedPair),
});
/** See {@link DataFaults}. */
export type DataFaults = t.TypeOf<typeof DataFaults>;

/** Bad pairs in all: refused before training plus skipped while training (each pair once). */
export const badPairCount = (f: DataFaults): number => new Set([...f.refused.map((r) => r.path), ...f.skipped.map((s) => s.path)]).size;

/**
 * The skips of an earlier segment and of this one together: one entry per pair, its epochs added up.
 *
 * @example
 * ```ts
 * import { mergeSkipped } from '@pix2pix-ts/cli/node';
 * mergeSkipped([{ path: 'a.jpg', message: 'x', times: 2 }], [{ path: 'a.jpg', message: 'x', times: 1 }]); // [{ path: 'a.jpg', message: 'x', times: 3 }]
 * ```
 */
export const mergeSkipped = (earlier: readonly SkippedPair[], now: readonly SkippedPair[]): SkippedPair[] => {
  const byPath = new Map<string, SkippedPair>(earlier.map((s) => [s.path, s]));
  for (const s of now) {
    const seen = byPath.get(s.path);
    byPath.set(s.path, { path: s.path, message: s.message, times: (seen?.times ?? 0) + s.times });
  }
  return [...byPath.values()];
};

const MAX_LISTED = 10;

/**
 * Lines for the log: a summary, then each bad pair (at most 10, then how many more). Empty when nothing was bad
 * (or nothing was recorded).
 *
 * @example
 * ```ts
 * import { formatDataFaults } from '@pix2pix-ts/cli/node';
 * formatDataFaults({ filesChecked: 400, refused: [{ path: 'a.jpg', message: 'a.jpg: is empty (0 bytes)' }], skipped: [] });
 * // ['⚠ data: 1 bad pair left out (1 refused before training, 0 skipped while training):', '  - a.jpg: is empty (0 bytes)']
 * ```
 */
export const formatDataFaults = (f: DataFaults | undefined): string[] => {
  const n = f === undefined ? 0 : badPairCount(f);
  if (f === undefined || n === 0) return [];
  const lines = [...f.refused.map((r) => r.message), ...f.skipped.map((s) => `${s.message} (skipped in ${s.times} epoch${s.times > 1 ? 's' : ''})`)];
  return [
    `⚠ data: ${n} bad pair${n > 1 ? 's' : ''} left out (${f.refused.length} refused before training, ${f.skipped.length} skipped while training):`,
    ...lines.slice(0, MAX_LISTED).map((l) => `  - ${l}`),
    ...(lines.length > MAX_LISTED ? [`  … and ${lines.length - MAX_LISTED} more (all in run.json, dataFaults)`] : []),
  ];
};

/**
 * One sentence for the report (empty when nothing was bad), e.g. ` 2 bad pairs left out (1 refused before
 * training, 1 skipped while training; listed in run.json).`
 */
export const dataFaultsSentence = (f: DataFaults | undefined): string => {
  const n = f === undefined ? 0 : badPairCount(f);
  if (f === undefined || n === 0) return '';
  return ` ${n} bad pair${n > 1 ? 's' : ''} left out (${f.refused.length} refused before training, ${f.skipped.length} skipped while training; listed in run.json).`;
};
