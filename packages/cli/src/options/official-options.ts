import * as E from 'fp-ts/Either';
import { usageError, type CliError } from '../cli/cli-error';
import { buildRunConfig, type TrainOptions } from '../config/build-config';
import { DEFAULT_RUN_NAME, DEFAULT_RUNS_DIR } from '../config/presets';
import type { RunConfig } from '../config/run-config';
import { DISPLAY_OPTIONS, FROM_CHECKPOINT_OPTIONS, TRAIN_OPTIONS, type TEST_OPTIONS } from './command-options';
import type { EpochName } from './official-codecs';
import type { OptionsOf } from './option-spec';

/**
 * The official implementation's command line (pytorch-CycleGAN-and-pix2pix `train.py` / `test.py`) carried
 * over: a command copied from its README works here, or is refused with what to write instead. Pure: these
 * functions only read the decoded options; finding the run a `--name` means is done at the edge
 * (`officialTrainOptions`, `officialTestOptions`).
 */

/** The decoded options of `pix2pix test` (the same type as the command's `TestOptions`). */
export type TestCommandOptions = OptionsOf<typeof TEST_OPTIONS>;

/** The official `--model` names: only `pix2pix` is implemented (and `test`, its generator alone, on `test`). */
const OFFICIAL_MODELS = ['pix2pix', 'cycle_gan', 'colorization', 'test', 'template'] as const;

/** The options this module consumes: what remains is what our commands read. */
const CONSUMED = ['model', 'gpu_ids', 'epoch', 'epoch_count', 'continue_train', 'save_latest_freq', 'input_nc', 'output_nc', 'pool_size', 'verbose', ...DISPLAY_OPTIONS] as const;

/** Where a `--continue_train` or `test --name` run is looked for. */
export interface RunByName {
  readonly name: string;
  readonly runsDir: string;
  readonly epoch: EpochName;
}

/** `train` options after the official ones were read: ours, what to tell the user once, and the run to continue. */
export interface OfficialTrain {
  readonly options: TrainOptions;
  readonly notes: readonly string[];
  readonly continueRun: RunByName | undefined;
}

/** `test` options after the official ones were read: ours, the notes, and the `--name`d run with where results go. */
export interface OfficialTest {
  readonly options: TestCommandOptions;
  readonly notes: readonly string[];
  readonly byName: (RunByName & { readonly phase: string; readonly resultsDir: string }) | undefined;
}

const without = <O extends object>(o: O, keys: readonly string[]): O =>
  // The same object less some of its optional keys: still an O.
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))) as O;

const modelProblem = (model: string | undefined, command: 'train' | 'test'): string | undefined => {
  if (model === undefined || model === 'pix2pix' || (model === 'test' && command === 'test')) return undefined;
  const known = (OFFICIAL_MODELS as readonly string[]).includes(model);
  return known
    ? `--model ${model}: not implemented in pix2pix-ts, which implements pix2pix only; write --model pix2pix (or leave --model out)`
    : `--model ${model}: not an official model; pix2pix-ts implements --model pix2pix only (leave --model out)`;
};

/** The notes for the official options accepted and ignored (one line for all of the display options). */
function ignoredNotes(o: Readonly<Record<string, unknown>>): string[] {
  const display = DISPLAY_OPTIONS.filter((k) => o[k] !== undefined);
  return display.length === 0
    ? []
    : [`note: ${display.map((k) => `--${k}`).join(', ')}: the official visdom / HTML / wandb display options are accepted and ignored here (progress lines and report.html instead)`];
}

/**
 * Reads the official options of `pix2pix train`: `--model pix2pix` (others refused by name), `--gpu_ids -1` (the
 * CPU: wasm; GPU ids are refused with `--backend webgl` as what to write), `--continue_train` with `--epoch
 * latest` (the run continues exactly, so `--epoch_count` is not needed), `--save_latest_freq` and the display
 * options (accepted, ignored, said once).
 *
 * @example
 * ```ts
 * import { officialTrain } from '@pix2pix-ts/cli';
 * officialTrain({ dataroot: 'd', name: 'facades_pix2pix', model: 'pix2pix', direction: 'BtoA', display_id: '0' });
 * // Right({ options: { dataroot: 'd', name: 'facades_pix2pix', direction: 'BtoA' }, notes: ['note: --display_id: …'], continueRun: undefined })
 * officialTrain({ model: 'cycle_gan' }); // Left('--model cycle_gan: not implemented in pix2pix-ts, …')
 * ```
 */
export function officialTrain(o: TrainOptions): E.Either<CliError, OfficialTrain> {
  const model = modelProblem(o.model, 'train');
  if (model !== undefined) return E.left(usageError(model));
  const notes = ignoredNotes(o);
  let backend = o.backend;
  if (o.gpu_ids !== undefined) {
    const ids = o.gpu_ids.join(',');
    if (o.gpu_ids.some((id) => id >= 0) && o.backend !== 'webgl' && o.backend !== 'webgpu') {
      return E.left(usageError(`--gpu_ids ${ids}: pix2pix-ts has no CUDA; for a GPU write --backend webgl (the steps run on WebGL in headless Chromium), for the CPU --gpu_ids -1 or nothing (wasm)`));
    }
    if (o.gpu_ids.every((id) => id < 0)) backend = o.backend ?? 'wasm';
  }
  if (o.save_latest_freq !== undefined) {
    notes.push(`note: --save_latest_freq ${o.save_latest_freq}: ignored; checkpoints/latest is saved at every save point (--save_epoch_freq) and on Ctrl-C`);
  }
  const options = without({ ...o, ...(backend === undefined ? {} : { backend }) }, CONSUMED);
  if (o.model !== undefined && o.preset === undefined && o.smoke !== true && o.continue_train !== true) {
    // A command copied from the official README trains here with our default preset, not the official defaults.
    notes.push("note: this trains the default preset (64x64 unet_64, ~10 min on 2 CPU cores); the official defaults (256x256 unet_256, 200 epochs) are --preset paper");
  }
  if (o.continue_train !== true) {
    if (o.epoch_count !== undefined && o.epoch_count !== 1) {
      return E.left(usageError(`--epoch_count ${o.epoch_count}: a new run starts at epoch 1; to continue a run add --continue_train (it continues exactly where the run stopped)`));
    }
    if (o.epoch !== undefined) notes.push(`note: --epoch ${o.epoch}: only read with --continue_train; ignored`);
    return E.right({ options, notes, continueRun: undefined });
  }
  if (o.resume !== undefined) return E.left(usageError('--continue_train and --resume: give one of them (--continue_train finds the run by --name; --resume takes its folder)'));
  const epoch = o.epoch ?? 'latest';
  if (epoch !== 'latest') {
    return E.left(
      usageError(`--continue_train --epoch ${epoch}: pix2pix-ts keeps the whole training state (both networks and Adam) only as latest; write --epoch latest (or leave --epoch out)`),
    );
  }
  if (o.epoch_count !== undefined) notes.push(`note: --epoch_count ${o.epoch_count}: ignored; the run continues exactly where it stopped`);
  return E.right({ options, notes, continueRun: { name: o.name ?? DEFAULT_RUN_NAME, runsDir: o.runs_dir ?? DEFAULT_RUNS_DIR, epoch } });
}

const normPath = (p: string): string => p.replace(/\/+$/, '').replace(/^(\.\/)+/, '');

/**
 * The options of a `--continue_train` command as `--resume` options for the run it names: the options that set
 * the run's configuration must agree with the stored one (they are dropped; the first that differs is refused,
 * naming both values), the runtime ones (`runtime`, e.g. `--backend`) are kept. Pure.
 *
 * @example
 * ```ts
 * import { continueOptions } from '@pix2pix-ts/cli';
 * // continueOptions({ dataroot: 'd', direction: 'BtoA', name: 'f' }, stored, 'runs/f-20250101-120000', ['backend'])
 * //   → Right({ resume: 'runs/f-20250101-120000' })
 * ```
 */
export function continueOptions(given: TrainOptions, stored: RunConfig, runDir: string, runtime: readonly string[]): E.Either<CliError, TrainOptions> {
  const differs = (option: string, givenValue: string, storedValue: string): E.Either<CliError, TrainOptions> =>
    E.left(
      usageError(
        `--${option} ${givenValue}: the run ${runDir} has ${storedValue}; --continue_train continues a run as it is (leave --${option} out, or start a new run without --continue_train)`,
      ),
    );
  const candidate = buildRunConfig({
    ...(stored.data.dataroot === null ? {} : { dataroot: stored.data.dataroot }),
    dataset_mode: stored.data.mode,
    ...(stored.preset === 'default' || stored.preset === 'paper' || stored.preset === 'smoke' ? { preset: stored.preset } : {}),
    ...without(given, ['smoke', 'preset', 'resume', 'name', 'runs_dir', ...runtime]),
  });
  if (E.isLeft(candidate)) return candidate;
  const kept: Record<string, unknown> = { resume: runDir };
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined || key === 'name' || key === 'runs_dir') continue;
    if (runtime.includes(key)) {
      kept[key] = value;
      continue;
    }
    if (key === 'dataroot') {
      if (normPath(String(value)) !== normPath(stored.data.dataroot ?? '')) return differs(key, String(value), `--dataroot ${stored.data.dataroot ?? '(none: synthetic data)'}`);
      continue;
    }
    if (key === 'dataset_mode') {
      if (value !== stored.data.mode) return differs(key, String(value), `--dataset_mode ${stored.data.mode}`);
      continue;
    }
    if (key === 'preset' || key === 'smoke') {
      const preset = key === 'smoke' ? 'smoke' : String(value);
      if (preset !== stored.preset) return differs('preset', preset, `--preset ${stored.preset}`);
      continue;
    }
    // Looked up by a key of `given`; a RunConfig is a Preset plus the data root and the run name.
    const inConfig = (TRAIN_OPTIONS as Readonly<Record<string, { readonly inConfig?: (c: RunConfig) => string }>>)[key]?.inConfig;
    if (inConfig === undefined) {
      // Not part of the configuration, not runtime: --resume's own check names it.
      kept[key] = value;
      continue;
    }
    const want = inConfig(candidate.right);
    const has = inConfig(stored);
    if (want !== has) return differs(key, want, `--${key} ${has}`);
  }
  // Every key comes from `given` (a TrainOptions) with its own decoded value, plus `resume`, a string.
  return E.right(kept as TrainOptions);
}

/**
 * The newest run folder of a name among the entries of a runs folder: `<name>` itself if it is one of them
 * (a full run folder name), else the latest `<name>-YYYYMMDD-HHMMSS[-k]`. Pure.
 *
 * @example
 * ```ts
 * import { newestRunFolder } from '@pix2pix-ts/cli';
 * newestRunFolder(['f-20250101-120000', 'f-20250102-090000', 'f-20250102-090000-2', 'g-20250103-000000'], 'f'); // 'f-20250102-090000-2'
 * ```
 */
export function newestRunFolder(entries: readonly string[], name: string, isRun: (entry: string) => boolean = () => true): string | undefined {
  if (entries.includes(name) && isRun(name)) return name;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}-(\\d{8}-\\d{6})(?:-(\\d+))?$`);
  const keyed = entries.flatMap((e) => {
    const m = pattern.exec(e);
    return m === null || !isRun(e) ? [] : [{ e, stamp: m[1] ?? '', k: Number(m[2] ?? '1') }];
  });
  keyed.sort((a, b) => (a.stamp === b.stamp ? a.k - b.k : a.stamp < b.stamp ? -1 : 1));
  return keyed[keyed.length - 1]?.e;
}

/**
 * Reads the official options of `pix2pix test`: `--model pix2pix` (or `test`: the generator alone), `--gpu_ids -1`,
 * and `--name` with `--epoch`: the checkpoint of the newest run of that name, the official data layout
 * (`--dataset_mode aligned` from `<dataroot>/<phase>`) and results where the official `test.py` writes them,
 * `<results_dir>/<name>/<phase>_<epoch>/images`.
 *
 * @example
 * ```ts
 * import { officialTest } from '@pix2pix-ts/cli';
 * officialTest({ dataroot: 'datasets/facades', name: 'facades_pix2pix', model: 'pix2pix', direction: 'BtoA' });
 * // Right({ byName: { name: 'facades_pix2pix', runsDir: 'runs', epoch: 'latest', phase: 'test', resultsDir: 'results/facades_pix2pix/test_latest/images' }, … })
 * ```
 */
export function officialTest(o: TestCommandOptions): E.Either<CliError, OfficialTest> {
  const model = modelProblem(o.model, 'test');
  if (model !== undefined) return E.left(usageError(model));
  if (o.gpu_ids !== undefined && o.gpu_ids.some((id) => id >= 0)) {
    return E.left(usageError(`--gpu_ids ${o.gpu_ids.join(',')}: pix2pix test runs in Node on the CPU (wasm); leave --gpu_ids out or write --gpu_ids -1`));
  }
  const notes = ignoredNotes(o);
  const described = FROM_CHECKPOINT_OPTIONS.filter((k) => o[k] !== undefined);
  if (described.length > 0) {
    notes.push(`note: ${described.map((k) => `--${k}`).join(', ')}: pix2pix test builds the network and the input size the checkpoint describes; accepted and not needed`);
  }
  const options = without(o, [...CONSUMED, ...FROM_CHECKPOINT_OPTIONS, 'name', 'phase']);
  if (o.name === undefined) {
    if (o.epoch !== undefined) return E.left(usageError(`--epoch ${o.epoch}: only read with --name (the official way to name a run); with --checkpoint give the folder itself, e.g. runs/x/checkpoints/epoch-005`));
    if (o.phase !== undefined) return E.left(usageError(`--phase ${o.phase}: only read with --name; otherwise --dataroot is the folder of images itself`));
    return E.right({ options, notes, byName: undefined });
  }
  if (o.checkpoint !== undefined || o.run !== undefined) return E.left(usageError(`--name and --${o.checkpoint !== undefined ? 'checkpoint' : 'run'}: give one of them`));
  const epoch = o.epoch ?? 'latest';
  const phase = o.phase ?? 'test';
  const resultsDir = [o.results_dir ?? 'results', o.name, `${phase}_${epoch}`, 'images'].join('/');
  return E.right({ options, notes, byName: { name: o.name, runsDir: o.runs_dir ?? DEFAULT_RUNS_DIR, epoch, phase, resultsDir } });
}
