import type * as TE from 'fp-ts/TaskEither';
import type { Batch } from '@pix2pix-ts/datasets';
import type { StepMetrics, TrainState } from '@pix2pix-ts/pix2pix';
import type { CliError } from '../cli/cli-error';

/**
 * Where a run's training state lives and how one step advances it. The training loop sees only this, so the
 * state can live in this process (tfjs on wasm or cpu: `localTrainer`) or in a headless browser page (WebGL:
 * `webglRunTrainer`); data loading, progress, checkpoints and the report stay the same.
 */
export interface Trainer {
  /** Optimisation steps done so far. */
  readonly step: () => number;
  /**
   * One optimisation step on a loader batch (A and B, NHWC float32 in [-1, 1]) at `epoch` (1-based; it decides
   * the learning rate): the step's losses.
   */
  readonly train: (batch: Batch, epoch: number) => TE.TaskEither<CliError, StepMetrics>;
  /**
   * Whether the state's weights and norm statistics are all finite, checked after every step. Optional: a trainer
   * that cannot check cheaply (the webgl page) leaves it out, and the losses (checked every step) and the save
   * (which refuses a non-finite state) catch a divergence there.
   */
  readonly weightsFinite?: () => TE.TaskEither<CliError, boolean>;
  /**
   * The state now, as tensors in this process (checkpoints, sample sheets). Borrowed: valid until the next
   * `train`, `finish` or `close`; the caller must not dispose it.
   */
  readonly snapshot: () => TE.TaskEither<CliError, TrainState>;
  /** Ends training: frees what runs it (a browser) and hands the final state over; the caller owns it. */
  readonly finish: () => TE.TaskEither<CliError, TrainState>;
  /** Frees everything (the state unless `finish` handed it over, a browser); safe to call more than once. */
  readonly close: () => TE.TaskEither<CliError, void>;
}
