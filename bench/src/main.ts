/**
 * `npm run bench`: the benchmark suite (issue 7). Prints a progress line per measurement, then the
 * tables, and writes the JSON (default `bench/results/latest.json`). Options: `npm run bench -- --help`.
 * @packageDocumentation
 */
import * as E from 'fp-ts/Either';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, skipReason, unavailableFails, USAGE, type BenchOptions } from './args';
import { configById, inPage, timedSteps, warmupSteps, type BackendName } from './configs';
import { measureDataLoading, type DataLoadingResult } from './data-loading';
import { markdownTables, mergeDocuments, peakEntry, progressLine, resultRow, type BenchDocument, type MachineInfo, type PeakEntry, type ResultRow, type Skipped, type TorchSection } from './report';
import { openRunner } from './runners';
import { summarize } from './stats';
import { DEFAULT_PYTHON, measureTorch, probeTorch, type TorchAvailability, type TorchRow } from './torch-peer';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string): void => console.log(line);
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function machine(loadAvgStart: readonly number[]): MachineInfo {
  const flags = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    logicalCpus: cpus().length,
    avx512: /\bavx512f\b/.test(flags),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAvgStart,
    loadAvgEnd: loadavg(),
  };
}

async function run(o: BenchOptions, argv: readonly string[]): Promise<number> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const loadStart = loadavg();
  let failures = 0;
  log(`pix2pix-ts bench, ${o.mode} mode: configs ${o.configs.join(',')}, backends ${o.backends.join(',')}, ${o.runs} runs after ${o.warmup} warm-up`);
  log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${loadStart.map((x) => x.toFixed(2)).join(' ')}`);

  const dataLoading: DataLoadingResult[] = [];
  if (o.data) {
    for (const id of o.configs) {
      try {
        const d = await measureDataLoading(configById(id), 2, o.dataRuns);
        dataLoading.push(d);
        const s = summarize(d.timing.samples);
        log(`data ${id}: ${s.median.toFixed(2)} ms/pair (${s.min.toFixed(2)}–${s.max.toFixed(2)}) over ${s.runs}, ${d.source}`);
      } catch (e) {
        failures++;
        log(`data ${id}: FAILED: ${message(e)}`);
      }
    }
  }

  // The yardstick: PyTorch's step per configuration, measured right after ours on wasm (same window).
  const torchAt: TorchAvailability = o.torch
    ? await probeTorch(process.env['PIX2PIX_PYTHON'] ?? DEFAULT_PYTHON, process.env)()
    : { available: false, reason: '--no-torch' };
  log(torchAt.available ? `PyTorch: ${torchAt.python}, official_nets.py in ${torchAt.nets}, threads ${o.torchThreads.join(',')}` : `PyTorch rows skipped: ${torchAt.reason}`);
  const torchRows: TorchRow[] = [];
  const torchDone = new Set<string>();
  const measureTorchRows = async (config: (typeof o.configs)[number]): Promise<void> => {
    if (!torchAt.available || torchDone.has(config)) return;
    torchDone.add(config);
    for (const threads of o.torchThreads) {
      const tag = `PyTorch ${configById(config).label}, ${threads} thread(s)`;
      const t = performance.now();
      const r = await measureTorch(torchAt, configById(config), threads, warmupSteps(configById(config), o.warmup, false), timedSteps(configById(config), o.runs, false))();
      if (E.isLeft(r)) {
        failures++;
        log(`${tag}: FAILED: ${r.left.message}`);
        continue;
      }
      torchRows.push(r.right);
      const s = r.right.step;
      log(`${tag}: step ${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)}) ms over ${s.runs} (first ${r.right.firstStepMs.toFixed(1)}) (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    }
  };

  const skipped: Skipped[] = [];
  const peaks: PeakEntry[] = [];
  const results: ResultRow[] = [];
  const runners: { backend: BackendName; details: string }[] = [];
  const plan = o.backends.flatMap((backend) => o.configs.filter((c) => skipReason(o, backend, c) === undefined).map((config) => ({ backend, config })));
  // wasm is measured at every thread count of --threads (ours and the peer at each); the others as they are.
  const threadPlan = (backend: BackendName): { readonly impl: (typeof o.impls)[number]; readonly threads: number | undefined }[] =>
    backend === 'wasm' ? o.threads.flatMap((threads) => o.impls.map((impl) => ({ impl, threads }))) : o.impls.map((impl) => ({ impl, threads: undefined }));
  const total = plan.reduce((n, p) => n + threadPlan(p.backend).length, 0);
  let done = 0;
  for (const backend of o.backends) {
    for (const config of o.configs) {
      const reason = skipReason(o, backend, config);
      if (reason !== undefined) skipped.push({ backend, config, impl: 'both', reason });
    }
    const configs = plan.filter((p) => p.backend === backend).map((p) => p.config);
    if (configs.length === 0) continue;
    log(`${backend}: starting…`);
    const opened = await openRunner(backend)();
    if (E.isLeft(opened)) {
      log(`${backend}: unavailable here: ${opened.left.message}`);
      if (unavailableFails(backend, process.env['CI'] === 'true')) failures++;
      for (const config of configs) skipped.push({ backend, config, impl: 'both', reason: `unavailable: ${opened.left.message.split('\n')[0] ?? ''}` });
      done += configs.length * threadPlan(backend).length;
      continue;
    }
    const runner = opened.right;
    runners.push({ backend, details: runner.details });
    log(`${backend}: ${runner.details}`);
    let peak = peakEntry(backend, null);
    if (o.peakN > 0) {
      const p = await runner.peak(o.peakN, 3)();
      if (E.isLeft(p)) log(`${backend}: peak matmul failed: ${p.left.message}`);
      else {
        peak = peakEntry(backend, p.right);
        log(`${backend}: matmul ${o.peakN}x${o.peakN}: ${p.right.gflops.toFixed(2)} GFLOP/s (best of 3, ${p.right.bestMs.toFixed(1)} ms)`);
      }
    }
    peaks.push(peak);
    for (const config of configs) {
      for (const { impl, threads } of threadPlan(backend)) {
        done++;
        const tag = `[${done}/${total}] ${backend}${threads === undefined ? '' : ` ×${threads} thread(s)`} ${configById(config).label}, ${impl}`;
        const runs = timedSteps(configById(config), o.runs, inPage(backend));
        const warmup = warmupSteps(configById(config), o.warmup, inPage(backend));
        log(`${tag}: measuring (${warmup} warm-up + ${runs} steps, ${o.forwardRuns} forwards)…`);
        const t = performance.now();
        const r = await runner.measure({ config, impl, warmup, runs, forwardRuns: o.forwardRuns, ...(threads === undefined ? {} : { threads }) })();
        if (E.isLeft(r)) {
          failures++;
          skipped.push({ backend, config, impl, reason: `failed: ${r.left.message.split('\n')[0] ?? ''}` });
          log(`${tag}: FAILED: ${r.left.message}`);
          continue;
        }
        const row = resultRow(r.right, peaks);
        results.push(row);
        log(`${tag}: ${progressLine(row)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
      }
      if (backend === 'wasm') await measureTorchRows(config);
    }
    const closed = await runner.close()();
    if (E.isLeft(closed)) log(`${backend}: close failed: ${closed.left.message}`);
  }

  for (const config of o.configs) await measureTorchRows(config);
  const torch: TorchSection = { rows: torchRows, unavailable: torchAt.available ? null : torchAt.reason };

  const wallSeconds = (performance.now() - t0) / 1000;
  const fresh: BenchDocument = {
    schema: 'pix2pix-ts-bench/1',
    mode: o.mode,
    chunks: [{ args: argv, startedAt, wallSeconds }],
    machine: machine(loadStart),
    runners,
    flopRule: (await import('./flops')).FLOP_RULE,
    peaks,
    results,
    dataLoading,
    skipped,
    torch,
  };
  const outPath = resolve(packageDir, o.out);
  const doc = o.merge && existsSync(outPath) ? mergeDocuments(JSON.parse(readFileSync(outPath, 'utf8')) as BenchDocument, fresh) : fresh;
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify(doc, null, 2)}\n`);
  log(`\n${markdownTables(doc)}\n`);
  log(`wrote ${outPath}; ${wallSeconds.toFixed(1)} s${failures > 0 ? `; ${failures} failure(s)` : ''}`);
  return failures > 0 ? 1 : 0;
}

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  log(USAGE);
} else {
  const parsed = parseArgs(argv);
  if (E.isLeft(parsed)) {
    console.error(parsed.left);
    process.exitCode = 2;
  } else if (parsed.right.tableOf !== undefined) {
    // Our own output format, written by this program (the --table input is a results file).
    const doc = JSON.parse(readFileSync(resolve(packageDir, parsed.right.tableOf), 'utf8')) as BenchDocument;
    log(markdownTables(doc));
  } else {
    process.exitCode = await run(parsed.right, argv);
  }
}
