import { rm } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { basename, join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { DatasetLoadError, type PairSource, type Sample } from '@pix2pix-ts/datasets/node';
import { buildNets, disposeState, initialisedNets, objectiveOf, type Pix2PixNets, type TrainState } from '@pix2pix-ts/pix2pix';
import { makeFolder } from '@pix2pix-ts/pix2pix/node';
import { inputError, internalError, messageOf, usageError, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import { must, Stop } from '../cli/must';
import type { BackendInfo } from '@pix2pix-ts/backends';
import { describeBackend, startBackend } from '../cli/start-backend';
import type { TrainOptions } from '../config/build-config';
import { fitProblem, memoryLimitOf } from '../config/fit-check';
import { totalEpochs, type RunConfig } from '../config/run-config';
import { evalSamples, spreadIndices } from '../data/eval-samples';
import { photoModeOf } from '../data/photo-mode';
import { formatDataFaults } from '../data/data-faults';
import { dataFaultsNow, openRunData, type RunData } from '../data/run-data';
import { trainLoader } from '../data/train-loader';
import { evaluateSplit } from '../eval/evaluate-split';
import { formatMetricsTable } from '../eval/format-metrics';
import { formatRealismTable } from '../eval/format-realism';
import type { SplitMetrics } from '../eval/image-metrics';
import { encodePng } from '../image/png';
import { writeReportFile } from '../report/write-report';
import { SHEET_GAP, sampleSheet } from '../report/sample-sheet';
import { freshState, loadRunCheckpoint, saveGenerator, saveState } from '../run/checkpoint-io';
import { runBackend } from '../run/run-backend';
import { loadResumePoint } from '../run/resume-point';
import { writeFileTE, writeJson } from '../run/json-file';
import { prepareRun, type PreparedRun } from '../run/prepare-run';
import { initFromOfficial } from '../run/init-from-official';
import type { RunInfo } from '../run/run-info';
import type { RunLayout } from '../run/run-layout';
import { emptyHistory, historyBefore, LossHistory } from '../train/loss-history';
import { formatDuration } from '../train/progress-format';
import { createProgressReporter } from '../train/progress-reporter';
import { positionOf, totalSteps } from '../train/schedule';
import { localTrainer } from '../train/local-trainer';
import { trainLoop, type LoopResult, type SegmentSoFar } from '../train/train-loop';
import type { Trainer } from '../train/trainer';
import { startWebgl, type StartedWebgl } from '../webgl/start-webgl';
import { webglRunTrainer } from '../webgl/webgl-run-trainer';

/** What a finished `train` reports back (the run folder and its test metrics). */
export interface TrainSummary {
  readonly runDir: string;
  readonly final: SplitMetrics;
  readonly init: SplitMetrics | null;
  readonly itPerSec: number;
  readonly trainSeconds: number;
}

const writeReport = (layout: RunLayout, config: RunConfig, info: RunInfo, history: LossHistory, backend: string, env: CliEnv, columns: number, cell: number) =>
  writeReportFile(layout, { config, info, history, backend, runName: basename(layout.dir), generatedAt: env.date().toISOString().replace('T', ' ').slice(0, 19), sheet: { columns, cell, gap: SHEET_GAP } });

/**
 * `pix2pix train`: the whole run, effects at this edge only. Prepares the run folder (or reads it back with
 * `--resume`), starts the backend, saves the untrained networks (`checkpoints/init`), trains with progress and
 * save points (checkpoint, sample sheet, report), stops cleanly on SIGINT (saving `checkpoints/latest`: resume
 * continues exactly there), then evaluates the trained and the untrained generator on the test split and writes
 * `metrics.json` and `report.html`. With `--backend webgl` the steps run in headless Chromium (see
 * `webglRunTrainer`); everything else, samples and evaluation included, runs here on wasm from the page's
 * state, and the files are the same as a Node run's.
 */
export function trainCommand(options: TrainOptions, env: CliEnv): TE.TaskEither<CliError, TrainSummary> {
  return TE.tryCatch(
    () => runTrain(options, env),
    (e) => (e instanceof Stop ? e.error : inputError(messageOf(e))),
  );
}

async function runTrain(options: TrainOptions, env: CliEnv): Promise<TrainSummary> {
  const prepared = await must(prepareRun(options, env.date()));
  // The run folder first: an unwritable --runs_dir is a clear error before any data is read.
  await must(TE.tryCatch(() => makeFolder(prepared.layout.dir), (e) => inputError(`--runs_dir: ${messageOf(e)}`)));
  const backend = runBackend(options.backend, prepared.resumed?.info);
  const backendName = backend.name;
  if (prepared.resumed !== undefined) env.stdout.write(`backend: ${backendName} (${backend.why})\n`);
  // WebGL exists only in the browser: the steps run there, and this process keeps wasm for everything else.
  // A backend that cannot start leaves nothing behind: a new run's folder, still empty, is removed again.
  const started = await startBackends(backendName, options)();
  if (E.isLeft(started)) {
    if (prepared.resumed === undefined) await rm(prepared.layout.dir, { recursive: true, force: true });
    throw new Stop(started.left);
  }
  const { nodeBackend, webgl } = started.right;
  try {
    return await trainRun(prepared, backendName, describeBackend(nodeBackend), webgl, env, options.strict_data === true, options.init_from);
  } finally {
    // Idempotent: normally the trainer has closed the session already.
    if (webgl !== undefined) await webgl.session.close()();
  }
}

/** The backend of this process (wasm under a webgl run) and, for webgl, the page that runs the steps. */
interface StartedBackends {
  readonly nodeBackend: BackendInfo;
  readonly webgl: StartedWebgl | undefined;
}

function startBackends(backendName: 'cpu' | 'wasm' | 'webgl' | 'webgpu', options: TrainOptions): TE.TaskEither<CliError, StartedBackends> {
  const inPage = backendName === 'webgl' || backendName === 'webgpu' ? backendName : undefined;
  return pipe(
    startBackend(inPage === undefined ? backendName : 'wasm', options.wasm_kernels, options.threads),
    TE.flatMap((nodeBackend): TE.TaskEither<CliError, StartedBackends> =>
      inPage !== undefined ? pipe(startWebgl(options.chromium, inPage), TE.map((webgl) => ({ nodeBackend, webgl }))) : TE.right({ nodeBackend, webgl: undefined }),
    ),
  );
}

async function trainRun(
  prepared: PreparedRun,
  backendName: 'cpu' | 'wasm' | 'webgl' | 'webgpu',
  nodeBackend: string,
  webgl: StartedWebgl | undefined,
  env: CliEnv,
  strictData: boolean,
  initFrom: string | undefined,
): Promise<TrainSummary> {
  const say = (s: string): void => env.stdout.write(`${s}\n`);
  const { config, layout } = prepared;
  if (webgl === undefined) say(`pix2pix train · backend: ${nodeBackend}`);
  else {
    say(`pix2pix train · backend: ${backendName} (${webgl.session.setup.backend.renderer ?? 'unknown renderer'}) in headless Chromium (${webgl.chromium})`);
    say(`  training steps on ${backendName} in the page; data, checkpoints, samples and eval in Node on ${nodeBackend} (from the page's checkpoint artifacts)`);
  }
  say(`${prepared.resumed === undefined ? 'run' : 'resuming run'}: ${layout.dir}`);

  const data = await must(openRunData(config.data, strictData, say));
  const { trainSource, evalSource } = data;
  const pairs = Math.min(trainSource.entries.length, config.data.maxDatasetSize ?? Number.MAX_SAFE_INTEGER);
  // Before any compute: a batch, a discriminator or a step the data or the machine cannot hold is a usage error.
  const fit = fitProblem(config, { pairs, memory: memoryLimitOf(backendName, totalmem()) });
  if (fit !== undefined) throw new Stop(usageError(fit));
  const B = Math.ceil(pairs / config.data.batchSize);
  const epochs = totalEpochs(config);
  const total = totalSteps(epochs, B);
  const nets = buildNets(config.model);
  const sampleIdx = spreadIndices(evalSource.entries.length, config.run.numSamples);
  const samples = await must(evalSamples(evalSource, config.data.cropSize, sampleIdx));

  let state: TrainState;
  let info: RunInfo;
  let history: LossHistory;
  const nowIso = (): string => env.date().toISOString();
  if (prepared.resumed === undefined) {
    state = freshState(config, initialisedNets(config.model, nets));
    if (initFrom !== undefined) state = await must(initFromOfficial(initFrom, config, state, say));
    history = emptyHistory();
    info = {
      format: 'pix2pix-ts/run',
      status: 'running',
      startedAt: nowIso(),
      updatedAt: nowIso(),
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
      sampleIds: samples.map((s) => s.id),
      backend: backendName,
    };
    await must(writeJson(layout.config, config));
    await must(saveState(layout.init, state, config));
    await must(writeJson(layout.run, info));
  } else {
    const loaded = await must(loadResumePoint(layout, config));
    for (const p of loaded.cleanup.removed) say(`removed the leftover of an interrupted save: ${p}`);
    for (const p of loaded.cleanup.restored) say(`restored a checkpoint an interrupted save left under a temporary name: ${p}`);
    say(loaded.from === undefined ? 'no checkpoint was saved yet: starting from the untrained state (the seed rebuilds it exactly)' : `continuing from ${loaded.from}`);
    state = loaded.state;
    const { failure: _failed, ...before } = prepared.resumed.info;
    info = { ...before, status: 'running', updatedAt: nowIso(), backend: backendName };
    // Steps after the checkpoint (a failed or killed run recorded them) are trained again.
    history = historyBefore(prepared.resumed.history, state.step);
    if (state.step !== info.step) say(`note: run.json says step ${info.step}, the checkpoint step ${state.step}; continuing from the checkpoint`);
    if (loaded.from === undefined) await must(saveState(layout.init, state, config));
    if (prepared.resumed.config.objective.lr !== config.objective.lr) {
      say(`learning rate: ${config.objective.lr} (was ${prepared.resumed.config.objective.lr})`);
      await must(writeJson(layout.config, config));
    }
  }
  // From here the trainer owns the state (in Node, or in the page); it is closed whatever happens.
  const made = webgl === undefined ? E.right(localTrainer(nets, objectiveOf(config.objective), state)) : await webglRunTrainer(webgl.session, config, state)();
  if (E.isLeft(made)) {
    disposeState(state);
    throw new Stop(made.left);
  }
  const trainer = made.right;
  try {
    return await trainWith(trainer, { prepared, backendName, nets, pairs, B, epochs, total, info, history, samples, trainSource, evalSource, data }, env);
  } finally {
    await trainer.close()();
  }
}

/** What {@link trainWith} continues from: the run, its sizes, its records so far, its data sources. */
interface RunSoFar {
  readonly prepared: PreparedRun;
  readonly backendName: 'cpu' | 'wasm' | 'webgl' | 'webgpu';
  readonly nets: Pix2PixNets;
  readonly pairs: number;
  readonly B: number;
  readonly epochs: number;
  readonly total: number;
  readonly info: RunInfo;
  readonly history: LossHistory;
  readonly samples: readonly Sample[];
  readonly trainSource: PairSource;
  readonly evalSource: PairSource;
  /** The header pass's findings and `--strict_data`. */
  readonly data: RunData;
}

async function trainWith(trainer: Trainer, run: RunSoFar, env: CliEnv): Promise<TrainSummary> {
  const say = (s: string): void => env.stdout.write(`${s}\n`);
  const nowIso = (): string => env.date().toISOString();
  const { prepared, backendName, nets, pairs, B, epochs, total, samples, trainSource, evalSource } = run;
  const { config, layout } = prepared;
  let { info, history } = run;
  const { epochIndex, batchInEpoch } = positionOf(trainer.step(), B);
  say(
    `${config.data.mode === 'synthetic' ? 'synthetic facades' : trainSource.name}: ${pairs} pairs, ${B} iterations per epoch, ${epochs} epochs, ${total} iterations` +
      (trainer.step() > 0 ? ` (continuing at iteration ${trainer.step()}: epoch ${epochIndex + 1}, batch ${batchInEpoch + 1})` : ''),
  );
  say(
    `model: ${config.model.netG} ngf ${config.model.ngf} + ${config.objective.ganMode === 'none' ? 'no D (L1 only)' : `${config.model.netD} D (n_layers ${config.model.nLayersD}) ndf ${config.model.ndf}`}, ${config.data.cropSize}x${config.data.cropSize}, batch ${config.data.batchSize}, lr ${config.objective.lr} (${config.objective.lrPolicy}: ${config.objective.nEpochs} + ${config.objective.nEpochsDecay} epochs)`,
  );

  const loader = await must(trainLoader(trainSource, config.data, config.run.seed, batchInEpoch, run.data.strict));
  if (loader.batchesPerEpoch !== B) throw new Stop(inputError(`internal: loader has ${loader.batchesPerEpoch} batches per epoch, expected ${B}`));
  const progress = createProgressReporter(env.stdout, config.run.printFreq, config.run.displayFreq, env.now);
  const cell = config.data.cropSize;

  const baseSegments = info.segments;
  const baseWarnings = info.dWarningSteps;
  const baseFaults = info.dataFaults;
  const withSegment = (i: RunInfo, g: SegmentSoFar, toStep: number): RunInfo => ({
    ...i,
    step: toStep,
    updatedAt: nowIso(),
    dWarningSteps: baseWarnings + g.dWarningSteps,
    segments: [...baseSegments, { backend: backendName, fromStep: g.fromStep, toStep, seconds: g.seconds, dataSeconds: g.dataSeconds }],
    dataFaults: dataFaultsNow(run.data, baseFaults, loader.report()),
  });
  // In this order, so a crash anywhere leaves files a resume can use: the epoch's generator and sheet (rewritten
  // identically if the epoch is trained again), the history (trimmed to the checkpoint on resume), then the
  // full state (the resume point), then run.json and the report.
  let savedStep = trainer.step();
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
    await must(writeReport(layout, config, info, h, backendName, env, samples.length, cell));
    progress.message(`saved epoch ${epoch} (iteration ${s.step}): ${layout.epochCheckpoint(epoch)}, ${sheet}`);
  };

  const earlier = baseSegments.reduce((x, g) => x + g.seconds, 0);
  let result: LoopResult;
  try {
    result = await trainLoop({
      trainer,
      history,
      loader,
      totalSteps: total,
      totalEpochs: epochs,
      saveEpochFreq: config.run.saveEpochFreq,
      l1Only: config.objective.ganMode === 'none',
      progress,
      signal: env.signal,
      now: env.now,
      timeLimitMs: config.run.timeLimitMinutes === null ? undefined : config.run.timeLimitMinutes * 60_000,
      earlierSeconds: earlier,
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
  } finally {
    await loader.close();
  }
  history = result.history;
  const steps = trainer.step();
  const segment: SegmentSoFar = { fromStep: result.fromStep, seconds: result.seconds, dataSeconds: result.dataSeconds, dWarningSteps: result.dWarningSteps };
  info = withSegment(info, segment, steps);
  const segmentRate = result.seconds > 0 ? (steps - result.fromStep) / result.seconds : 0;
  say(`trained ${steps - result.fromStep} iterations in ${formatDuration(result.seconds)} (${segmentRate.toFixed(2)} it/s on ${backendName})`);
  for (const line of formatDataFaults(info.dataFaults)) say(line);

  if (result.outcome === 'failed') {
    // The diverged state is not saved: the newest checkpoint stays the last good one.
    const failure = result.failure ?? { step: steps, reason: `iteration ${steps}: diverged` };
    info = { ...info, status: 'failed', failure };
    await must(writeJson(layout.run, info));
    await must(writeJson(layout.history, LossHistory.encode(history)));
    await must(writeReport(layout, config, info, history, backendName, env, samples.length, cell));
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
    await must(writeReport(layout, config, info, history, backendName, env, samples.length, cell));
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
  const state = await must(trainer.finish());
  if (backendName === 'webgl' || backendName === 'webgpu') say(`Chromium closed; evaluating in Node from the final ${backendName} state`);

  const evalStart = env.now();
  say(`evaluating on ${config.data.evalPhase} (${Math.min(evalSource.entries.length, config.test.numTest ?? Number.MAX_SAFE_INTEGER)} images)…`);
  const final = await must(evaluateSplit({ generator: nets.generator, vars: state.g, source: evalSource, phase: config.data.evalPhase, size: cell, test: config.test, seed: config.run.seed, step: state.step, epoch: state.epoch, realism: {} }));
  const init = await evaluateInit(layout, nets, evalSource, config);
  const evalSeconds = (env.now() - evalStart) / 1000;
  info = { ...info, status: 'complete', updatedAt: nowIso(), evalSeconds, metrics: { final, init } };
  await must(writeJson(layout.metrics, { format: 'pix2pix-ts/metrics', final, init }));
  await must(writeJson(layout.run, info));
  await must(writeJson(layout.history, LossHistory.encode(history)));
  await must(writeReport(layout, config, info, history, backendName, env, samples.length, cell));
  disposeState(state);
  const totalsSec = info.segments.reduce((x, g) => x + g.seconds, 0);
  const totalsSteps = info.segments.reduce((x, g) => x + (g.toStep - g.fromStep), 0);
  say('');
  say(formatMetricsTable(init === null ? [['trained', final]] : [['trained', final], ['untrained (step 0)', init]]));
  say(formatRealismTable(init === null ? [['trained', final]] : [['trained', final], ['untrained (step 0)', init]]));
  say('');
  say(`report: ${layout.report}`);
  return { runDir: layout.dir, final, init, itPerSec: totalsSec > 0 ? totalsSteps / totalsSec : 0, trainSeconds: totalsSec };
}

async function evaluateInit(layout: RunLayout, nets: Pix2PixNets, evalSource: Parameters<typeof evaluateSplit>[0]['source'], config: RunConfig): Promise<SplitMetrics | null> {
  const loaded = await loadRunCheckpoint(layout.init)();
  if (loaded._tag === 'Left') return null;
  const s = loaded.right.state;
  const m = await evaluateSplit({ generator: nets.generator, vars: s.g, source: evalSource, phase: config.data.evalPhase, size: config.data.cropSize, test: config.test, seed: config.run.seed, step: s.step, epoch: s.epoch, realism: {} })();
  disposeState(s);
  return m._tag === 'Right' ? m.right : null;
}

