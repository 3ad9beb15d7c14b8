/**
 * The state of a download, as progress callbacks receive it.
 *
 * @example
 * ```ts
 * import type { DownloadProgress } from '@pix2pix-ts/datasets';
 * const p: DownloadProgress = { label: 'facades.tar.gz', received: 1e6, total: 3e7, rate: 2e6, done: false };
 * ```
 */
export interface DownloadProgress {
  /** File name shown to the user. */
  readonly label: string;
  /** Bytes of the file present so far (resumed bytes included). */
  readonly received: number;
  /** Full size when the server said it. */
  readonly total: number | undefined;
  /** Bytes per second over this attempt. */
  readonly rate: number;
  readonly done: boolean;
}

const mb = (n: number): string => (n / 1e6).toFixed(1);

/**
 * One progress line: a bar when the total is known (`facades.tar.gz [=====>    ]  45%  13.2/29.0 MB  2.1 MB/s`),
 * bytes and rate otherwise. Pure.
 *
 * @example
 * ```ts
 * import { formatProgress } from '@pix2pix-ts/datasets';
 * formatProgress({ label: 'f.tar.gz', received: 5e6, total: 1e7, rate: 1e6, done: false }, 10);
 * // 'f.tar.gz [=====>    ]  50%  5.0/10.0 MB  1.0 MB/s'
 * ```
 */
export const formatProgress = (p: DownloadProgress, barWidth = 30): string => {
  const rate = `${mb(p.rate)} MB/s`;
  if (p.total === undefined || p.total <= 0) return `${p.label}  ${mb(p.received)} MB  ${rate}`;
  const frac = Math.min(1, p.received / p.total);
  const filled = Math.floor(frac * barWidth);
  const bar = filled >= barWidth ? '='.repeat(barWidth) : `${'='.repeat(filled)}>${' '.repeat(barWidth - filled - 1)}`;
  const pct = `${Math.floor(frac * 100)}%`.padStart(4);
  return `${p.label} [${bar}] ${pct}  ${mb(p.received)}/${mb(p.total)} MB  ${rate}`;
};
