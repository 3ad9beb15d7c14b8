import type { LossName } from './loss-history';

/** What the progress display shows after a step. */
export interface ProgressSnapshot {
  /** Steps done so far (the run's global step). */
  readonly step: number;
  readonly totalSteps: number;
  /** The current epoch, 1-based. */
  readonly epoch: number;
  readonly totalEpochs: number;
  /** Smoothed losses. */
  readonly losses: Readonly<Record<LossName, number>>;
  /** Smoothed `loss_D = 0.5·(D_real + D_fake)`. */
  readonly lossD: number;
  readonly lr: number;
  /** Recent throughput; undefined until measured. */
  readonly itPerSec: number | undefined;
  readonly elapsedSec: number;
  readonly etaSec: number | undefined;
  /** D overpowers G (see `dOverpowers`). */
  readonly dWarning: boolean;
  /** The L1-only objective: no GAN or D losses to show. */
  readonly l1Only: boolean;
}

/**
 * A duration as `12s`, `4m05s` or `1h02m`.
 *
 * @example
 * ```ts
 * import { formatDuration } from '@pix2pix-ts/cli';
 * formatDuration(245); // '4m05s'
 * ```
 */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '--';
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** A loss with 3 significant digits (`0.812`, `12.3`). */
export const formatLoss = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(3));

const WARNING = '⚠ D overpowers G';

const lossText = (s: ProgressSnapshot, sep: string): string =>
  s.l1Only
    ? `G_L1${sep}${formatLoss(s.losses.G_L1)}`
    : (['G_GAN', 'G_L1', 'D_real', 'D_fake'] as const).map((k) => `${k}${sep}${formatLoss(s.losses[k])}`).join(' ');

/**
 * The one-line progress bar drawn on a terminal: bar, step, epoch, smoothed losses, it/s, ETA, and a warning sign
 * when D overpowers G. Fits `columns` (the bar shrinks first).
 *
 * @example
 * ```ts
 * import { formatProgressBar } from '@pix2pix-ts/cli';
 * // formatProgressBar(snapshot, 120) === '[█████░░░░░] 1200/3600 ep 3/9 │ G_GAN 0.812 G_L1 12.3 D_real 0.523 D_fake 0.491 │ 5.8 it/s ETA 6m50s'
 * ```
 */
export function formatProgressBar(s: ProgressSnapshot, columns: number): string {
  const frac = s.totalSteps === 0 ? 1 : Math.min(1, s.step / s.totalSteps);
  const rest = [
    `${s.step}/${s.totalSteps} ep ${s.epoch}/${s.totalEpochs}`,
    lossText(s, ' '),
    `${s.itPerSec === undefined ? '--' : s.itPerSec.toFixed(1)} it/s ETA ${s.etaSec === undefined ? '--' : formatDuration(s.etaSec)}`,
  ].join(' │ ');
  const warn = s.dWarning ? ` ${WARNING}` : '';
  const width = Math.max(5, Math.min(30, columns - rest.length - warn.length - 4));
  const filled = Math.round(frac * width);
  const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${rest}${warn}`;
  return line.length > columns ? `${line.slice(0, Math.max(0, columns - 1))}…` : line;
}

/**
 * The plain log line written every `print_freq` steps when stdout is not a terminal (CI logs).
 *
 * @example
 * ```ts
 * import { formatLogLine } from '@pix2pix-ts/cli';
 * // 'step 1200/3600 epoch 3/9 G_GAN=0.812 G_L1=12.3 D_real=0.523 D_fake=0.491 lr=2.00e-4 5.83 it/s elapsed 3m26s eta 6m50s'
 * ```
 */
export function formatLogLine(s: ProgressSnapshot): string {
  const parts = [
    `step ${s.step}/${s.totalSteps}`,
    `epoch ${s.epoch}/${s.totalEpochs}`,
    lossText(s, '='),
    `lr=${s.lr.toExponential(2)}`,
    `${s.itPerSec === undefined ? '--' : s.itPerSec.toFixed(2)} it/s`,
    `elapsed ${formatDuration(s.elapsedSec)}`,
    `eta ${s.etaSec === undefined ? '--' : formatDuration(s.etaSec)}`,
  ];
  if (s.dWarning) parts.push(`${WARNING} (loss_D ${formatLoss(s.lossD)})`);
  return parts.join(' ');
}
