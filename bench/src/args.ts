/**
 * The command line of `npm run bench`, parsed into a plan (pure).
 * @packageDocumentation
 */
import * as E from 'fp-ts/Either';
import { BACKENDS, CONFIGS, type BackendName, type ConfigId, type ImplName } from './configs';

/** What to run. */
export interface BenchOptions {
  readonly mode: 'quick' | 'default' | 'full';
  readonly backends: readonly BackendName[];
  readonly configs: readonly ConfigId[];
  readonly impls: readonly ImplName[];
  /** Timed training steps per measurement. */
  readonly runs: number;
  /** Untimed steps before them (the first one is reported on its own). */
  readonly warmup: number;
  /** Timed generator forwards. */
  readonly forwardRuns: number;
  /** Timed pairs of data loading (after 2 untimed). */
  readonly dataRuns: number;
  readonly data: boolean;
  /** Side of the peak matmul; 0: none. */
  readonly peakN: number;
  readonly out: string;
  /** Merge into the JSON already at `out` instead of replacing it. */
  readonly merge: boolean;
  /** Only print the tables of this JSON file. */
  readonly tableOf: string | undefined;
  /** Measure the official implementation (PyTorch) beside ours, when the system Python has torch. */
  readonly torch: boolean;
  /** `torch.set_num_threads` values of the PyTorch rows. */
  readonly torchThreads: readonly number[];
  /** wasm: threads of XNNPACK's pool, one measurement each (`useBackend('wasm', { threads })`). */
  readonly threads: readonly number[];
}

export const USAGE = `npm run bench -- [options]
  --quick              tiny configuration q (32x32) only, 3 runs: proves the suite works (< 1 min);
                       webgpu only if named in --backend (its shader compilation alone is ~30 s here)
  --full               also cpu at 128 and 256 (b, c) and webgl, webgpu at 256 (c): minutes per step
  --backend LIST       wasm,cpu,webgl,webgpu (default: all available; --quick: all but webgpu)
  --config LIST        a,b,c (and q) (default: a,b,c; --quick: q)
  --impl LIST          ours,tfjs-layers (default: both)
  --runs N             timed steps per measurement (default 5; --quick 3); in Node and PyTorch at
                       least 40 at a and 10 at b, whose short steps' medians are noisy
  --warmup N           untimed steps first (default 1); in Node and PyTorch at least 10 at a and 3
                       at b (V8 optimises the step's kernel calls over its first steps)
  --data-runs N        timed pairs of data loading (default 20; --quick 5)
  --no-data            skip data loading
  --peak N             side of the peak matmul (default 1024; --quick 256; 0: none)
  --out FILE           JSON output (default results/latest.json, relative to bench/)
  --merge              merge into the JSON at --out (measure in chunks)
  --table FILE         print the tables of a results JSON and exit
  --no-torch           skip the PyTorch rows (the official step, measured beside ours when
                       $PIX2PIX_PYTHON, default /usr/bin/python3, imports torch)
  --torch-threads LIST PyTorch thread counts (default 1,2)
  --threads LIST       wasm thread counts (tfjs-wasm's threaded SIMD build; default 1,2)`;

const list = <A extends string>(value: string, allowed: readonly A[], what: string): E.Either<string, A[]> => {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length > 0 || items.length === 0) return E.left(`${what}: expected some of ${allowed.join(', ')}, got '${value}'`);
  return E.right(allowed.filter((a) => items.includes(a)));
};

const count = (value: string, what: string, min: number): E.Either<string, number> => {
  const n = Number(value);
  return Number.isInteger(n) && n >= min ? E.right(n) : E.left(`${what}: expected an integer ≥ ${min}, got '${value}'`);
};

const counts = (value: string, what: string, min: number): E.Either<string, number[]> => {
  const parsed = value.split(',').map((v) => count(v.trim(), what, min));
  const bad = parsed.find(E.isLeft);
  if (bad !== undefined) return bad;
  return E.right([...new Set(parsed.flatMap((p) => (E.isRight(p) ? [p.right] : [])))].sort((x, y) => x - y));
};

/**
 * Parses the arguments (what turbo passes after `--`).
 *
 * @example
 * ```ts
 * parseArgs(['--quick']); // Right({ mode: 'quick', configs: ['q'], runs: 3, … })
 * ```
 */
export function parseArgs(argv: readonly string[]): E.Either<string, BenchOptions> {
  const quick = argv.includes('--quick');
  const full = argv.includes('--full');
  if (quick && full) return E.left('--quick and --full exclude each other');
  let o: BenchOptions = {
    mode: quick ? 'quick' : full ? 'full' : 'default',
    // webgpu on SwiftShader added ~60 s to --quick (measured: 31 s for its first step's shaders), past CI's budget.
    backends: quick ? BACKENDS.filter((b) => b !== 'webgpu') : BACKENDS,
    configs: quick ? ['q'] : ['a', 'b', 'c'],
    impls: ['ours', 'tfjs-layers'],
    runs: quick ? 3 : 5,
    warmup: 1,
    forwardRuns: quick ? 3 : 5,
    dataRuns: quick ? 5 : 20,
    data: true,
    peakN: quick ? 256 : 1024,
    out: 'results/latest.json',
    merge: false,
    tableOf: undefined,
    torch: true,
    torchThreads: [1, 2],
    threads: [1, 2],
  };
  const ids = CONFIGS.map((c) => c.id);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    if (flag === '--quick' || flag === '--full') continue;
    if (flag === '--no-data') {
      o = { ...o, data: false };
      continue;
    }
    if (flag === '--merge') {
      o = { ...o, merge: true };
      continue;
    }
    if (flag === '--no-torch') {
      o = { ...o, torch: false };
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined) return E.left(`${flag}: missing value, or unknown option\n${USAGE}`);
    i++;
    const r: E.Either<string, BenchOptions> = (() => {
      switch (flag) {
        case '--backend':
          return E.map((backends: BackendName[]) => ({ ...o, backends }))(list(value, BACKENDS, flag));
        case '--config':
          return E.map((configs: ConfigId[]) => ({ ...o, configs }))(list(value, ids, flag));
        case '--impl':
          return E.map((impls: ImplName[]) => ({ ...o, impls }))(list<ImplName>(value, ['ours', 'tfjs-layers'], flag));
        case '--runs':
          return E.map((runs: number) => ({ ...o, runs, forwardRuns: runs }))(count(value, flag, 1));
        case '--warmup':
          return E.map((warmup: number) => ({ ...o, warmup }))(count(value, flag, 1));
        case '--data-runs':
          return E.map((dataRuns: number) => ({ ...o, dataRuns }))(count(value, flag, 1));
        case '--peak':
          return E.map((peakN: number) => ({ ...o, peakN }))(count(value, flag, 0));
        case '--out':
          return E.right({ ...o, out: value });
        case '--table':
          return E.right({ ...o, tableOf: value });
        case '--threads':
          return E.map((threads: number[]) => ({ ...o, threads }))(counts(value, flag, 1));
        case '--torch-threads':
          return E.map((torchThreads: number[]) => ({ ...o, torchThreads }))(counts(value, flag, 1));
        default:
          return E.left(`unknown option ${flag}\n${USAGE}`);
      }
    })();
    if (E.isLeft(r)) return r;
    o = r.right;
  }
  return E.right(o);
}

/**
 * Whether a (backend, config) pair runs, or why not: where one step takes minutes (tfjs's cpu backend
 * at 128x128 and 256x256, its plain-JavaScript conv gradients; webgl and webgpu on a software renderer at
 * 256x256) it needs `--full`.
 */
export function skipReason(o: BenchOptions, backend: BackendName, config: ConfigId): string | undefined {
  if (o.mode === 'full' || o.mode === 'quick') return undefined;
  if (backend === 'cpu' && (config === 'b' || config === 'c')) return 'needs --full (cpu: minutes per step)';
  if ((backend === 'webgl' || backend === 'webgpu') && config === 'c') return 'needs --full (minutes per step on SwiftShader)';
  return undefined;
}

/**
 * Whether a backend that cannot start fails the run: in CI (`CI=true`) every backend must start, except webgpu,
 * whose adapter is optional (a GPU, or SwiftShader's Vulkan in Chromium): without one its rows are skipped with the
 * reason printed.
 *
 * @example
 * ```ts
 * unavailableFails('webgl', true);  // true
 * unavailableFails('webgpu', true); // false
 * ```
 */
export const unavailableFails = (backend: BackendName, ci: boolean): boolean => ci && backend !== 'webgpu';
