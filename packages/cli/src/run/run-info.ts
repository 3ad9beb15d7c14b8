import * as t from 'io-ts';
import { DataFaults } from '../data/data-faults';
import { SplitMetrics } from '../eval/image-metrics';

/** One save point: the epoch and step it was taken at, and its sample sheet (relative to the run folder). */
export const SavePoint = t.type({ epoch: t.number, step: t.number, sheet: t.string });
/** See {@link SavePoint}. */
export type SavePoint = t.TypeOf<typeof SavePoint>;

/** One uninterrupted stretch of training (a run resumed twice has three). */
export const Segment = t.type({
  backend: t.string,
  fromStep: t.number,
  toStep: t.number,
  seconds: t.number,
  /** Seconds of those spent waiting for data (the loader could not keep up). */
  dataSeconds: t.number,
});
/** See {@link Segment}. */
export type Segment = t.TypeOf<typeof Segment>;

/**
 * The state of a run: `running`, `interrupted` (Ctrl-C or SIGTERM, resumable), `failed` (stopped by an error such
 * as a non-finite loss; resumable from its newest checkpoint), `complete`.
 */
export const RunStatus = t.keyof({ running: null, interrupted: null, failed: null, complete: null });
/** See {@link RunStatus}. */
export type RunStatus = t.TypeOf<typeof RunStatus>;

/** Why a run stopped with status `failed`: the step (1-based iteration) and one line of reason. */
export const RunFailure = t.type({ step: t.number, reason: t.string });
/** See {@link RunFailure}. */
export type RunFailure = t.TypeOf<typeof RunFailure>;

/**
 * `run.json`: what happened in a run, for the report and for resuming. Decoded with io-ts when read back.
 * `backend` (the backend of the last start, kept on `--resume`), `failure` and `dataFaults` (the bad pairs left out)
 * are absent from older runs.
 */
export const RunInfo = t.intersection([
  t.type({
    format: t.literal('pix2pix-ts/run'),
    status: RunStatus,
    startedAt: t.string,
    updatedAt: t.string,
    step: t.number,
    totalSteps: t.number,
    batchesPerEpoch: t.number,
    trainPairs: t.number,
    segments: t.array(Segment),
    savePoints: t.array(SavePoint),
    /** Steps at which the smoothed loss_D was below the warning threshold. */
    dWarningSteps: t.number,
    /** Training stopped at `--time_limit` before the planned steps. */
    timeLimitHit: t.boolean,
    /** Wall seconds of the final evaluation and report (0 until done). */
    evalSeconds: t.number,
    metrics: t.union([t.null, t.type({ final: SplitMetrics, init: t.union([SplitMetrics, t.null]) })]),
    /** Image ids of the report's fixed samples. */
    sampleIds: t.array(t.string),
  }),
  t.partial({ backend: t.string, failure: RunFailure, dataFaults: DataFaults }),
]);
/** See {@link RunInfo}. */
export type RunInfo = t.TypeOf<typeof RunInfo>;

/** Total training seconds and steps over every segment, and the resulting it/s. */
export function trainingTotals(info: RunInfo): { readonly seconds: number; readonly steps: number; readonly itPerSec: number; readonly dataSeconds: number } {
  const seconds = info.segments.reduce((s, g) => s + g.seconds, 0);
  const steps = info.segments.reduce((s, g) => s + (g.toStep - g.fromStep), 0);
  const dataSeconds = info.segments.reduce((s, g) => s + g.dataSeconds, 0);
  return { seconds, steps, itPerSec: seconds > 0 ? steps / seconds : 0, dataSeconds };
}
