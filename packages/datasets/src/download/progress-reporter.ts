import type { ProgressMode } from '../config/source-options';
import { formatProgress, type DownloadProgress } from './progress-format';

/**
 * Something that shows progress (a bar, lines, or nothing).
 *
 * @example
 * ```ts
 * import type { ProgressSink } from '@pix2pix-ts/datasets/node';
 * const log: ProgressSink = (p) => console.log(p.received);
 * ```
 */
export type ProgressSink = (p: DownloadProgress) => void;

/**
 * A progress display on a stream (default stderr): with `bar` (what `auto` picks on a TTY) one line redrawn in
 * place at most 10 times a second; with `lines` (what `auto` picks otherwise: logs, CI) a plain line at every 10%
 * (every 10 MB when the size is unknown); `none` shows nothing.
 *
 * @example
 * ```ts
 * import { progressReporter } from '@pix2pix-ts/datasets/node';
 * const show = progressReporter('auto');
 * show({ label: 'facades.tar.gz', received: 0, total: 30e6, rate: 0, done: false });
 * ```
 */
export const progressReporter = (
  mode: ProgressMode,
  stream: { readonly isTTY?: boolean; write(s: string): unknown } = process.stderr,
): ProgressSink => {
  const kind = mode === 'auto' ? (stream.isTTY === true ? 'bar' : 'lines') : mode;
  if (kind === 'none') return () => {};
  if (kind === 'bar') {
    let last = 0;
    return (p) => {
      const now = Date.now();
      if (!p.done && now - last < 100) return;
      last = now;
      stream.write(`\r${formatProgress(p)}\u001b[K${p.done ? '\n' : ''}`);
    };
  }
  let lastStep = -1;
  return (p) => {
    const step = p.total !== undefined && p.total > 0 ? Math.floor((10 * p.received) / p.total) : Math.floor(p.received / 10e6);
    if (step === lastStep && !p.done) return;
    lastStep = step;
    stream.write(`${formatProgress(p)}${p.done ? ' done' : ''}\n`);
  };
};
