import { PRETRAINED_NAMES } from '../pretrained/pretrained-names';
import { OFFICIAL_DATASET_NAMES } from '@pix2pix-ts/datasets';
import {
  BACKEND_CHOICES,
  DATASET_MODE_NAMES,
  DIRECTION_NAMES,
  GAN_MODE_NAMES,
  LR_POLICY_NAMES,
  NET_D_INPUT_NAMES,
  NET_D_NAMES,
  NetGName,
  NORM_NAMES,
  OBJECTIVE_NAMES,
  PATCH_NAMES,
  PHASE_NAMES,
  PREPROCESS_NAMES,
  PRESET_NAMES,
} from '../config/net-names';
import { DEFAULT_RUN_NAME, DEFAULT_RUNS_DIR, SYNTHETIC_RUN_NAME } from '../config/presets';
import { initOf, netDInputOf } from '../config/run-config';
import { INIT_TYPES } from '@pix2pix-ts/layers';
import { PHOTO_DATASET_MODES } from '@pix2pix-ts/datasets';
import { REALISM_EVAL_OPTIONS } from '../eval/realism-options';
import { AnyValue, EpochNameCodec, GpuIds } from './official-codecs';
import { defineOption, type OptionTable } from './option-spec';
import { ABLATE_OPTIONS } from '../ablate/ablate-options';
import { Flag, intFromString, NonEmpty, numberFromString, oneOf, PositiveInt, SafeName, UnitInterval } from './string-codecs';

const spec = defineOption;

/** A preset's value as `--help` writes it: `null` (no limit) as the word the option uses for it. */
const orWord = (v: number | null, word: string): string => (v === null ? word : String(v));

/** Numeric bounds: wide enough for any real run, narrow enough that a typo is an error and not an allocation. */
const MAX_FILTERS = 4096;
const MAX_SIZE = 8192;
/** The data loader's own limit on a batch. */
const MAX_BATCH = 65536;
const MAX_EPOCHS = 100_000;

/** Options every command has. */
const runtime = {
  backend: spec({ codec: oneOf(BACKEND_CHOICES), arg: 'NAME', group: 'Runtime', help: 'tfjs backend: wasm (fast CPU), cpu (reference), webgl or webgpu (train and test only: the steps, or the translations, run in headless Chromium on WebGL or WebGPU)', default: 'wasm' }),
  wasm_kernels: spec({
    codec: oneOf(['native', 'backends'] as const),
    arg: 'WHICH',
    group: 'Runtime',
    help: "wasm convolution kernels: backends (@pix2pix-ts/backends' replacements, the default; measured 1.6-2x faster per step) or native (tfjs-wasm's own, to compare)",
    default: 'backends',
  }),
  threads: spec({
    codec: intFromString(1, 64),
    arg: 'N',
    group: 'Runtime',
    help: "wasm: threads of the kernels' pool (tfjs-wasm's threaded SIMD build, XNNPACK, under Node worker_threads); 2 uses both cores of a 2-core machine (not --num_threads: decode workers)",
    default: '1',
  }),
  help: spec({ codec: Flag, group: 'Runtime', help: 'show this help' }),
} as const;

const Seed = intFromString(0, 2 ** 31 - 1, 'an integer in [0, 2147483647]');
const SEED_HELP = 'root of every random draw: weights, data order, crops, flips, dropout';

/** `--seed` of a command that reads a checkpoint: the checkpoint's run's seed unless given. */
const checkpointSeed = {
  seed: spec({ codec: Seed, arg: 'N', group: 'Runtime', help: SEED_HELP, default: "the checkpoint's run's" }),
} as const;

/** Test-time behaviour of a command that reads a checkpoint (`test`, `eval`): the checkpoint's run's unless given. */
const testTime = {
  eval: spec({
    codec: Flag,
    group: 'Test time',
    help: 'use running norm statistics and no dropout (the official --eval); default: the paper\'s test behaviour, dropout on and batch statistics',
  }),
  num_test: spec({ codec: PositiveInt, arg: 'N', group: 'Test time', help: 'use at most N test images', default: "the checkpoint's run's (all, or 8 for --smoke runs)" }),
} as const;

const checkpointSource = {
  checkpoint: spec({ codec: NonEmpty, arg: 'DIR', group: 'Model', help: 'a checkpoint folder (model.json + weights.bin), e.g. runs/facades-…/checkpoints/latest' }),
  run: spec({ codec: NonEmpty, arg: 'DIR', group: 'Model', help: 'a run folder: uses its checkpoints/latest' }),
  pretrained: spec({
    codec: NonEmpty,
    arg: 'NAME',
    group: 'Model',
    help: `an official pretrained model (${PRETRAINED_NAMES.join(', ')}), fetched once into <cache>/pretrained/NAME.pth (PIX2PIX_PRETRAINED_URL: another server)`,
  }),
} as const;

/**
 * The official implementation's options that `train` and `test` carry over from a command copied from its
 * README: accepted (and translated, or said to be ignored, once) by `officialTrainOptions` /
 * `officialTestOptions`. `--model` takes any word so that `cycle_gan` is refused by name.
 */
const officialCommon = {
  model: spec({ codec: NonEmpty, arg: 'NAME', group: 'Official command line', help: 'pix2pix (the only model here; cycle_gan, colorization, ... are refused by name)', default: 'pix2pix' }),
  gpu_ids: spec({ codec: GpuIds, arg: 'IDS', group: 'Official command line', help: '-1: the CPU (--backend wasm); GPU ids are refused with what to write instead (train: --backend webgl)' }),
  epoch: spec({ codec: EpochNameCodec, arg: 'latest|N', group: 'Official command line', help: 'the saved epoch to load (train: with --continue_train; test: with --name)', default: 'latest' }),
  display_winsize: spec({ codec: AnyValue, arg: 'N', group: 'Official command line', help: 'visdom/HTML display size: accepted and ignored' }),
  use_wandb: spec({ codec: Flag, group: 'Official command line', help: 'Weights & Biases logging: accepted and ignored (see report.html)' }),
  wandb_project_name: spec({ codec: AnyValue, arg: 'NAME', group: 'Official command line', help: 'accepted and ignored' }),
} as const;

/**
 * Official `test.py` options that describe the network or the loading (`--netG unet_256 --norm batch` in the
 * README's single-image command): `pix2pix test` builds what the checkpoint describes, so they are accepted
 * and said to be taken from the checkpoint.
 */
export const FROM_CHECKPOINT_OPTIONS = ['netG', 'netD', 'ngf', 'ndf', 'norm', 'no_dropout', 'init_type', 'init_gain', 'n_layers_D', 'input_nc', 'output_nc', 'load_size', 'crop_size', 'preprocess', 'no_flip', 'serial_batches', 'batch_size', 'num_threads', 'max_dataset_size', 'aspect_ratio'] as const;

// Object.fromEntries loses the key types; the entries are exactly FROM_CHECKPOINT_OPTIONS, each the same spec type.
const fromCheckpoint = Object.fromEntries(
  FROM_CHECKPOINT_OPTIONS.map((name) => [name, spec({ codec: AnyValue, arg: 'X', group: 'Official command line', help: 'accepted; the checkpoint describes it' })]),
) as Readonly<Record<(typeof FROM_CHECKPOINT_OPTIONS)[number], ReturnType<typeof spec<typeof AnyValue>>>>;

/** The official display (visdom and HTML) options of `train.py`: accepted, ignored, said so once. */
export const DISPLAY_OPTIONS = ['display_id', 'display_server', 'display_env', 'display_port', 'display_ncols', 'update_html_freq', 'no_html', 'display_winsize', 'use_wandb', 'wandb_project_name'] as const;

/**
 * `pix2pix train`: the official training options (same names where they exist), plus presets, smoke mode,
 * resume and the time limit. The defaults shown by `--help` are read from the presets (`inConfig`), so they are
 * the ones in force.
 */
export const TRAIN_OPTIONS = {
  preset: spec({ codec: oneOf(PRESET_NAMES), arg: 'NAME', group: 'Presets', help: 'default: 64x64 facades in ~10 min on 2 CPU cores; paper: 256x256 unet_256, 70x70 PatchGAN, 200 epochs; smoke: seconds, for CI', default: 'default' }),
  smoke: spec({ codec: Flag, group: 'Presets', help: 'same as --preset smoke: a few iterations on a few images at a tiny size, with a real report' }),
  dataroot: spec({ codec: NonEmpty, arg: 'DIR', group: 'Data', help: `folder holding train/ and test/ of aligned AB images (each file: A left, B right), or the name of an official dataset (${OFFICIAL_DATASET_NAMES.join(', ')}): downloaded once into the cache (see pix2pix download), its direction and evaluation split (and with --preset paper its sizes, batch and epochs) preset where not given` }),
  dataset_mode: spec({
    codec: oneOf(['aligned', 'synthetic', ...PHOTO_DATASET_MODES] as const),
    arg: 'MODE',
    group: 'Data',
    help: 'aligned: AB pairs in --dataroot; synthetic: procedural facades, no files needed; colorization (L -> ab in Lab, input_nc 1, output_nc 2), edges (Canny edges -> photo), inpaint (photo with a random grey rectangle -> photo): made on the fly from the photos in --dataroot/<phase> (see --photo_side)',
    default: 'aligned',
  }),
  photo_side: spec({ codec: oneOf(['whole', 'A', 'B'] as const), arg: 'SIDE', group: 'Data', help: "with colorization|edges|inpaint: whole (each file is a photo) | A or B (the files are AB pairs; the photo is their left or right half: A for Facades)", default: 'whole' }),
  direction: spec({ codec: oneOf(DIRECTION_NAMES), arg: 'DIR', group: 'Data', help: 'AtoB or BtoA (facades labels -> photo is BtoA)', inConfig: (p) => p.data.direction }),
  phase: spec({ codec: oneOf(PHASE_NAMES), arg: 'SPLIT', group: 'Data', help: 'the training split', inConfig: (p) => p.data.phase }),
  eval_phase: spec({ codec: oneOf(PHASE_NAMES), arg: 'SPLIT', group: 'Data', help: 'the split evaluated at the end and sampled for the report', inConfig: (p) => p.data.evalPhase }),
  max_dataset_size: spec({ codec: PositiveInt, arg: 'N', group: 'Data', help: 'use only the first N training pairs', inConfig: (p) => orWord(p.data.maxDatasetSize ?? null, 'all') }),
  preprocess: spec({ codec: oneOf(PREPROCESS_NAMES), arg: 'MODE', group: 'Data', help: 'the official preprocessing', inConfig: (p) => p.data.preprocess }),
  load_size: spec({ codec: intFromString(1, MAX_SIZE), arg: 'N', group: 'Data', help: 'scale images to N (before the random crop); given --crop_size alone, scaled with it', inConfig: (p) => String(p.data.loadSize) }),
  crop_size: spec({ codec: intFromString(1, MAX_SIZE), arg: 'N', group: 'Data', help: 'then crop to N: the training size', inConfig: (p) => String(p.data.cropSize) }),
  no_flip: spec({ codec: Flag, group: 'Data', help: 'no random horizontal flip', inConfig: (p) => String(p.data.noFlip) }),
  serial_batches: spec({ codec: Flag, group: 'Data', help: 'no shuffling: pairs in sorted order', inConfig: (p) => String(!p.data.shuffle) }),
  batch_size: spec({ codec: intFromString(1, MAX_BATCH), arg: 'N', group: 'Data', help: 'pairs per step (at most the number of training pairs)', inConfig: (p) => String(p.data.batchSize) }),
  num_threads: spec({ codec: intFromString(0, 16), arg: 'N', group: 'Data', help: 'decode workers (0: decode on the training thread)', inConfig: (p) => String(p.data.workers) }),
  strict_data: spec({ codec: Flag, group: 'Data', help: 'fail on the first bad image (unreadable, not an image, too large, mis-shaped, damaged) instead of leaving its pair out, counting it and listing it at the end' }),
  netG: spec({ codec: NetGName, arg: 'NAME', group: 'Model', help: "unet_256 | unet_128 | resnet_9blocks | resnet_6blocks | unet_<N> (log2 N downs) | encoder_decoder_<N> (the U-Net without skips: the paper's Fig. 4 ablation)", inConfig: (p) => p.model.netG }),
  netD: spec({ codec: oneOf(NET_D_NAMES), arg: 'NAME', group: 'Model', help: 'basic (70x70 PatchGAN) | n_layers (use --n_layers_D) | pixel (1x1)', inConfig: (p) => p.model.netD }),
  n_layers_D: spec({ codec: intFromString(1, 6), arg: 'N', group: 'Model', help: 'conv layers of an n_layers discriminator: 1 (16x16), 2 (34x34), 3 (70x70), 4 (142x142), 5 (286x286), 6 (574x574)', inConfig: (p) => String(p.model.nLayersD) }),
  patch: spec({
    codec: oneOf(PATCH_NAMES),
    arg: 'SIZE',
    group: 'Model',
    help: "the discriminator's receptive field, a shortcut for --netD/--n_layers_D: 1 (= --netD pixel), 16, 34, 142, 286 (= --netD n_layers --n_layers_D 1, 2, 4, 5), 70 (= --netD basic), image (the fewest layers whose field covers --crop_size: 286 at 256, 70 at 64)",
    default: 'none: --netD decides',
  }),
  netD_input: spec({
    codec: oneOf(NET_D_INPUT_NAMES),
    arg: 'WHAT',
    group: 'Model',
    help: "what D sees: conditional (the input and the output, input_nc + output_nc channels: the paper's cGAN and the official code) | unconditional (the output alone, output_nc channels: the paper's L1+GAN ablation; the original Lua code's -condition_GAN 0)",
    inConfig: (p) => netDInputOf(p.model),
  }),
  ngf: spec({ codec: intFromString(1, MAX_FILTERS), arg: 'N', group: 'Model', help: 'generator filters in the first conv', inConfig: (p) => String(p.model.ngf) }),
  ndf: spec({ codec: intFromString(1, MAX_FILTERS), arg: 'N', group: 'Model', help: 'discriminator filters in the first conv', inConfig: (p) => String(p.model.ndf) }),
  norm: spec({ codec: oneOf(NORM_NAMES), arg: 'NAME', group: 'Model', help: 'batch | instance | none', inConfig: (p) => p.model.norm }),
  no_dropout: spec({ codec: Flag, group: 'Model', help: 'no dropout in the generator', inConfig: (p) => String(!p.model.dropout) }),
  init_from: spec({
    codec: NonEmpty,
    arg: 'PATH',
    group: 'Model',
    help: 'fine-tune: start from an official PyTorch checkpoint, a .pth generator or a <checkpoints_dir>/<name> folder (latest_net_G.pth, and latest_net_D.pth when there); --netG/--ngf/--norm must describe it',
  }),
  init_type: spec({ codec: oneOf(INIT_TYPES), arg: 'NAME', group: 'Model', help: 'weight init (the official init_weights): normal | xavier | kaiming | orthogonal', inConfig: (p) => initOf(p.model).type }),
  init_gain: spec({ codec: numberFromString('a number in (0, 10]', (x) => x > 0 && x <= 10), arg: 'X', group: 'Model', help: 'std of normal, gain of xavier and orthogonal; also the std of batch-norm gains around 1', inConfig: (p) => String(initOf(p.model).gain) }),
  gan_mode: spec({ codec: oneOf(GAN_MODE_NAMES), arg: 'MODE', group: 'Objective', help: 'vanilla (the paper\'s BCE) | lsgan | none (L1 only, the paper\'s ablation)', inConfig: (p) => p.objective.ganMode }),
  l1_only: spec({ codec: Flag, group: 'Objective', help: 'same as --gan_mode none: train G with the L1 term alone', inConfig: (p) => String(p.objective.ganMode === 'none') }),
  objective: spec({
    codec: oneOf(OBJECTIVE_NAMES),
    arg: 'NAME',
    group: 'Objective',
    help: "the paper's objective ablation, a shortcut: l1 (= --gan_mode none) | cgan (= --lambda_L1 0) | l1+gan (= --netD_input unconditional) | l1+cgan (the paper's: conditional D, --lambda_L1 kept); given with those options, they must agree",
    default: 'l1+cgan',
  }),
  lambda_L1: spec({ codec: numberFromString('a number in [0, 10000]', (x) => x >= 0 && x <= 10_000), arg: 'X', group: 'Objective', help: 'weight of the L1 term', inConfig: (p) => String(p.objective.lambdaL1) }),
  lr: spec({ codec: numberFromString('a number in (0, 1]', (x) => x > 0 && x <= 1), arg: 'X', group: 'Objective', help: 'Adam learning rate', inConfig: (p) => String(p.objective.lr) }),
  beta1: spec({ codec: UnitInterval, arg: 'X', group: 'Objective', help: 'Adam beta1', inConfig: (p) => String(p.objective.beta1) }),
  lr_policy: spec({ codec: oneOf(LR_POLICY_NAMES), arg: 'NAME', group: 'Objective', help: 'linear | step | cosine | constant', inConfig: (p) => p.objective.lrPolicy }),
  lr_decay_iters: spec({ codec: intFromString(1, MAX_EPOCHS), arg: 'N', group: 'Objective', help: 'epochs between x0.1 steps of the step policy', inConfig: (p) => String(p.objective.lrDecayIters) }),
  n_epochs: spec({ codec: intFromString(0, MAX_EPOCHS), arg: 'N', group: 'Schedule', help: 'epochs at the initial learning rate', inConfig: (p) => String(p.objective.nEpochs) }),
  n_epochs_decay: spec({ codec: intFromString(0, MAX_EPOCHS), arg: 'N', group: 'Schedule', help: 'epochs of linear decay to zero', inConfig: (p) => String(p.objective.nEpochsDecay) }),
  time_limit: spec({ codec: numberFromString('a number of minutes in (0, 525600]', (x) => x > 0 && x <= 525_600), arg: 'MIN', group: 'Schedule', help: 'stop training after MIN minutes (then evaluate and report as usual)', inConfig: (p) => orWord(p.run.timeLimitMinutes, 'none') }),
  name: spec({ codec: SafeName, arg: 'NAME', group: 'Run', help: 'the run folder is <runs_dir>/<name>-<timestamp>/', default: `${DEFAULT_RUN_NAME} (--dataset_mode synthetic: ${SYNTHETIC_RUN_NAME})` }),
  runs_dir: spec({ codec: NonEmpty, arg: 'DIR', group: 'Run', help: 'where run folders go', default: DEFAULT_RUNS_DIR, aliases: ['checkpoints_dir'] }),
  resume: spec({ codec: NonEmpty, arg: 'RUN_DIR', group: 'Run', help: 'continue a run exactly where it stopped (its configuration is reused; only runtime options apply)' }),
  print_freq: spec({ codec: PositiveInt, arg: 'N', group: 'Run', help: 'iterations between log lines when stdout is not a terminal', inConfig: (p) => String(p.run.printFreq) }),
  display_freq: spec({ codec: PositiveInt, arg: 'N', group: 'Run', help: 'iterations between progress-bar redraws on a terminal', inConfig: (p) => String(p.run.displayFreq) }),
  save_epoch_freq: spec({ codec: PositiveInt, arg: 'N', group: 'Run', help: 'epochs between checkpoints and report samples (the last epoch is always saved)', inConfig: (p) => String(p.run.saveEpochFreq) }),
  num_samples: spec({ codec: intFromString(1, 24), arg: 'N', group: 'Run', help: 'fixed eval images shown in the report at each save point', inConfig: (p) => String(p.run.numSamples) }),
  chromium: spec({
    codec: NonEmpty,
    arg: 'PATH',
    group: 'Runtime',
    help: 'with --backend webgl or webgpu: the Chromium to run the steps in (install: apt-get install -y chromium)',
    default: '$PIX2PIX_CHROMIUM, else /usr/bin/chromium, …',
  }),
  eval: spec({
    codec: Flag,
    group: 'Test time',
    help: 'evaluate with running norm statistics and no dropout (the official --eval); default: the paper\'s test behaviour, dropout on and batch statistics',
    inConfig: (p) => String(!p.test.dropout && !p.test.batchStats),
  }),
  num_test: spec({ codec: PositiveInt, arg: 'N', group: 'Test time', help: 'evaluate on at most N test images', inConfig: (p) => orWord(p.test.numTest, 'all') }),
  seed: spec({ codec: Seed, arg: 'N', group: 'Runtime', help: SEED_HELP, inConfig: (p) => String(p.run.seed) }),
  ...runtime,
  ...officialCommon,
  continue_train: spec({ codec: Flag, group: 'Official command line', help: 'continue the newest run <checkpoints_dir>/<name>-* (= --resume that folder; the options given must match its configuration)' }),
  epoch_count: spec({ codec: intFromString(1, MAX_EPOCHS), arg: 'N', group: 'Official command line', help: 'the official starting epoch: 1 for a new run; with --continue_train the run continues exactly where it stopped', default: '1' }),
  save_latest_freq: spec({ codec: PositiveInt, arg: 'N', group: 'Official command line', help: 'accepted and ignored: checkpoints/latest is saved at every save point (--save_epoch_freq) and on Ctrl-C' }),
  display_id: spec({ codec: AnyValue, arg: 'N', group: 'Official command line', help: 'visdom display: accepted and ignored (progress lines and report.html instead), as are --display_server, --display_env, --display_port, --display_ncols, --update_html_freq, --no_html' }),
  display_server: spec({ codec: AnyValue, arg: 'URL', group: 'Official command line', help: 'accepted and ignored' }),
  display_env: spec({ codec: AnyValue, arg: 'NAME', group: 'Official command line', help: 'accepted and ignored' }),
  display_port: spec({ codec: AnyValue, arg: 'N', group: 'Official command line', help: 'accepted and ignored' }),
  display_ncols: spec({ codec: AnyValue, arg: 'N', group: 'Official command line', help: 'accepted and ignored' }),
  update_html_freq: spec({ codec: AnyValue, arg: 'N', group: 'Official command line', help: 'accepted and ignored' }),
  no_html: spec({ codec: Flag, group: 'Official command line', help: 'accepted and ignored' }),
  input_nc: spec({ codec: intFromString(3, 3, 'an integer in [3, 3] (RGB)'), arg: 'N', group: 'Official command line', help: 'input channels: 3 (RGB images; the only kind read here)', default: '3' }),
  output_nc: spec({ codec: intFromString(3, 3, 'an integer in [3, 3] (RGB)'), arg: 'N', group: 'Official command line', help: 'output channels: 3 (RGB images)', default: '3' }),
  pool_size: spec({ codec: intFromString(0, 0, 'an integer in [0, 0] (pix2pix has no image pool)'), arg: 'N', group: 'Official command line', help: 'the image pool of fakes for D: 0, as the official pix2pix model sets it', default: '0' }),
  verbose: spec({ codec: Flag, group: 'Official command line', help: 'accepted and ignored (the run prints its networks\' sizes)' }),
} as const satisfies OptionTable;

/** `pix2pix test`: translate a folder of images into an output folder. */
export const TEST_OPTIONS = {
  ...checkpointSource,
  name: spec({ codec: SafeName, arg: 'NAME', group: 'Model', help: 'the official way: <runs_dir>/<name>/<epoch>_net_G.pth when there (the official checkpoint layout), else the newest run <runs_dir>/<name>-* (or <runs_dir>/<name>), its checkpoint --epoch; results go to <results_dir>/<name>/<phase>_<epoch>/images' }),
  runs_dir: spec({ codec: NonEmpty, arg: 'DIR', group: 'Model', help: 'where --name looks for runs', default: DEFAULT_RUNS_DIR, aliases: ['checkpoints_dir'] }),
  dataroot: spec({ codec: NonEmpty, arg: 'DIR', group: 'Data', help: 'folder of input images (single) or of aligned AB images (aligned; with --name, DIR/<phase> as the official test.py)' }),
  results_dir: spec({ codec: NonEmpty, arg: 'DIR', group: 'Data', help: 'where the translated images are written', default: '<run folder>/test_<checkpoint folder name>; with --name: ./results/<name>/<phase>_<epoch>/images' }),
  dataset_mode: spec({ codec: oneOf(DATASET_MODE_NAMES), arg: 'MODE', group: 'Data', help: 'single: each file is an input; aligned: AB files, the input side chosen by --direction', default: 'single; with --name: aligned' }),
  phase: spec({ codec: oneOf(PHASE_NAMES), arg: 'SPLIT', group: 'Data', help: 'with --name: the split folder of --dataroot', default: 'test' }),
  direction: spec({ codec: oneOf(DIRECTION_NAMES), arg: 'DIR', group: 'Data', help: 'for aligned files', default: 'the checkpoint\'s' }),
  ...testTime,
  ...checkpointSeed,
  ...runtime,
  chromium: spec({ codec: NonEmpty, arg: 'PATH', group: 'Runtime', help: 'with --backend webgl or webgpu: the Chromium to translate in', default: '$PIX2PIX_CHROMIUM, else /usr/bin/chromium, …' }),
  ...officialCommon,
  ...fromCheckpoint,
} as const satisfies OptionTable;

/** `pix2pix eval`: test-set metrics of a checkpoint. */
export const EVAL_OPTIONS = {
  ...checkpointSource,
  dataroot: spec({ codec: NonEmpty, arg: 'DIR', group: 'Data', help: 'folder holding the split of aligned AB images, or the name of an official dataset (fetched once, as for train; --phase defaults to its evaluation split)', default: 'the checkpoint\'s' }),
  dataset_mode: spec({ codec: oneOf(['aligned', 'synthetic'] as const), arg: 'MODE', group: 'Data', help: 'aligned or synthetic', default: 'the checkpoint\'s' }),
  phase: spec({ codec: oneOf(PHASE_NAMES), arg: 'SPLIT', group: 'Data', help: 'the split to evaluate', default: 'test' }),
  direction: spec({ codec: oneOf(DIRECTION_NAMES), arg: 'DIR', group: 'Data', help: 'AtoB or BtoA', default: 'the checkpoint\'s' }),
  output: spec({ codec: NonEmpty, arg: 'FILE', group: 'Data', help: 'also write the metrics as JSON to FILE' }),
  ...testTime,
  ...REALISM_EVAL_OPTIONS,
  ...checkpointSeed,
  ...runtime,
} as const satisfies OptionTable;

/** `pix2pix export`: the generator alone, as a tfjs weights folder for the browser demo. */
export const EXPORT_OPTIONS = {
  ...checkpointSource,
  output: spec({ codec: NonEmpty, arg: 'DIR', group: 'Output', help: 'the folder to write (model.json + weights.bin; with --format pth: the official <checkpoints_dir>/<name> folder)', default: '<run>/export' }),
  format: spec({
    codec: oneOf(['tfjs', 'pth'] as const),
    arg: 'FORMAT',
    group: 'Output',
    help: 'tfjs: model.json + weights.bin (the browser demo); pth: the official PyTorch layout, <output>/latest_net_G.pth (+ latest_net_D.pth from a training checkpoint)',
    default: 'tfjs',
  }),
  ...checkpointSeed,
  ...runtime,
} as const satisfies OptionTable;

/** `pix2pix convert`: between this project's checkpoints and the official PyTorch `.pth` layout, either way. */
export const CONVERT_OPTIONS = {
  input: spec({ codec: NonEmpty, arg: 'PATH', group: 'Input', help: 'an official .pth file or <checkpoints_dir>/<name> folder, or a checkpoint / export folder of this project' }),
  output: spec({ codec: NonEmpty, arg: 'DIR', group: 'Output', help: 'the folder to write: a tfjs generator folder, or the official <checkpoints_dir>/<name> folder' }),
  to: spec({ codec: oneOf(['tfjs', 'pth'] as const), arg: 'FORMAT', group: 'Output', help: 'tfjs (model.json + weights.bin) or pth (latest_net_G.pth, + latest_net_D.pth from a training checkpoint)', default: 'pth for ours, tfjs for an official file' }),
  ...runtime,
} as const satisfies OptionTable;

/** `pix2pix download NAME`: an official pix2pix dataset into the cache. */
export const DOWNLOAD_OPTIONS = {
  dataset: spec({ codec: NonEmpty, arg: 'NAME', group: 'Dataset', help: `the dataset (also the first argument): ${OFFICIAL_DATASET_NAMES.join(', ')}` }),
  list: spec({ codec: Flag, group: 'Dataset', help: 'list the official datasets (task, direction, splits, image and archive sizes) and exit' }),
  verify: spec({ codec: Flag, group: 'Dataset', help: 'also re-read every cached file and check it against the digest recorded at the first download' }),
  cache_dir: spec({ codec: NonEmpty, arg: 'DIR', group: 'Download', help: 'where datasets are kept (the folder NAME/ and NAME.digest.json); train --dataroot NAME reads the default one', default: '$XDG_CACHE_HOME/pix2pix-ts, else ~/.cache/pix2pix-ts' }),
  retries: spec({ codec: intFromString(0, 100), arg: 'N', group: 'Download', help: 'further attempts after a dropped connection, each resuming where the last stopped (a run that gives up keeps NAME.tar.gz.part: run again to resume)', default: '3' }),
  progress: spec({ codec: oneOf(['auto', 'bar', 'lines', 'none'] as const), arg: 'MODE', group: 'Download', help: 'progress on stderr: a bar on a terminal, a line per 10% otherwise', default: 'auto' }),
  help: spec({ codec: Flag, group: 'Download', help: 'show this help' }),
} as const satisfies OptionTable;

/** The commands of the `pix2pix` binary. */
export const COMMANDS = {
  train: { options: TRAIN_OPTIONS, summary: 'train a pix2pix model, evaluate it on the test split and write a report', usage: 'pix2pix train --dataroot DIR [options]' },
  test: { options: TEST_OPTIONS, summary: 'translate a folder of images with a trained generator', usage: 'pix2pix test (--checkpoint DIR | --run DIR | --name NAME) --dataroot DIR [options]' },
  eval: { options: EVAL_OPTIONS, summary: 'L1 / PSNR / SSIM of a checkpoint on a split', usage: 'pix2pix eval --checkpoint DIR [options]' },
  export: { options: EXPORT_OPTIONS, summary: 'write the generator alone as a tfjs weights folder (model.json + weights.bin)', usage: 'pix2pix export --checkpoint DIR --output DIR' },
  ablate: { options: ABLATE_OPTIONS, summary: "run the paper's ablation studies (loss, generator, patch, all) and write one report", usage: 'pix2pix ablate [--study loss|generator|patch|all] [--dataroot DIR] [options]' },
  convert: { options: CONVERT_OPTIONS, summary: 'convert between this project\'s checkpoints and the official PyTorch .pth layout', usage: 'pix2pix convert --input PATH --output DIR [--to tfjs|pth]' },
  download: { options: DOWNLOAD_OPTIONS, summary: 'download an official pix2pix dataset (facades, cityscapes, maps, edges2shoes, edges2handbags, night2day) into the cache', usage: 'pix2pix download NAME [--verify] | pix2pix download --list' },
} as const;

/** A command name. */
export type CommandName = keyof typeof COMMANDS;
