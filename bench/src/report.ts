/**
 * The results document (JSON) and its tables (markdown, printed and pasted into the README).
 * @packageDocumentation
 */
import { CONFIGS, configById, type BackendName, type ConfigId, type ImplName } from './configs';
import { configFlops, FLOP_RULE } from './flops';
import type { DataLoadingResult } from './data-loading';
import { gflops } from './stats';
import type { TorchRow } from './torch-peer';
import type { MeasureResult, PeakResult } from './wire';

/** wasm's peak as the issue states it: single-thread 128-bit SIMD on this machine class. */
export const WASM_ASSUMED_PEAK_GFLOPS = 30;

/** The machine, as the report describes it. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly logicalCpus: number;
  readonly avx512: boolean;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly loadAvgStart: readonly number[];
  readonly loadAvgEnd: readonly number[];
}

/** A backend's peak and where it comes from. */
export interface PeakEntry {
  readonly backend: BackendName;
  readonly matmul: PeakResult | null;
  /** The peak the "% of peak" columns divide by. */
  readonly peakGflops: number | null;
  readonly basis: string;
}

/** One measurement with its FLOP rates. */
export interface ResultRow extends MeasureResult {
  readonly stepGflop: number;
  readonly forwardGflop: number;
  readonly stepGflops: number;
  readonly forwardGflops: number;
  readonly stepPeakFraction: number | null;
  readonly forwardPeakFraction: number | null;
}

/** A measurement that was not made, and why. */
export interface Skipped {
  readonly backend: BackendName;
  readonly config: ConfigId;
  readonly impl: ImplName | 'both';
  readonly reason: string;
}

/** One invocation that contributed to the document. */
export interface Chunk {
  readonly args: readonly string[];
  readonly startedAt: string;
  readonly wallSeconds: number;
}

/** The JSON the suite writes. */
export interface BenchDocument {
  readonly schema: 'pix2pix-ts-bench/1';
  readonly mode: 'quick' | 'default' | 'full';
  readonly chunks: readonly Chunk[];
  readonly machine: MachineInfo;
  readonly runners: readonly { readonly backend: BackendName; readonly details: string }[];
  readonly flopRule: string;
  readonly peaks: readonly PeakEntry[];
  readonly results: readonly ResultRow[];
  readonly dataLoading: readonly DataLoadingResult[];
  readonly skipped: readonly Skipped[];
  /** The official implementation's step (PyTorch, CPU) measured in the same run; absent in older files. */
  readonly torch?: TorchSection;
}

/** The PyTorch rows of a run, or why there are none. */
export interface TorchSection {
  readonly rows: readonly TorchRow[];
  /** Why PyTorch was not measured (no torch, `--no-torch`); `null` when it was. */
  readonly unavailable: string | null;
}

/** One of our rows against the PyTorch rows of its configuration. */
export interface TorchComparison {
  readonly config: ConfigId;
  readonly backend: string;
  /** Threads our backend ran with (1 unless the row says otherwise). */
  readonly threads: number;
  readonly oursMs: number;
  /** Per PyTorch thread count: its median and ours / it (below 1: ours is faster). */
  readonly torch: readonly { readonly threads: number; readonly ms: number; readonly ratio: number }[];
}

/** The peak entry of a backend from its measured matmul (wasm: the stated assumption). */
export function peakEntry(backend: BackendName, matmul: PeakResult | null): PeakEntry {
  if (backend === 'wasm') {
    return { backend, matmul, peakGflops: WASM_ASSUMED_PEAK_GFLOPS, basis: 'assumed: single-thread 128-bit SIMD peak of this machine class (issue 7)' };
  }
  return {
    backend,
    matmul,
    peakGflops: matmul?.gflops ?? null,
    basis: matmul === null ? 'not measured' : `measured: best ${matmul.n}x${matmul.n} matmul on ${backend}`,
  };
}

/** Adds FLOP rates to a measurement. */
export function resultRow(m: MeasureResult, peaks: readonly PeakEntry[]): ResultRow {
  const flops = configFlops(configById(m.config));
  const peak = peaks.find((p) => p.backend === m.backend)?.peakGflops ?? null;
  const stepGflops = gflops(flops.trainStep, m.step.median);
  const forwardGflops = gflops(flops.generatorForward, m.forward.median);
  return {
    ...m,
    stepGflop: flops.trainStep / 1e9,
    forwardGflop: flops.generatorForward / 1e9,
    stepGflops,
    forwardGflops,
    stepPeakFraction: peak === null ? null : stepGflops / peak,
    forwardPeakFraction: peak === null ? null : forwardGflops / peak,
  };
}

/** Threads of a measurement (rows written before threads existed ran on one). */
export const rowThreads = (r: { readonly threads?: number }): number => r.threads ?? 1;

/**
 * Our training steps against PyTorch's, configuration by configuration: every `ours` row that has
 * PyTorch rows of the same configuration, with the ratio of medians for each PyTorch thread count.
 */
export function torchComparisons(doc: BenchDocument): TorchComparison[] {
  const torchRows = doc.torch?.rows ?? [];
  return doc.results
    .filter((r) => r.impl === 'ours' && torchRows.some((t) => t.config === r.config))
    .map((r) => ({
      config: r.config,
      backend: r.backend,
      threads: rowThreads(r),
      oursMs: r.step.median,
      torch: torchRows
        .filter((t) => t.config === r.config)
        .sort((x, y) => x.threads - y.threads)
        .map((t) => ({ threads: t.threads, ms: t.step.median, ratio: r.step.median / t.step.median })),
    }))
    .sort((x, y) => order(x.config) - order(y.config) || BACKEND_ORDER.indexOf(x.backend) - BACKEND_ORDER.indexOf(y.backend) || x.threads - y.threads);
}

/** "1.23x" for a ratio of medians. */
export const ratioText = (ratio: number): string => `${ratio.toFixed(2)}x`;

/** The "ours vs PyTorch" markdown table (or the line saying why there is none). */
export function torchTable(doc: BenchDocument): string {
  const section = doc.torch;
  if (section === undefined) return '';
  if (section.unavailable !== null) return `PyTorch rows skipped: ${section.unavailable}.`;
  const threadCounts = [...new Set(section.rows.map((t) => t.threads))].sort((x, y) => x - y);
  const lines: string[] = [];
  lines.push(
    `| config | ours: backend, threads | ours step ms | ${threadCounts.map((n) => `PyTorch ${n} thread${n === 1 ? '' : 's'} ms | ours vs PyTorch ${n}t`).join(' | ')} |`,
    `|---|---|---|${threadCounts.map(() => '---|---').join('|')}|`,
  );
  for (const c of torchComparisons(doc)) {
    const cells = threadCounts.map((n) => {
      const t = c.torch.find((x) => x.threads === n);
      return t === undefined ? '— | —' : `${ms(t.ms)} | ${ratioText(t.ratio)}`;
    });
    lines.push(`| ${configById(c.config).label} | ${c.backend}, ${c.threads} | ${ms(c.oursMs)} | ${cells.join(' | ')} |`);
  }
  const measuredOnly = section.rows.filter((t) => !doc.results.some((r) => r.impl === 'ours' && r.config === t.config));
  for (const t of measuredOnly) lines.push(`| ${configById(t.config).label} | (ours not measured) | — | PyTorch ${t.threads}t: ${ms(t.step.median)} ms |`);
  const version = section.rows[0]?.torch;
  lines.push('', `ours vs PyTorch: ratio of median step times in the same run (below 1.00x: ours is faster)${version === undefined ? '' : `; PyTorch ${version}, CPU, torch.set_num_threads`}.`);
  return lines.join('\n');
}

/** Merges a new document into an earlier one: newer rows replace rows with the same key. */
export function mergeDocuments(older: BenchDocument, newer: BenchDocument): BenchDocument {
  const rowKey = (r: { readonly backend: string; readonly config: string; readonly impl: string; readonly threads?: number }): string =>
    `${r.backend}/${r.config}/${r.impl}${rowThreads(r) === 1 ? '' : `/${rowThreads(r)}t`}`;
  const byKey = <A>(xs: readonly A[], ys: readonly A[], k: (a: A) => string): A[] => {
    const replaced = new Set(ys.map(k));
    return [...xs.filter((x) => !replaced.has(k(x))), ...ys];
  };
  const results = byKey(older.results, newer.results, rowKey);
  const measured = new Set(results.map(rowKey));
  const isMeasured = (s: Skipped): boolean =>
    s.impl === 'both' ? measured.has(`${s.backend}/${s.config}/ours`) && measured.has(`${s.backend}/${s.config}/tfjs-layers`) : measured.has(rowKey(s));
  return {
    ...newer,
    mode: older.mode === 'full' || newer.mode === 'full' ? 'full' : newer.mode,
    chunks: [...older.chunks, ...newer.chunks],
    machine: { ...newer.machine, loadAvgStart: older.machine.loadAvgStart },
    runners: byKey(older.runners, newer.runners, (r) => r.backend),
    peaks: byKey(older.peaks, newer.peaks, (p) => p.backend),
    results,
    dataLoading: byKey(older.dataLoading, newer.dataLoading, (d) => d.config),
    skipped: byKey(older.skipped, newer.skipped, (s) => `${s.backend}/${s.config}/${s.impl}`).filter((s) => !isMeasured(s)),
    ...mergeTorch(older.torch, newer.torch, byKey),
  };
}

function mergeTorch(
  older: TorchSection | undefined,
  newer: TorchSection | undefined,
  byKey: <A>(xs: readonly A[], ys: readonly A[], k: (a: A) => string) => A[],
): { readonly torch?: TorchSection } {
  if (older === undefined && newer === undefined) return {};
  const rows = byKey(older?.rows ?? [], newer?.rows ?? [], (t) => `${t.config}/${t.threads}`);
  return { torch: { rows, unavailable: rows.length > 0 ? null : (newer?.unavailable ?? older?.unavailable ?? null) } };
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const range = (t: { readonly median: number; readonly min: number; readonly max: number }): string => `${ms(t.median)} (${ms(t.min)}–${ms(t.max)})`;
const pct = (f: number | null): string => (f === null ? '—' : `${(100 * f).toFixed(f < 0.01 ? 2 : 1)} %`);
const order = (c: ConfigId): number => CONFIGS.findIndex((x) => x.id === c);
const BACKEND_ORDER: readonly string[] = ['wasm', 'cpu', 'webgl', 'webgpu'];

/** The results as markdown tables: measurements (and skips), data loading, peaks, the counting rule. */
export function markdownTables(doc: BenchDocument): string {
  const lines: string[] = [];
  lines.push(
    '| config | backend | implementation | train step ms: median (min–max) | step GFLOP/s (% of peak) | G forward ms: median (min–max) | forward GFLOP/s (% of peak) | peak tensor MB | tensors (kernels) per step | step vs ours |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  type Line = { readonly config: ConfigId; readonly backend: string; readonly threads: number; readonly impl: string; readonly text: string };
  const entries: Line[] = [];
  for (const r of doc.results) {
    const ours = doc.results.find((o) => o.backend === r.backend && o.config === r.config && o.impl === 'ours' && rowThreads(o) === rowThreads(r));
    const vs = r.impl === 'ours' || ours === undefined ? '' : `${(r.step.median / ours.step.median).toFixed(2)}x`;
    entries.push({
      config: r.config,
      backend: r.backend,
      threads: rowThreads(r),
      impl: r.impl,
      text: `| ${configById(r.config).label} | ${r.backend}${rowThreads(r) === 1 ? '' : ` ×${rowThreads(r)} threads`} | ${r.impl} | ${range(r.step)} | ${r.stepGflops.toFixed(2)} (${pct(r.stepPeakFraction)}) | ${range(r.forward)} | ${r.forwardGflops.toFixed(2)} (${pct(r.forwardPeakFraction)}) | ${(r.peakBytes / 2 ** 20).toFixed(0)} | ${r.tensorsPerStep} (${r.kernelsPerStep}) | ${vs} |`,
    });
  }
  for (const s of doc.skipped) {
    entries.push({ config: s.config, backend: s.backend, threads: 1, impl: s.impl, text: `| ${configById(s.config).label} | ${s.backend} | ${s.impl} | skipped: ${s.reason} | | | | | | |` });
  }
  entries.sort(
    (x, y) =>
      order(x.config) - order(y.config) ||
      BACKEND_ORDER.indexOf(x.backend) - BACKEND_ORDER.indexOf(y.backend) ||
      x.threads - y.threads ||
      (x.impl === y.impl ? 0 : x.impl === 'ours' ? -1 : y.impl === 'ours' ? 1 : 0),
  );
  lines.push(...entries.map((e) => e.text));
  if (doc.dataLoading.length > 0) {
    lines.push('', '| config | data loading ms per pair: median (min–max) | runs | source |', '|---|---|---|---|');
    for (const d of [...doc.dataLoading].sort((x, y) => order(x.config) - order(y.config))) {
      const c = configById(d.config);
      lines.push(`| ${c.label} | ${range(d.timing)} | ${d.timing.runs} | ${d.source}, resize ${c.loadSize} → crop ${c.size}, flip |`);
    }
  }
  if (doc.peaks.length > 0) {
    lines.push('', '| backend | matmul GFLOP/s (n) | peak used for % | basis |', '|---|---|---|---|');
    for (const p of [...doc.peaks].sort((x, y) => BACKEND_ORDER.indexOf(x.backend) - BACKEND_ORDER.indexOf(y.backend))) {
      const mm = p.matmul === null ? '—' : `${p.matmul.gflops.toFixed(2)} (${p.matmul.n})`;
      lines.push(`| ${p.backend} | ${mm} | ${p.peakGflops === null ? '—' : p.peakGflops.toFixed(2)} | ${p.basis} |`);
    }
  }
  const torch = torchTable(doc);
  if (torch !== '') lines.push('', torch);
  lines.push('', `FLOPs: ${FLOP_RULE}.`);
  return lines.join('\n');
}

/** One progress line for a finished measurement. */
export function progressLine(r: ResultRow): string {
  return (
    `${r.backend} ${r.config} ${r.impl}: step ${range(r.step)} ms over ${r.step.runs} (first ${ms(r.firstStepMs)}), ${r.stepGflops.toFixed(2)} GFLOP/s; ` +
    `forward ${range(r.forward)} ms; peak ${(r.peakBytes / 2 ** 20).toFixed(0)} MB; ${r.tensorsPerStep} tensors, ${r.kernelsPerStep} kernels per step; leaked ${r.leakedPerStep}/step`
  );
}
