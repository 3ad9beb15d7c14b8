import type * as t from 'io-ts';
import {
  BACKEND_CHOICES,
  DATASET_MODE_NAMES,
  DIRECTION_NAMES,
  GAN_MODE_NAMES,
  LR_POLICY_NAMES,
  NET_D_NAMES,
  NetGName,
  NORM_NAMES,
  PHASE_NAMES,
  PREPROCESS_NAMES,
  PRESET_NAMES,
} from '../config/net-names';
import type { OptionSpec, OptionTable } from './option-spec';
import { Flag, intFromString, NonEmpty, NonNegativeInt, NonNegativeNumber, oneOf, PositiveInt, PositiveNumber, SafeName, UnitInterval } from './string-codecs';

/** Declares one option, keeping its codec's type (so decoded options are typed). */
const spec = <C extends t.Mixed>(s: Omit<OptionSpec, 'codec'> & { readonly codec: C }): Omit<OptionSpec, 'codec'> & { readonly codec: C } => s;

/** Options every command has. */
const common = {
  backend: spec({ codec: oneOf(BACKEND_CHOICES), arg: 'NAME', group: 'Runtime', help: 'tfjs backend: wasm (fast CPU), cpu (reference), webgl (train only: the steps run in headless Chromium)', default: 'wasm' }),
  seed: spec({ codec: intFromString(0, 2 ** 31 - 1, 'an integer in [0, 2147483647]'), arg: 'N', group: 'Runtime', help: 'root of every random draw: weights, data order, crops, flips, dropout', default: '0' }),
  wasm_kernels: spec({
    codec: oneOf(['native', 'backends'] as const),
    arg: 'WHICH',
    group: 'Runtime',
    help: "wasm convolution kernels: backends (@pix2pix-ts/backends' replacements, the default; measured 1.6-2x faster per step) or native (tfjs-wasm's own, to compare)",
    default: 'backends',
  }),
  help: spec({ codec: Flag, group: 'Runtime', help: 'show this help' }),
} as const;

/** Test-time behaviour, shared by train (its final evaluation), test and eval. */
const testTime = {
  eval: spec({
    codec: Flag,
    group: 'Test time',
    help: 'use running norm statistics and no dropout (the official --eval); default: the paper\'s test behaviour, dropout on and batch statistics',
  }),
  num_test: spec({ codec: PositiveInt, arg: 'N', group: 'Test time', help: 'use at most N test images', default: 'all' }),
} as const;

const checkpointSource = {
  checkpoint: spec({ codec: NonEmpty, arg: 'DIR', group: 'Model', help: 'a checkpoint folder (model.json + weights.bin), e.g. runs/facades-…/checkpoints/latest' }),
  run: spec({ codec: NonEmpty, arg: 'DIR', group: 'Model', help: 'a run folder: uses its checkpoints/latest' }),
} as const;

/**
 * `pix2pix train`: the official training options (same names where they exist), plus presets, smoke mode,
 * resume and the time limit.
 */
export const TRAIN_OPTIONS = {
  preset: spec({ codec: oneOf(PRESET_NAMES), arg: 'NAME', group: 'Presets', help: 'default: 64x64 facades in ~10 min on 2 CPU cores; paper: 256x256 unet_256, 70x70 PatchGAN, 200 epochs; smoke: seconds, for CI', default: 'default' }),
  smoke: spec({ codec: Flag, group: 'Presets', help: 'same as --preset smoke: a few iterations on a few images at a tiny size, with a real report' }),
  dataroot: spec({ codec: NonEmpty, arg: 'DIR', group: 'Data', help: 'folder holding train/ and test/ of aligned AB images (each file: A left, B right)' }),
  dataset_mode: spec({ codec: oneOf(['aligned', 'synthetic'] as const), arg: 'MODE', group: 'Data', help: 'aligned: --dataroot; synthetic: procedural facades, no files needed', default: 'aligned' }),
  direction: spec({ codec: oneOf(DIRECTION_NAMES), arg: 'DIR', group: 'Data', help: 'AtoB or BtoA (facades labels -> photo is BtoA)', default: 'BtoA' }),
  phase: spec({ codec: oneOf(PHASE_NAMES), arg: 'SPLIT', group: 'Data', help: 'the training split', default: 'train' }),
  eval_phase: spec({ codec: oneOf(PHASE_NAMES), arg: 'SPLIT', group: 'Data', help: 'the split evaluated at the end and sampled for the report', default: 'test' }),
  max_dataset_size: spec({ codec: PositiveInt, arg: 'N', group: 'Data', help: 'use only the first N training pairs', default: 'all' }),
  preprocess: spec({ codec: oneOf(PREPROCESS_NAMES), arg: 'MODE', group: 'Data', help: 'the official preprocessing', default: 'resize_and_crop' }),
  load_size: spec({ codec: PositiveInt, arg: 'N', group: 'Data', help: 'scale images to N (before the random crop)', default: '72 (paper: 286)' }),
  crop_size: spec({ codec: PositiveInt, arg: 'N', group: 'Data', help: 'then crop to N: the training size', default: '64 (paper: 256)' }),
  no_flip: spec({ codec: Flag, group: 'Data', help: 'no random horizontal flip' }),
  serial_batches: spec({ codec: Flag, group: 'Data', help: 'no shuffling: pairs in sorted order' }),
  batch_size: spec({ codec: PositiveInt, arg: 'N', group: 'Data', help: 'pairs per step', default: '1' }),
  num_threads: spec({ codec: intFromString(0, 16), arg: 'N', group: 'Data', help: 'decode workers (0: decode on the training thread)', default: '1' }),
  netG: spec({ codec: NetGName, arg: 'NAME', group: 'Model', help: 'unet_256 | unet_128 | resnet_9blocks | resnet_6blocks | unet_<N> (log2 N downs)', default: 'unet_64 (paper: unet_256)' }),
  netD: spec({ codec: oneOf(NET_D_NAMES), arg: 'NAME', group: 'Model', help: 'basic (70x70 PatchGAN) | n_layers (use --n_layers_D) | pixel (1x1)', default: 'n_layers (paper: basic)' }),
  n_layers_D: spec({ codec: intFromString(1, 6), arg: 'N', group: 'Model', help: 'conv layers of an n_layers discriminator: 1 (16x16), 2 (34x34), 3 (70x70)', default: '2 (paper: 3)' }),
  ngf: spec({ codec: PositiveInt, arg: 'N', group: 'Model', help: 'generator filters in the first conv', default: '16 (paper: 64)' }),
  ndf: spec({ codec: PositiveInt, arg: 'N', group: 'Model', help: 'discriminator filters in the first conv', default: '16 (paper: 64)' }),
  norm: spec({ codec: oneOf(NORM_NAMES), arg: 'NAME', group: 'Model', help: 'batch | instance | none', default: 'batch' }),
  no_dropout: spec({ codec: Flag, group: 'Model', help: 'no dropout in the generator' }),
  gan_mode: spec({ codec: oneOf(GAN_MODE_NAMES), arg: 'MODE', group: 'Objective', help: 'vanilla (the paper\'s BCE) | lsgan | none (L1 only, the paper\'s ablation)', default: 'vanilla' }),
  l1_only: spec({ codec: Flag, group: 'Objective', help: 'same as --gan_mode none: train G with the L1 term alone' }),
  lambda_L1: spec({ codec: NonNegativeNumber, arg: 'X', group: 'Objective', help: 'weight of the L1 term', default: '100' }),
  lr: spec({ codec: PositiveNumber, arg: 'X', group: 'Objective', help: 'Adam learning rate', default: '0.0002' }),
  beta1: spec({ codec: UnitInterval, arg: 'X', group: 'Objective', help: 'Adam beta1', default: '0.5' }),
  lr_policy: spec({ codec: oneOf(LR_POLICY_NAMES), arg: 'NAME', group: 'Objective', help: 'linear | step | cosine | constant', default: 'linear' }),
  lr_decay_iters: spec({ codec: PositiveInt, arg: 'N', group: 'Objective', help: 'epochs between x0.1 steps of the step policy', default: '50' }),
  n_epochs: spec({ codec: NonNegativeInt, arg: 'N', group: 'Schedule', help: 'epochs at the initial learning rate', default: '5 (paper: 100)' }),
  n_epochs_decay: spec({ codec: NonNegativeInt, arg: 'N', group: 'Schedule', help: 'epochs of linear decay to zero', default: '5 (paper: 100)' }),
  time_limit: spec({ codec: PositiveNumber, arg: 'MIN', group: 'Schedule', help: 'stop training after MIN minutes (then evaluate and report as usual)', default: 'none (example: 12)' }),
  name: spec({ codec: SafeName, arg: 'NAME', group: 'Run', help: 'the run folder is <runs_dir>/<name>-<timestamp>/', default: 'experiment' }),
  runs_dir: spec({ codec: NonEmpty, arg: 'DIR', group: 'Run', help: 'where run folders go', default: 'runs', aliases: ['checkpoints_dir'] }),
  resume: spec({ codec: NonEmpty, arg: 'RUN_DIR', group: 'Run', help: 'continue a run exactly where it stopped (its configuration is reused; only runtime options apply)' }),
  print_freq: spec({ codec: PositiveInt, arg: 'N', group: 'Run', help: 'iterations between log lines when stdout is not a terminal', default: '100' }),
  display_freq: spec({ codec: PositiveInt, arg: 'N', group: 'Run', help: 'iterations between progress-bar redraws on a terminal', default: '1' }),
  save_epoch_freq: spec({ codec: PositiveInt, arg: 'N', group: 'Run', help: 'epochs between checkpoints and report samples (the last epoch is always saved)', default: '1 (paper: 5)' }),
  num_samples: spec({ codec: intFromString(1, 24), arg: 'N', group: 'Run', help: 'fixed eval images shown in the report at each save point', default: '6' }),
  chromium: spec({
    codec: NonEmpty,
    arg: 'PATH',
    group: 'Runtime',
    help: 'with --backend webgl: the Chromium to run the steps in (install: apt-get install -y chromium)',
    default: '$PIX2PIX_CHROMIUM, else /usr/bin/chromium, …',
  }),
  ...testTime,
  ...common,
} as const satisfies OptionTable;

/** `pix2pix test`: translate a folder of images into an output folder. */
export const TEST_OPTIONS = {
  ...checkpointSource,
  dataroot: spec({ codec: NonEmpty, arg: 'DIR', group: 'Data', help: 'folder of input images (single) or of aligned AB images (aligned)' }),
  results_dir: spec({ codec: NonEmpty, arg: 'DIR', group: 'Data', help: 'where the translated images are written', default: '<run>/test_latest or ./results' }),
  dataset_mode: spec({ codec: oneOf(DATASET_MODE_NAMES), arg: 'MODE', group: 'Data', help: 'single: each file is an input; aligned: AB files, the input side chosen by --direction', default: 'single' }),
  direction: spec({ codec: oneOf(DIRECTION_NAMES), arg: 'DIR', group: 'Data', help: 'for aligned files', default: 'the checkpoint\'s' }),
  ...testTime,
  ...common,
} as const satisfies OptionTable;

/** `pix2pix eval`: test-set metrics of a checkpoint. */
export const EVAL_OPTIONS = {
  ...checkpointSource,
  dataroot: spec({ codec: NonEmpty, arg: 'DIR', group: 'Data', help: 'folder holding the split of aligned AB images', default: 'the checkpoint\'s' }),
  dataset_mode: spec({ codec: oneOf(['aligned', 'synthetic'] as const), arg: 'MODE', group: 'Data', help: 'aligned or synthetic', default: 'the checkpoint\'s' }),
  phase: spec({ codec: oneOf(PHASE_NAMES), arg: 'SPLIT', group: 'Data', help: 'the split to evaluate', default: 'test' }),
  direction: spec({ codec: oneOf(DIRECTION_NAMES), arg: 'DIR', group: 'Data', help: 'AtoB or BtoA', default: 'the checkpoint\'s' }),
  output: spec({ codec: NonEmpty, arg: 'FILE', group: 'Data', help: 'also write the metrics as JSON to FILE' }),
  ...testTime,
  ...common,
} as const satisfies OptionTable;

/** `pix2pix export`: the generator alone, as a tfjs weights folder for the browser demo. */
export const EXPORT_OPTIONS = {
  ...checkpointSource,
  output: spec({ codec: NonEmpty, arg: 'DIR', group: 'Output', help: 'the folder to write (model.json + weights.bin)', default: '<run>/export' }),
  ...common,
} as const satisfies OptionTable;

/** The commands of the `pix2pix` binary. */
export const COMMANDS = {
  train: { options: TRAIN_OPTIONS, summary: 'train a pix2pix model, evaluate it on the test split and write a report', usage: 'pix2pix train --dataroot DIR [options]' },
  test: { options: TEST_OPTIONS, summary: 'translate a folder of images with a trained generator', usage: 'pix2pix test --checkpoint DIR --dataroot DIR [options]' },
  eval: { options: EVAL_OPTIONS, summary: 'L1 / PSNR / SSIM of a checkpoint on a split', usage: 'pix2pix eval --checkpoint DIR [options]' },
  export: { options: EXPORT_OPTIONS, summary: 'write the generator alone as a tfjs weights folder (model.json + weights.bin)', usage: 'pix2pix export --checkpoint DIR --output DIR' },
} as const;

/** A command name. */
export type CommandName = keyof typeof COMMANDS;
