/**
 * The benchmarked configurations (issue 7) as plain data: the same record builds our networks, the
 * tfjs-layers peer, the FLOP count and the data loader, in Node and in the page.
 * @packageDocumentation
 */

/** Configuration ids: `a`, `b`, `c` are the three; `q` is the tiny one of `--quick`. */
export type ConfigId = 'q' | 'a' | 'b' | 'c';

/** One benchmarked network pair and its data. Batch size is 1 everywhere (the paper's). */
export interface BenchConfig {
  readonly id: ConfigId;
  /** Short label for tables. */
  readonly label: string;
  /** Square input size (`--crop_size`). */
  readonly size: number;
  /** U-Net downsamplings (`num_downs`); `size` must halve `depth` times. */
  readonly depth: number;
  readonly ngf: number;
  readonly ndf: number;
  /** PatchGAN `n_layers_D` (3: the 70x70 PatchGAN). */
  readonly nLayers: number;
  /** `--load_size` for data loading: `size`·286/256 rounded, as the paper's 286 → 256. */
  readonly loadSize: number;
  /**
   * Timed steps at least, in Node and for PyTorch, whatever `--runs` says: a short step's median
   * moves with the machine's noise (on a quiet machine a's 5 steps of one run ranged 63–121 ms, and
   * its medians 63–83 ms between runs),
   * so the short configurations take more steps, for about as long as b's default.
   */
  readonly minRuns: number;
  /**
   * Untimed steps at least, in Node and for PyTorch, whatever `--warmup` says: V8 optimises a
   * step's ~700 kernel calls over its first steps, and at a one warm-up step left the first timed
   * steps in the interpreter (a step of 79 ms, median of 40, after 1 warm-up; 48 ms after 3).
   */
  readonly minWarmup: number;
}

/** Every configuration, in the order the suite runs them. */
export const CONFIGS: readonly BenchConfig[] = [
  { id: 'q', label: 'q 32x32 ngf=ndf=4, 5 downs', size: 32, depth: 5, ngf: 4, ndf: 4, nLayers: 3, loadSize: 36, minRuns: 0, minWarmup: 0 },
  { id: 'a', label: 'a 64x64 ngf=ndf=16, 6 downs', size: 64, depth: 6, ngf: 16, ndf: 16, nLayers: 3, loadSize: 72, minRuns: 40, minWarmup: 10 },
  { id: 'b', label: 'b 128x128 ngf=ndf=32, 7 downs', size: 128, depth: 7, ngf: 32, ndf: 32, nLayers: 3, loadSize: 143, minRuns: 10, minWarmup: 3 },
  { id: 'c', label: 'c 256x256 ngf=ndf=64, 8 downs (paper)', size: 256, depth: 8, ngf: 64, ndf: 64, nLayers: 3, loadSize: 286, minRuns: 0, minWarmup: 0 },
];

/** The configuration with this id. */
export function configById(id: ConfigId): BenchConfig {
  const found = CONFIGS.find((c) => c.id === id);
  // CONFIGS lists every ConfigId, so this cannot happen; a clear error beats a non-null assertion.
  if (found === undefined) throw new Error(`unknown configuration '${id}'`);
  return found;
}

/**
 * Timed steps for one measurement of `config` with `--runs` `runs`: at least the config's
 * {@link BenchConfig.minRuns} in Node (cpu, wasm) and PyTorch; in the page (`inPage`), `runs`.
 */
export const timedSteps = (config: BenchConfig, runs: number, page: boolean): number => (page ? runs : Math.max(runs, config.minRuns));

/** Untimed steps before a measurement of `config` with `--warmup` `warmup`: at least {@link BenchConfig.minWarmup} outside the page. */
export const warmupSteps = (config: BenchConfig, warmup: number, page: boolean): number => (page ? warmup : Math.max(warmup, config.minWarmup));

/** Input and output channels (RGB → RGB, as Facades). */
export const CHANNELS = 3;

/** The benchmarked backends: cpu and wasm in Node, webgl and webgpu in headless Chromium. */
export type BackendName = 'cpu' | 'wasm' | 'webgl' | 'webgpu';

export const BACKENDS: readonly BackendName[] = ['wasm', 'cpu', 'webgl', 'webgpu'];

/** The backends that run in a headless Chromium page. */
export type PageBackendName = 'webgl' | 'webgpu';

/** Whether a backend runs in the page (else in Node). */
export const inPage = (backend: BackendName): backend is PageBackendName => backend === 'webgl' || backend === 'webgpu';

/** The two implementations compared on each backend. */
export type ImplName = 'ours' | 'tfjs-layers';
