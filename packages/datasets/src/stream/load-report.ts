/**
 * What a loader has done so far: pairs delivered, files skipped (with `skipBad`), files converted to RGB.
 *
 * @example
 * ```ts
 * import type { LoadReport } from '@pix2pix-ts/datasets';
 * const summary = (r: LoadReport) => `${r.loaded} loaded, ${r.skipped.length} skipped`;
 * ```
 */
export interface LoadReport {
  /** Pairs in the dataset (after `maxDatasetSize`). */
  readonly pairs: number;
  /** Samples delivered in batches so far. */
  readonly loaded: number;
  /** Each distinct bad pair, why, and how many times it was skipped (once per epoch). */
  readonly skipped: readonly { readonly path: string; readonly message: string; readonly times: number }[];
  /** Distinct files converted to 8-bit RGB, counted by what they were (e.g. `{ '8-bit gray JPEG': 3 }`). */
  readonly converted: Readonly<Record<string, number>>;
}

/**
 * A one-paragraph human summary of a report.
 *
 * @example
 * ```ts
 * import { formatReport } from '@pix2pix-ts/datasets';
 * formatReport({ pairs: 400, loaded: 400, skipped: [], converted: {} }); // '400 of 400 pairs loaded; nothing skipped'
 * ```
 */
export const formatReport = (r: LoadReport): string => {
  const conv = Object.entries(r.converted).map(([from, n]) => `${n} ${from}`);
  const parts = [
    `${r.loaded} of ${r.pairs} pairs loaded`,
    r.skipped.length === 0
      ? 'nothing skipped'
      : `skipped ${r.skipped.length} bad pair${r.skipped.length > 1 ? 's' : ''}:\n${r.skipped.map((s) => `  - ${s.message}`).join('\n')}`,
    ...(conv.length > 0 ? [`converted to RGB: ${conv.join(', ')}`] : []),
  ];
  return parts.join('; ');
};
