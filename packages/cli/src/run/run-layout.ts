/** Joins path segments with `/` (browser-safe; Node accepts `/` on every platform). */
const join = (...parts: string[]): string => parts.join('/').replace(/\/{2,}/g, '/');

/**
 * The files of a run folder (`runs/<name>-<timestamp>/`): everything a run writes is under it.
 *
 * ```
 * config.json            the configuration (io-ts RunConfig)
 * run.json               status, backend, timing, save points
 * history.json           loss curves (bucketed)
 * checkpoints/init/      step 0: the untrained networks (the ablation's baseline)
 * checkpoints/latest/    the full training state, for --resume
 * checkpoints/epoch-NNN/ the generator alone at every save point
 * samples/epoch-NNN.png  input | generated | target of the fixed eval images at every save point
 * metrics.json           test-set L1 / PSNR / SSIM of the final and the untrained generator
 * report.html            the report (opens from disk)
 * ```
 */
export interface RunLayout {
  readonly dir: string;
  readonly config: string;
  readonly run: string;
  readonly history: string;
  readonly checkpoints: string;
  readonly init: string;
  readonly latest: string;
  readonly samples: string;
  readonly metrics: string;
  readonly report: string;
  /** `checkpoints/epoch-NNN`. */
  readonly epochCheckpoint: (epoch: number) => string;
  /** `samples/epoch-NNN.png`, relative to the run folder (as the report links it). */
  readonly sampleSheet: (epoch: number) => string;
}

const pad = (n: number): string => String(n).padStart(3, '0');

/**
 * The layout of the run folder `dir`.
 *
 * @example
 * ```ts
 * import { runLayout } from '@pix2pix-ts/cli';
 * runLayout('runs/facades-20250101-120000').latest; // 'runs/facades-20250101-120000/checkpoints/latest'
 * ```
 */
export function runLayout(dir: string): RunLayout {
  return {
    dir,
    config: join(dir, 'config.json'),
    run: join(dir, 'run.json'),
    history: join(dir, 'history.json'),
    checkpoints: join(dir, 'checkpoints'),
    init: join(dir, 'checkpoints', 'init'),
    latest: join(dir, 'checkpoints', 'latest'),
    samples: join(dir, 'samples'),
    metrics: join(dir, 'metrics.json'),
    report: join(dir, 'report.html'),
    epochCheckpoint: (epoch) => join(dir, 'checkpoints', `epoch-${pad(epoch)}`),
    sampleSheet: (epoch) => `samples/epoch-${pad(epoch)}.png`,
  };
}

/**
 * The folder name of a new run: `<name>-YYYYMMDD-HHMMSS` (local time).
 *
 * @example
 * ```ts
 * import { runFolderName } from '@pix2pix-ts/cli';
 * runFolderName('facades', new Date(2025, 0, 2, 3, 4, 5)); // 'facades-20250102-030405'
 * ```
 */
export function runFolderName(name: string, now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${name}-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}
