import { rm } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { basename, join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { DatasetLoadError, openNodeLoader, type PairSource } from '@pix2pix-ts/datasets/node';
import { buildNets, disposeState, initialisedNets, objectiveOf, type Pix2PixNets, type TrainState } from '@pix2pix-ts/pix2pix';
import { makeFolder } from '@pix2pix-ts/pix2pix/node';
import type { BackendInfo } from '@pix2pix-ts/backends';
import { inputError, internalError, messageOf, usageError, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import { must, Stop } from '../cli/must';
import { describeBackend, startBackend } from '../cli/start-backend';
import type { TrainOptions } from '../config/build-config';
import { fitProblem, memoryLimitOf } from '../config/fit-check';
import { totalEpochs, type RunConfig } from '../config/run-config';
import { formatDataFaults } from '../data/data-faults';
import { evalSamples, spreadIndices } from '../data/eval-samples';
import { photoModeOf } from '../data/photo-mode';
import { dataFaultsNow, openRunData } from '../data/run-data';
import { evaluateSplit } from '../eval/evaluate-split';
import { formatMetricsTable } from '../eval/format-metrics';
import { formatRealismTable } from '../eval/format-realism';
import type { SplitMetrics } from '../eval/image-metrics';
import { encodePng } from '../image/png';
import { SHEET_GAP, sampleSheet } from '../report/sample-sheet';
import { writeReportFile } from '../report/write-report';
import { freshState, loadStateOf, saveGenerator, saveState } from '../run/checkpoint-io';
import { initFromOfficial } from '../run/init-from-official';
import { writeFileTE, writeJson } from '../run/json-file';
import { prepareRun } from '../run/prepare-run';
import { loadResumePoint } from '../run/resume-point';
import { runBackend, type TrainBackend } from '../run/run-backend';
import type { RunInfo } from '../run/run-info';
import type { RunLayout } from '../run/run-layout';
import { dOverpowers, ema } from '../train/d-dominance';
import { divergence } from '../train/divergence';
import { localTrainer } from '../train/local-trainer';
import { emptyHistory, historyBefore, LossHistory, recordStep } from '../train/loss-history';
import { formatDuration } from '../train/progress-format';
import { createProgressReporter, type ProgressReporter } from '../train/progress-reporter';
import { isSaveEpoch, positionOf, totalSteps } from '../train/schedule';
import type { Trainer } from '../train/trainer';
import { startWebgl, type StartedWebgl } from '../webgl/start-webgl';
import { webglRunTrainer } from '../webgl/webgl-run-trainer';

/*
 * `pix2pix train`, the whole story in this file, top to bottom:
 *   1. the run: its configuration (built from the options, or read back with --resume) and its folder
 *   2. the backend (wasm/cpu here; webgl/webgpu: a headless Chromium page runs the steps)
 *   3. the data: both splits checked, the sizes of the run, the sample images
 *   4. the state: fresh (the seed), resumed (the newest checkpoint) or from an official checkpoint (--init_from)
 *   5. the trainer (owns the state from here) and the loader, started where the state is
 *   6. the loop (`trainSteps` below): step, progress, save points, SIGINT/SIGTERM, time limit, divergence
 *   7. the end: failed / interrupted (saved, resumable) / done: last save point, evaluation, report
 * Effects happen here only; what it calls is pure or does one thing.
 */

/** What a finished `train` reports back (the run folder and its test metrics). */
export interface TrainSummary {
  readonly runDir: string;
  readonly final: SplitMetrics;
  readonly init: SplitMetrics | null;
  readonly itPerSec: number;
  readonly trainSeconds: number;
}

/**
 * `pix2pix train`: the whole run, effects at this edge only. Prepares the run folder (or reads it back with
 * `--resume`), starts the backend, saves the untrained networks (`checkpoints/init`), trains with progress and
 * save points (checkpoint, sample sheet, report), stops cleanly on SIGINT (saving `checkpoints/latest`: resume
 * continues exactly there), then evaluates the trained and the untrained generator on the test split and writes
 * `metrics.json` and `report.html`. With `--backend webgl` or `webgpu` the steps run in headless Chromium (see
 * `webglRunTrainer`); everything else, samples and evaluation included, runs here on wasm from the page's
 * state, and the files are the same as a Node run's.
 */
export function trainCommand(options: TrainOptions, env: CliEnv): TE.TaskEither<CliError, TrainSummary> {
  return TE.tryCatch(
    () => train(options, env),
    (e) => (e instanceof Stop ? e.error : inputError(messageOf(e))),
  );
}

async function train(options: TrainOptions, env: CliEnv): Promise<TrainSummary> {
  const say = (s: string): void => env.stdout.write(`${s}\n`);
  const nowIso = (): string => env.date().toISOString();
  // Whatever is opened below is closed here, last opened first, however the run ends.
  const atExit: (() => Promise<unknown>)[] = [];
  try {
    // ── 1. The run ──────────────────────────────────────────────────────────────────────────────────────────
    // A new run's configuration is built once from the decoded options; a resumed run's config.json is decoded
    // once (a version 1 file migrated). The loader is opened from `config.data` as it is.
    const { config, layout, resumed } = await must(prepareRun(options, env.date()));
    // The folder first: an unwritable --runs_dir is a clear error before any data is read.
    await must(TE.tryCatch(() => makeFolder(layout.dir), (e) => inputError(`--runs_dir: ${messageOf(e)}`)));

    // ── 2. The backend ──────────────────────────────────────────────────────────────────────────────────────
    const backend = runBackend(options.backend, resumed?.info);
    const backendName = backend.name;
    if (resumed !== undefined) say(`backend: ${backendName} (${backend.why})`);
    const started = await startBackends(backendName, options)();
    if (E.isLeft(started)) {
      // A backend that cannot start leaves nothing behind: a new run's folder, still empty, is removed again.
      if (resumed === undefined) await rm(layout.dir, { recursive: true, force: true });
      throw new Stop(started.left);
    }
    const { nodeBackend, webgl } = started.right;
    if (webgl !== undefined) atExit.push(() => webgl.session.close()());
    if (webgl === undefined) say(`pix2pix train · backend: ${describeBackend(nodeBackend)}`);
    else {
      say(`pix2pix train · backend: ${backendName} (${webgl.session.setup.backend.renderer ?? 'unknown renderer'}) in headless Chromium (${webgl.chromium})`);
      say(`  training steps on ${backendName} in the page; data, checkpoints, samples and eval in Node on ${describeBackend(nodeBackend)} (from the page's checkpoint artifacts)`);
    }
    say(`${resumed === undefined ? 'run' : 'resuming run'}: ${layout.dir}`);

    // ── 3. The data ─────────────────────────────────────────────────────────────────────────────────────────
    const data = await must(openRunData(config.data, !config.data.skipBad, say));
    const { trainSource, evalSource } = data;
    const pairs = Math.min(trainSource.entries.length, config.data.maxDatasetSize ?? Number.MAX_SAFE_INTEGER);
    // Before any compute: a batch, a discriminator or a step the data or the machine cannot hold is a usage error.
    const fit = fitProblem(config, { pairs, memory: memoryLimitOf(backendName, totalmem()) });
    if (fit !== undefined) throw new Stop(usageError(fit));
    const B = Math.ceil(pairs / config.data.batchSize); // batches per epoch
    const epochs = totalEpochs(config);
    const total = totalSteps(epochs, B);
    const samples = await must(evalSamples(evalSource, config.data.cropSize, spreadIndices(evalSource.entries.length, config.run.numSamples)));
    const cell = config.data.cropSize;
    const report = (i: RunInfo, h: LossHistory) => writeReport(layout, config, i, h, backendName, env, samples.length, cell);

    // ── 4. The state: fresh, from an official checkpoint, or resumed ─────────────────────────────────────────
    const nets = buildNets(config.model);
    let state: TrainState;
    let info: RunInfo;
    let history: LossHistory;
    if (resumed === undefined) {
      state = freshState(config, initialisedNets(config.model, nets));
      if (options.init_from !== undefined) state = await must(initFromOfficial(options.init_from, config, state, say));
      history = emptyHistory();
      info = newRunInfo(nowIso(), total, B, pairs, samples.map((s) => s.id), backendName);
      await must(writeJson(layout.config, config));
      await must(saveState(layout.init, state, config));
      await must(writeJson(layout.run, info));
    } else {
      const loaded = await must(loadResumePoint(layout, config, nets));
      for (const p of loaded.cleanup.removed) say(`removed the leftover of an interrupted save: ${p}`);
      for (const p of loaded.cleanup.restored) say(`restored a checkpoint an interrupted save left under a temporary name: ${p}`);
      say(loaded.from === undefined ? 'no checkpoint was saved yet: starting from the untrained state (the seed rebuilds it exactly)' : `continuing from ${loaded.from}`);
      state = loaded.state;
      const { failure: _failed, ...before } = resumed.info;
      info = { ...before, status: 'running', updatedAt: nowIso(), backend: backendName };
      // Steps after the checkpoint (a failed or killed run recorded them) are trained again.
      history = historyBefore(resumed.history, state.step);
      if (state.step !== info.step) say(`note: run.json says step ${info.step}, the checkpoint step ${state.step}; continuing from the checkpoint`);
      if (loaded.from === undefined) await must(saveState(layout.init, state, config));
      if (resumed.config.objective.lr !== config.objective.lr) {
        say(`learning rate: ${config.objective.lr} (was ${resumed.config.objective.lr})`);
        await must(writeJson(layout.config, config));
      }
    }

    // ── 5. The trainer (it owns the state from here: in this process or in the page) and the loader ───────────
    const made = webgl === undefined ? E.right(localTrainer(nets, objectiveOf(config.objective), state)) : await webglRunTrainer(webgl.session, config, state)();
    if (E.isLeft(made)) {
      disposeState(state);
      throw new Stop(made.left);
    }
    const trainer = made.right;
    atExit.push(() => trainer.close()());
    const fromStep = trainer.step();
    const startAt = positionOf(fromStep, B);
    say(
      `${config.data.mode === 'synthetic' ? 'synthetic facades' : trainSource.name}: ${pairs} pairs, ${B} iterations per epoch, ${epochs} epochs, ${total} iterations` +
        (fromStep > 0 ? ` (continuing at iteration ${fromStep}: epoch ${startAt.epochIndex + 1}, batch ${startAt.batchInEpoch + 1})` : ''),
    );
    say(
      `model: ${config.model.netG} ngf ${config.model.ngf} + ${config.objective.ganMode === 'none' ? 'no D (L1 only)' : `${config.model.netD} D (n_layers ${config.model.nLayersD}) ndf ${config.model.ndf}`}, ${cell}x${cell}, batch ${config.data.batchSize}, lr ${config.objective.lr} (${config.objective.lrPolicy}: ${config.objective.nEpochs} + ${config.objective.nEpochsDecay} epochs)`,
    );
    // The loader streams from where the state is: batch `step mod B` of epoch `step div B` (the order is a
    // function of the seed and the epoch, so a resumed run sees exactly the batches an uninterrupted one would).
    const loader = openNodeLoader(trainSource, config.data);
    atExit.push(() => loader.close());
    if (loader.batchesPerEpoch !== B) throw new Stop(internalError(`loader has ${loader.batchesPerEpoch} batches per epoch, expected ${B}`));

    // ── 6. The loop ───────────────────────────────────────────────────────────────────────────────────────────
    const earlier = { segments: info.segments, dWarningSteps: info.dWarningSteps, dataFaults: info.dataFaults };
    const withSegment = (i: RunInfo, g: SegmentSoFar, toStep: number): RunInfo => ({
      ...i,
      step: toStep,
      updatedAt: nowIso(),
      dWarningSteps: earlier.dWarningSteps + g.dWarningSteps,
      segments: [...earlier.segments, { backend: backendName, fromStep: g.fromStep, toStep, seconds: g.seconds, dataSeconds: g.dataSeconds }],
      dataFaults: dataFaultsNow(data, earlier.dataFaults, loader.report()),
    });
    // A save point, in this order so a crash anywhere leaves files a resume can use: the epoch's generator and
    // sheet (rewritten identically if the epoch is trained again), the history (trimmed to the checkpoint on
    // resume), then the full state (the resume point), then run.json and the report.
    let savedStep = fromStep;
    const savePoint = async (epoch: number, h: LossHistory, g: SegmentSoFar): Promise<void> => {
      const s = await must(trainer.snapshot());
      await must(saveGenerator(layout.epochCheckpoint(epoch), s, config));
      const sheet = layout.sampleSheet(epoch);
      await must(writeFileTE(join(layout.dir, sheet), encodePng(sampleSheet(nets.generator, s.g, samples, config.test, config.run.seed, photoModeOf(config.data)?.name))));
      await must(writeJson(layout.history, LossHistory.encode(h)));
      await must(saveState(layout.latest, s, config));
      savedStep = s.step;
      info = { ...withSegment(info, g, s.step), savePoints: [...info.savePoints.filter((p) => p.epoch !== epoch), { epoch, step: s.step, sheet }] };
      await must(writeJson(layout.run, info));
      await must(report(info, h));
      progress.message(`saved epoch ${epoch} (iteration ${s.step}): ${layout.epochCheckpoint(epoch)}, ${sheet}`);
    };
    const progress = createProgressReporter(env.stdout, config.run.printFreq, config.run.displayFreq, env.now);
    let result: LoopResult;
    try {
      result = await trainSteps({
        trainer,
        history,
        batches: loader.batches({ epoch: startAt.epochIndex, batch: startAt.batchInEpoch }),
        batchesPerEpoch: B,
        totalSteps: total,
        totalEpochs: epochs,
        saveEpochFreq: config.run.saveEpochFreq,
        l1Only: config.objective.ganMode === 'none',
        progress,
        signal: env.signal,
        now: env.now,
        timeLimitMs: config.run.timeLimitMinutes === null ? undefined : config.run.timeLimitMinutes * 60_000,
        earlierSeconds: earlier.segments.reduce((x, g) => x + g.seconds, 0),
        onSavePoint: savePoint,
      });
    } catch (e) {
      if (!(e instanceof DatasetLoadError)) {
        // Any other failed step or save point: recorded as failed too (best effort: the error itself is what is
        // reported), and the run stays resumable from its newest checkpoint.
        if (e instanceof Stop && e.error._tag !== 'Interrupted') {
          info = { ...info, status: 'failed', updatedAt: nowIso(), failure: { step: trainer.step(), reason: e.error.message } };
          await writeJson(layout.run, info)();
        }
        throw e;
      }
      // Data that fails to load (a bad pair with --strict_data, or no usable pair in an epoch): failed, named, resumable.
      info = { ...info, status: 'failed', updatedAt: nowIso(), failure: { step: trainer.step() + 1, reason: e.message } };
      await must(writeJson(layout.run, info));
      throw new Stop(inputError(`${e.message} (the run can continue from its newest checkpoint: pix2pix train --resume ${layout.dir})`));
    }
    await loader.close();
    history = result.history;
    const steps = trainer.step();
    const segment: SegmentSoFar = { fromStep, seconds: result.seconds, dataSeconds: result.dataSeconds, dWarningSteps: result.dWarningSteps };
    info = withSegment(info, segment, steps);
    const segmentRate = result.seconds > 0 ? (steps - fromStep) / result.seconds : 0;
    say(`trained ${steps - fromStep} iterations in ${formatDuration(result.seconds)} (${segmentRate.toFixed(2)} it/s on ${backendName})`);
    for (const line of formatDataFaults(info.dataFaults)) say(line);

    // ── 7. The end ────────────────────────────────────────────────────────────────────────────────────────────
    if (result.outcome === 'failed') {
      // The diverged state is not saved: the newest checkpoint stays the last good one.
      const failure = result.failure ?? { step: steps, reason: `iteration ${steps}: diverged` };
      info = { ...info, status: 'failed', failure };
      await must(writeJson(layout.run, info));
      await must(writeJson(layout.history, LossHistory.encode(history)));
      await must(report(info, history));
      throw new Stop(
        internalError(
          `training diverged at ${failure.reason}. Stopped there; the newest checkpoint (step ${savedStep}) is untouched. ` +
            `Continue from it with a lower learning rate: pix2pix train --resume ${layout.dir} --lr ${(config.objective.lr / 10).toExponential(1)}`,
        ),
      );
    }
    if (result.outcome === 'interrupted') {
      await must(saveState(layout.latest, await must(trainer.snapshot()), config));
      info = { ...info, status: 'interrupted' };
      await must(writeJson(layout.run, info));
      await must(writeJson(layout.history, LossHistory.encode(history)));
      await must(report(info, history));
      throw new Stop({
        _tag: 'Interrupted',
        message: `interrupted at iteration ${steps} of ${total}: saved ${layout.latest}. Continue with: pix2pix train --resume ${layout.dir}`,
      });
    }
    // The end of training (or the time limit): a last save point if the last step was not one.
    const last = info.savePoints[info.savePoints.length - 1];
    if (last === undefined || last.step !== steps) await savePoint(positionOf(Math.max(0, steps - 1), B).epochIndex + 1, history, segment);
    if (result.outcome === 'time-limit') {
      info = { ...info, timeLimitHit: true };
      say(`⚠ time limit of ${config.run.timeLimitMinutes ?? 0} min reached at iteration ${steps} of ${total}: evaluating what was trained`);
    }
    // Training is over: the state comes to this process (a browser is closed here), evaluation runs in Node.
    const final = await must(trainer.finish());
    if (webgl !== undefined) say(`Chromium closed; evaluating in Node from the final ${backendName} state`);
    const evalStart = env.now();
    say(`evaluating on ${config.data.evalPhase} (${Math.min(evalSource.entries.length, config.test.numTest ?? Number.MAX_SAFE_INTEGER)} images)…`);
    const trained = await must(evaluateSplit({ generator: nets.generator, vars: final.g, source: evalSource, phase: config.data.evalPhase, size: cell, test: config.test, seed: config.run.seed, step: final.step, epoch: final.epoch, realism: {} }));
    disposeState(final);
    const untrained = await evaluateInit(layout, nets, evalSource, config);
    info = { ...info, status: 'complete', updatedAt: nowIso(), evalSeconds: (env.now() - evalStart) / 1000, metrics: { final: trained, init: untrained } };
    await must(writeJson(layout.metrics, { format: 'pix2pix-ts/metrics', final: trained, init: untrained }));
    await must(writeJson(layout.run, info));
    await must(writeJson(layout.history, LossHistory.encode(history)));
    await must(report(info, history));
    const rows: [string, SplitMetrics][] = untrained === null ? [['trained', trained]] : [['trained', trained], ['untrained (step 0)', untrained]];
    say('');
    say(formatMetricsTable(rows));
    say(formatRealismTable(rows));
    say('');
    say(`report: ${layout.report}`);
    const trainSeconds = info.segments.reduce((x, g) => x + g.seconds, 0);
    const trainedSteps = info.segments.reduce((x, g) => x + (g.toStep - g.fromStep), 0);
    return { runDir: layout.dir, final: trained, init: untrained, itPerSec: trainSeconds > 0 ? trainedSteps / trainSeconds : 0, trainSeconds };
  } finally {
    // Idempotent: the loader and the trainer are normally closed already, a page by `finish`.
    for (const close of atExit.reverse()) await close();
  }
}

/** Why the loop stopped (`failed`: a step diverged, see {@link LoopResult.failure}). */
export type LoopOutcome = 'complete' | 'interrupted' | 'time-limit' | 'failed';

/** What {@link trainSteps} needs: the trainer, the batches, the clock, the signal, and what to do at save points. */
export interface LoopInput {
  /** Holds the state to continue from (its `step()` says where) and runs the steps: in Node or in a browser. */
  readonly trainer: Trainer;
  readonly history: LossHistory;
  /** The loader's batches from the trainer's step on (`loader.batches(startAt)`). */
  readonly batches: AsyncGenerator<Parameters<Trainer['train']>[0], void, undefined>;
  readonly batchesPerEpoch: number;
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
 * Step 6 of the story: pulls batches, hands each to the trainer (a step in Node, or in a browser page), records
 * the loss history, reports progress, and stops at the end, on SIGINT or SIGTERM (after the current step), at
 * the time limit, or at the first step whose losses or weights are not finite (recorded in the history, NaN
 * included, then `failed`). Save points run between steps and are not training time. A step that throws is
 * thrown as a `Stop` with its error. The batches are closed when it returns.
 *
 * @example
 * ```ts
 * import { trainSteps } from '@pix2pix-ts/cli/node';
 * // const result = await trainSteps({ trainer, history, batches: loader.batches({ epoch: 0, batch: 0 }), batchesPerEpoch: 400, ... });
 * ```
 */
export async function trainSteps(input: LoopInput): Promise<LoopResult> {
  const B = input.batchesPerEpoch;
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
  try {
    if (fromStep >= input.totalSteps) return { history, outcome, seconds: 0, dataSeconds: 0, dWarningSteps };
    for (;;) {
      // Prefetched batches resolve as microtasks, which never let Node run its signal handlers: give the event
      // loop one turn per step (microseconds), so Ctrl-C stops the loop after the current step.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (input.signal.aborted) {
        outcome = 'interrupted';
        break;
      }
      const t0 = input.now();
      const next = await input.batches.next();
      dataMs += input.now() - t0;
      if (next.done === true) break;
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

      if (done % B === 0 && isSaveEpoch(epoch, input.saveEpochFreq, input.totalEpochs)) {
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
    await input.batches.return(undefined);
  }
  input.progress.finish();
  const seconds = (input.now() - start - pausedMs) / 1000;
  return { history, outcome, seconds, dataSeconds: dataMs / 1000, dWarningSteps, ...(failure === undefined ? {} : { failure }) };
}

/** The records of a new run: nothing trained yet. */
const newRunInfo = (now: string, total: number, B: number, pairs: number, sampleIds: string[], backend: TrainBackend): RunInfo => ({
  format: 'pix2pix-ts/run',
  status: 'running',
  startedAt: now,
  updatedAt: now,
  step: 0,
  totalSteps: total,
  batchesPerEpoch: B,
  trainPairs: pairs,
  segments: [],
  savePoints: [],
  dWarningSteps: 0,
  timeLimitHit: false,
  evalSeconds: 0,
  metrics: null,
  sampleIds,
  backend,
});

const writeReport = (layout: RunLayout, config: RunConfig, info: RunInfo, history: LossHistory, backend: string, env: CliEnv, columns: number, cell: number) =>
  writeReportFile(layout, { config, info, history, backend, runName: basename(layout.dir), generatedAt: env.date().toISOString().replace('T', ' ').slice(0, 19), sheet: { columns, cell, gap: SHEET_GAP } });

/** The backend of this process (wasm under a page run) and, for webgl/webgpu, the page that runs the steps. */
interface StartedBackends {
  readonly nodeBackend: BackendInfo;
  readonly webgl: StartedWebgl | undefined;
}

function startBackends(backendName: TrainBackend, options: TrainOptions): TE.TaskEither<CliError, StartedBackends> {
  const inPage = backendName === 'webgl' || backendName === 'webgpu' ? backendName : undefined;
  return pipe(
    startBackend(inPage === undefined ? backendName : 'wasm', options.wasm_kernels, options.threads),
    TE.flatMap((nodeBackend): TE.TaskEither<CliError, StartedBackends> =>
      inPage !== undefined ? pipe(startWebgl(options.chromium, inPage), TE.map((webgl) => ({ nodeBackend, webgl }))) : TE.right({ nodeBackend, webgl: undefined }),
    ),
  );
}

/** The untrained generator's metrics (`checkpoints/init`, read into the run's networks), or `null` when it cannot be read. */
async function evaluateInit(layout: RunLayout, nets: Pix2PixNets, evalSource: PairSource, config: RunConfig): Promise<SplitMetrics | null> {
  const loaded = await loadStateOf(layout.init, config, nets)();
  if (loaded._tag === 'Left') return null;
  const s = loaded.right.state;
  const m = await evaluateSplit({ generator: nets.generator, vars: s.g, source: evalSource, phase: config.data.evalPhase, size: config.data.cropSize, test: config.test, seed: config.run.seed, step: s.step, epoch: s.epoch, realism: {} })();
  disposeState(s);
  return m._tag === 'Right' ? m.right : null;
}
