import type { Loader } from '@pix2pix-ts/datasets';
import { must } from '../cli/must';
import { dOverpowers, ema } from './d-dominance';
import { divergence } from './divergence';
import { recordStep, type LossHistory } from './loss-history';
import type { ProgressReporter } from './progress-reporter';
import { isSaveEpoch, positionOf } from './schedule';
import type { Trainer } from './trainer';

/** Why the loop stopped (`failed`: a step diverged, see {@link LoopResult.failure}). */
export type LoopOutcome = 'complete' | 'interrupted' | 'time-limit' | 'failed';

/** What the training loop needs: the trainer, the data, the clock, the signal, and what to do at save points. */
export interface LoopInput {
  /** Holds the state to continue from (its `step()` says where) and runs the steps: in Node or in a browser. */
  readonly trainer: Trainer;
  readonly history: LossHistory;
  readonly loader: Loader;
  readonly totalSteps: number;
  readonly totalEpochs: number;
  readonly saveEpochFreq: number;
  readonly l1Only: boolean;
  readonly progress: ProgressReporter;
  /** Aborted by SIGINT or SIGTERM: the loop stops after the current step. */
  readonly signal: AbortSignal;
  /** Milliseconds, monotonic. */
  readonly now: () => number;
  /** Stop when this much training time (ms, all segments together) has passed; `undefined`: no limit. */
  readonly timeLimitMs: number | undefined;
  /** Training seconds of earlier segments (resumed runs): for the time limit and ETA. */
  readonly earlierSeconds: number;
  /** Called at the end of every save epoch (checkpoints, samples, report: from `trainer.snapshot()`). */
  readonly onSavePoint: (epoch: number, history: LossHistory, segment: SegmentSoFar) => Promise<void>;
}

/** This segment's counters so far (for save points: the report's timing while training runs). */
export interface SegmentSoFar {
  readonly fromStep: number;
  readonly seconds: number;
  readonly dataSeconds: number;
  readonly dWarningSteps: number;
}

/** What the loop returns: the history, counters, and why it stopped (the state is the trainer's). */
export interface LoopResult {
  readonly history: LossHistory;
  readonly outcome: LoopOutcome;
  readonly fromStep: number;
  readonly seconds: number;
  readonly dataSeconds: number;
  readonly dWarningSteps: number;
  /**
   * With outcome `failed`: the step that diverged (1-based) and why. The trainer's state is then that step's
   * non-finite one: it must not be saved (the last checkpoint stays the newest good state).
   */
  readonly failure?: { readonly step: number; readonly reason: string };
}

/**
 * The training loop, the only place training touches the world: it pulls batches from the loader (resuming at
 * the trainer's step: the first `step mod batchesPerEpoch` batches of the epoch are placeholders and dropped),
 * hands each to the trainer (a step in Node, or in a browser page), records the loss history, reports progress,
 * and stops at the end, on SIGINT or SIGTERM (after the current step), at the time limit, or at the first step
 * whose losses or weights are not finite (recorded in the history, NaN included, then `failed`). Save points run
 * between steps. A step that throws is thrown as a `Stop` with its error.
 */
export async function trainLoop(input: LoopInput): Promise<LoopResult> {
  const B = input.loader.batchesPerEpoch;
  const trainer = input.trainer;
  let history = input.history;
  const fromStep = trainer.step();
  const start = input.now();
  let dataMs = 0;
  let dWarningSteps = 0;
  let smoothed: { G_GAN: number; G_L1: number; D_real: number; D_fake: number; D: number } | undefined;
  let rate: number | undefined;
  let lastStepAt = start;
  let outcome: LoopOutcome = 'complete';
  let pausedMs = 0;
  let failure: LoopResult['failure'];

  if (fromStep >= input.totalSteps) return { history, outcome, fromStep, seconds: 0, dataSeconds: 0, dWarningSteps };
  const { epochIndex, batchInEpoch } = positionOf(fromStep, B);
  let toSkip = batchInEpoch;
  const batches = input.loader.batches(epochIndex);
  try {
    for (;;) {
      // Prefetched batches resolve as microtasks, which never let Node run its signal handlers: give the event
      // loop one turn per step (microseconds), so Ctrl-C stops the loop after the current step.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (input.signal.aborted) {
        outcome = 'interrupted';
        break;
      }
      const t0 = input.now();
      const next = await batches.next();
      dataMs += input.now() - t0;
      if (next.done === true) break;
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      const s = trainer.step();
      const epoch = positionOf(s, B).epochIndex + 1;
      const m = await must(trainer.train(next.value, epoch));
      const done = trainer.step();
      const finite = trainer.weightsFinite === undefined ? true : await must(trainer.weightsFinite());
      const diverged = divergence(m, finite, done, epoch);
      if (diverged !== undefined) {
        history = recordStep(history, s, m, false);
        failure = { step: done, reason: diverged };
        outcome = 'failed';
        break;
      }

      const alpha = 0.05;
      const lossD = 0.5 * (m.D_real + m.D_fake);
      smoothed =
        smoothed === undefined
          ? { G_GAN: m.G_GAN, G_L1: m.G_L1, D_real: m.D_real, D_fake: m.D_fake, D: lossD }
          : {
              G_GAN: ema(smoothed.G_GAN, m.G_GAN, alpha),
              G_L1: ema(smoothed.G_L1, m.G_L1, alpha),
              D_real: ema(smoothed.D_real, m.D_real, alpha),
              D_fake: ema(smoothed.D_fake, m.D_fake, alpha),
              D: ema(smoothed.D, lossD, alpha),
            };
      const warn = dOverpowers(smoothed.D, input.l1Only);
      if (warn) dWarningSteps++;
      history = recordStep(history, s, m, warn);
      const t1 = input.now();
      const dt = Math.max(1e-3, t1 - lastStepAt);
      lastStepAt = t1;
      // The first steps compile kernels: start the rate after them.
      if (done - fromStep > 2) rate = ema(rate, 1000 / dt, 0.03);
      const elapsedSec = (t1 - start - pausedMs) / 1000;
      input.progress.update({
        step: done,
        totalSteps: input.totalSteps,
        epoch,
        totalEpochs: input.totalEpochs,
        losses: smoothed,
        lossD: smoothed.D,
        lr: m.lr,
        itPerSec: rate,
        elapsedSec: elapsedSec + input.earlierSeconds,
        etaSec: rate === undefined ? undefined : (input.totalSteps - done) / rate,
        dWarning: warn,
        l1Only: input.l1Only,
      });

      const endOfEpoch = done % B === 0;
      if (endOfEpoch && isSaveEpoch(epoch, input.saveEpochFreq, input.totalEpochs)) {
        const paused = input.now();
        await input.onSavePoint(epoch, history, { fromStep, seconds: (paused - start - pausedMs) / 1000, dataSeconds: dataMs / 1000, dWarningSteps });
        // Save points are not training time: shift the clocks past them.
        const spent = input.now() - paused;
        lastStepAt += spent;
        pausedMs += spent;
      }
      if (done >= input.totalSteps) break;
      if (input.timeLimitMs !== undefined && input.now() - start - pausedMs + input.earlierSeconds * 1000 >= input.timeLimitMs) {
        outcome = 'time-limit';
        break;
      }
    }
  } finally {
    await batches.return(undefined);
  }
  input.progress.finish();
  const seconds = (input.now() - start - pausedMs) / 1000;
  return { history, outcome, fromStep, seconds, dataSeconds: dataMs / 1000, dWarningSteps, ...(failure === undefined ? {} : { failure }) };
}
