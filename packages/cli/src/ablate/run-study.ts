import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { relative } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { inputError, messageOf, usageError, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import { must, Stop } from '../cli/must';
import { startBackend } from '../cli/start-backend';
import { segmenterForEval } from '../eval/eval-segmenter';
import type { TrainedSegmenter } from '../eval/segmenter';
import { pngDataUri } from '../report/embed-sheets';
import { readJson, writeFileTE, writeJson } from '../run/json-file';
import { runLayout } from '../run/run-layout';
import { formatDuration } from '../train/progress-format';
import { ablationTables, type AblationTable } from './ablation-table';
import { formatStat } from './comparisons';
import { evaluateVariant } from './evaluate-variant';
import { planStudy, type PlannedRun, type StudyPlan, type StudySetup } from './plan-study';
import { prefixedOutput } from './prefixed-output';
import { renderAblationReport } from './render-ablation-report';
import { StudyRecord, studyMismatch } from './study-record';
import { studyLayout, type StudyLayout } from './study-layout';
import { readRunFolders, runStates } from './study-runs';
import { trainVariant, type StudyRuntime } from './train-variant';
import { VariantEval } from './variant-eval';

/** A study to run: what (setup), where (`out`), how (runtime), and how many test images the report shows. */
export interface StudyRequest {
  readonly setup: Omit<StudySetup, 'runsDir'>;
  readonly out: string;
  readonly runtime: StudyRuntime;
  readonly samples: number;
  /** Print the plan and what is done, train nothing. */
  readonly dryRun: boolean;
  /**
   * Train nothing: evaluate the finished runs and rewrite the report. It does not touch `study.json` or any run
   * folder, so it may run beside the process still training the study.
   */
  readonly reportOnly: boolean;
  /** The FCN-score's segmenter budget, or `null`: no FCN-score. */
  readonly fcn: { readonly steps: number } | null;
}

/** What a study run leaves: its folder, report, tables, and how many of its runs are evaluated. */
export interface StudySummary {
  readonly dir: string;
  readonly report: string;
  readonly tables: readonly AblationTable[];
  readonly evaluated: number;
  readonly planned: number;
  readonly failed: readonly string[];
}

/** The load average as the report and the log give it: `1.92 / 2.10 / 2.31` (1, 5, 15 minutes). */
const loadNow = (): string => loadavg().map((x) => x.toFixed(2)).join(' / ');

/** A variant's cached evaluation, when it measured the run's final step (with the FCN-score of this segmenter, when there is one). */
async function cachedEval(layout: StudyLayout, runName: string, step: number, fcnSteps: number | undefined): Promise<VariantEval | undefined> {
  if (!existsSync(layout.evalOf(runName))) return undefined;
  const e = await readJson(layout.evalOf(runName), VariantEval)();
  return e._tag === 'Right' && e.right.step === step && e.right.fcnSteps === fcnSteps ? e.right : undefined;
}

async function readImages(layout: StudyLayout, plan: StudyPlan): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const files: Array<[string, string]> = [['input', layout.inputRow], ['target', layout.targetRow], ...plan.runs.map((r): [string, string] => [r.runName, layout.samplesOf(r.runName)])];
  for (const [key, path] of files) {
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes !== undefined) out[key] = pngDataUri(bytes);
  }
  return out;
}

/**
 * Runs a study (effects at this edge): plans it, checks a study folder already there was planned the same way
 * (`study.json`), then for each planned run in order: passes over a finished one, resumes a stopped one from its
 * checkpoint, trains a new one (each through `pix2pix train`, its lines prefixed `[k/N run]`), evaluates it on
 * the test split (cached in `evals/`), and rewrites `report.html` and `ablation.json`, so the report is current
 * after every variant. Ctrl-C stops after saving the variant in training; the same command resumes. A run that
 * fails (diverges) is reported and the study goes on with the next.
 */
export function runStudy(req: StudyRequest, env: CliEnv): TE.TaskEither<CliError, StudySummary> {
  return TE.tryCatch(
    () => study(req, env),
    (e) => (e instanceof Stop ? e.error : inputError(messageOf(e))),
  );
}

async function study(req: StudyRequest, env: CliEnv): Promise<StudySummary> {
  const say = (s: string): void => env.stdout.write(`${s}\n`);
  const start = env.now();
  const layout = studyLayout(req.out);
  const setup: StudySetup = { ...req.setup, runsDir: layout.runs };
  const plan = planStudy(setup);
  const wanted: StudyRecord = {
    format: 'pix2pix-ts/ablation-study',
    study: setup.study,
    budget: setup.budget,
    dataroot: setup.dataroot,
    direction: setup.direction,
    startedAt: env.date().toISOString(),
  };
  let record = wanted;
  if (existsSync(layout.study)) {
    const onDisk = await must(readJson(layout.study, StudyRecord));
    const mismatch = studyMismatch(onDisk, wanted);
    if (mismatch !== undefined) throw new Stop(usageError(`--out ${req.out}: a study is there that cannot be resumed with these options: ${mismatch} (use another --out)`));
    record = onDisk;
  }
  const earlierWall = record.wallSeconds ?? 0;
  const b = setup.budget;
  say(`pix2pix ablate · study ${setup.study} · ${setup.dataroot ?? 'synthetic facades'} · ${layout.dir}`);
  say(`budget: preset ${b.preset}, ${b.nEpochs} + ${b.nEpochsDecay} epochs, seeds ${b.firstSeed}… (${b.seeds} per variant, ${b.baselineSeeds} for the baseline)`);
  say(`plan: ${plan.runs.length} runs: ${plan.runs.map((r) => r.runName).join(', ')}`);
  for (const a of plan.aliases) say(`  ${a.variant.label}: the same network as ${a.sameAsLabel} at this size, trained once`);
  for (const s of plan.skipped) say(`  ${s.variant.label}: skipped, ${s.reason}`);

  const found = await must(readRunFolders(layout.runs));
  const states = runStates(plan.runs, found);
  if ('error' in states) throw new Stop(usageError(states.error));
  const label = (s: { readonly kind: string }): string => s.kind;
  for (const r of plan.runs) say(`  ${r.runName}: ${label(states.states.get(r.runName) ?? { kind: 'new' })}`);
  if (req.dryRun) return { dir: layout.dir, report: layout.report, tables: ablationTables(setup.study, plan, []), evaluated: 0, planned: plan.runs.length, failed: [] };

  if (!req.reportOnly) await must(writeJson(layout.study, record));
  await must(startBackend(req.runtime.backend, req.runtime.wasmKernels));
  const evals: VariantEval[] = [];
  const failed: string[] = [];
  const runDirs: Record<string, string> = {};
  const wall = (): number => earlierWall + (env.now() - start) / 1000;
  // The FCN-score's segmenter: trained (or read from the cache) once, at the first evaluation, for every variant.
  let segmenter: TrainedSegmenter | undefined;
  let segmenterAsked = false;
  const segmenterFor = async (run: PlannedRun): Promise<TrainedSegmenter | undefined> => {
    if (req.fcn === null || segmenterAsked) return segmenter;
    segmenterAsked = true;
    segmenter = await must(segmenterForEval({ data: run.config.data, size: run.config.data.cropSize, seed: b.firstSeed, steps: req.fcn.steps, say: (line) => say(`[FCN-score] ${line}`) }));
    return segmenter;
  };

  const writeOutputs = async (): Promise<readonly AblationTable[]> => {
    const tables = ablationTables(setup.study, plan, evals);
    const runReports = Object.fromEntries(Object.entries(runDirs).map(([name, dir]) => [name, relative(layout.dir, runLayout(dir).report)]));
    const html = renderAblationReport({
      study: setup.study,
      budget: b,
      data: setup.dataroot ?? 'synthetic facades',
      plan,
      tables,
      evals,
      images: await readImages(layout, plan),
      runReports,
      generatedAt: env.date().toISOString().replace('T', ' ').slice(0, 19),
      wallSeconds: wall(),
      load: loadNow(),
    });
    await must(writeFileTE(layout.report, html));
    await must(writeJson(layout.table, { format: 'pix2pix-ts/ablation-table', study: setup.study, budget: b, evaluated: evals.length, planned: plan.runs.length, failed, wallSeconds: wall(), tables: tablesJson(tables) }));
    if (!req.reportOnly) await must(writeJson(layout.study, { ...record, wallSeconds: wall() }));
    return tables;
  };

  for (const [k, run] of plan.runs.entries()) {
    if (env.signal.aborted) break;
    const prefix = `[${k + 1}/${plan.runs.length} ${run.runName}] `;
    const state = states.states.get(run.runName) ?? { kind: 'new' as const };
    if (req.reportOnly && state.kind !== 'complete') {
      say(`${prefix}not finished: left out (--report_only)`);
      continue;
    }
    say(`${prefix}${run.variant.label}, seed ${run.seed}: ${state.kind === 'complete' ? `trained (${state.dir})` : state.kind === 'partial' ? `resuming ${state.dir} at step ${state.step} of ${state.totalSteps}` : 'training'}`);
    const trained = await trainVariant(run, state, req.runtime, { ...env, stdout: prefixedOutput(env.stdout, prefix) })();
    if (trained._tag === 'Left') {
      if (trained.left._tag === 'Interrupted') {
        await writeOutputs();
        throw new Stop({ _tag: 'Interrupted', message: `study interrupted in ${run.runName} (saved). Continue with the same command: finished variants are not trained again. Report so far: ${layout.report}` });
      }
      say(`${prefix}⚠ failed: ${trained.left.message}; going on with the next variant`);
      failed.push(run.runName);
      continue;
    }
    runDirs[run.runName] = trained.right.dir;
    const seg = await segmenterFor(run);
    const cached = await cachedEval(layout, run.runName, trained.right.info.step, seg?.settings.steps);
    const e = cached ?? (await must(evaluateVariant(run, trained.right.dir, trained.right.info, layout, req.samples, seg)));
    evals.push(e);
    const fcn = e.fcn === undefined ? '' : `, FCN px acc ${(e.fcn.generated.pixelAccuracy ?? Number.NaN).toFixed(3)} (real ${(e.fcn.real.pixelAccuracy ?? Number.NaN).toFixed(3)})`;
    say(`${prefix}${cached === undefined ? 'evaluated' : 'evaluation cached'}: L1 ${e.l1.toFixed(4)}, PSNR ${e.psnr.toFixed(2)} dB, SSIM ${e.ssim.toFixed(4)}, Lab hist. ∩ ${e.intersection.l.toFixed(3)}/${e.intersection.a.toFixed(3)}/${e.intersection.b.toFixed(3)}${fcn} (${e.images} test images) · study ${formatDuration(wall())}`);
    await writeOutputs();
  }
  const tables = await writeOutputs();
  segmenter?.dispose();
  say('');
  for (const line of formatTables(tables)) say(line);
  say('');
  say(`${evals.length} of ${plan.runs.length} runs evaluated in ${formatDuration(wall())} (load ${loadNow()})`);
  say(`report: ${layout.report}`);
  if (env.signal.aborted) throw new Stop({ _tag: 'Interrupted', message: `study interrupted. Continue with the same command. Report so far: ${layout.report}` });
  return { dir: layout.dir, report: layout.report, tables, evaluated: evals.length, planned: plan.runs.length, failed };
}

/** The tables as plain data for `ablation.json`. */
const tablesJson = (tables: readonly AblationTable[]): unknown =>
  tables.map((t) => ({ study: t.study, rows: t.rows.map((r) => ({ variant: r.variant.id, label: r.label, status: r.status, note: r.note, metrics: r.metrics, paper: r.paper })) }));

/** The tables as text lines for the log. Pure. */
export function formatTables(tables: readonly AblationTable[]): string[] {
  const lines: string[] = [];
  for (const t of tables) {
    lines.push(`${t.study}:`);
    lines.push(`  ${'variant'.padEnd(28)} ${'L1'.padStart(15)} ${'PSNR'.padStart(13)} ${'SSIM'.padStart(15)}  Lab hist. ∩ L/a/b  (FCN px/class acc/IoU)`);
    for (const r of t.rows) {
      const m = r.metrics;
      lines.push(
        m === undefined
          ? `  ${r.label.padEnd(28)} ${r.status}${r.note === undefined ? '' : `: ${r.note}`}`
          : `  ${r.label.padEnd(28)} ${formatStat(m.l1).padStart(15)} ${formatStat(m.psnr, 2).padStart(13)} ${formatStat(m.ssim).padStart(15)}  ${m.histL.mean.toFixed(3)}/${m.histA.mean.toFixed(3)}/${m.histB.mean.toFixed(3)}${m.fcn === undefined ? '' : `  FCN ${m.fcn.pixelAcc.mean.toFixed(3)}/${m.fcn.classAcc.mean.toFixed(3)}/${m.fcn.iou.mean.toFixed(3)}`}`,
      );
    }
  }
  return lines;
}

