import { BACKEND_CHOICES } from '../config/net-names';
import type { RunInfo } from './run-info';

/** A backend the steps of a run can run on. */
export type TrainBackend = (typeof BACKEND_CHOICES)[number];

const isTrainBackend = (s: string | undefined): s is TrainBackend => BACKEND_CHOICES.some((b) => b === s);

/**
 * The backend a `train` runs on, and why: `--backend` when given; when resuming without it, the run's own (the
 * `backend` of `run.json`, or for an older run its last segment's), so a resumed run continues exactly as it
 * started; otherwise wasm. Pure.
 *
 * @example
 * ```ts
 * import { runBackend } from '@pix2pix-ts/cli';
 * runBackend(undefined, undefined); // { name: 'wasm', why: 'the default' }
 * ```
 */
export function runBackend(option: TrainBackend | undefined, resumed: RunInfo | undefined): { readonly name: TrainBackend; readonly why: string } {
  if (option !== undefined) return { name: option, why: '--backend' };
  if (resumed !== undefined) {
    const recorded = resumed.backend ?? resumed.segments[resumed.segments.length - 1]?.backend;
    if (isTrainBackend(recorded)) return { name: recorded, why: "the run's own, from run.json; --backend to change" };
  }
  return { name: 'wasm', why: 'the default' };
}
