import type { RunConfig } from './run-config';

/** A preset: every configurable field of a run except where the data is and what the run is called. */
export type Preset = Omit<RunConfig, 'format' | 'version' | 'data' | 'run'> & {
  /** The data options a preset sets (the rest of the loader's options follow from them and the run: `buildRunConfig`). */
  readonly data: Pick<RunConfig['data'], 'direction' | 'phase' | 'evalPhase' | 'preprocess' | 'loadSize' | 'cropSize' | 'noFlip' | 'shuffle' | 'batchSize' | 'maxDatasetSize' | 'workers'>;
  readonly run: Omit<RunConfig['run'], 'name' | 'runsDir'>;
};

const PAPER_TEST = { dropout: true, batchStats: true, numTest: null } as const;

/**
 * `--preset paper`: the paper's Facades configuration. 256x256 (load 286, random crop 256, flip), `unet_256`
 * with ngf 64 and dropout, the 70x70 PatchGAN (conditional) with ndf 64, batch norm, vanilla cGAN + 100·L1, Adam(2e-4, 0.5),
 * 100 epochs + 100 of linear decay, batch 1.
 */
export const PAPER_PRESET: Preset = {
  preset: 'paper',
  data: {
    direction: 'BtoA',
    phase: 'train',
    evalPhase: 'test',
    preprocess: 'resize_and_crop',
    loadSize: 286,
    cropSize: 256,
    noFlip: false,
    shuffle: true,
    batchSize: 1,
    maxDatasetSize: undefined,
    workers: 1,
  },
  model: { netG: 'unet_256', netD: 'basic', nLayersD: 3, ngf: 64, ndf: 64, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3, initType: 'normal', initGain: 0.02, netDInput: 'conditional' },
  objective: { ganMode: 'vanilla', lambdaL1: 100, lr: 2e-4, beta1: 0.5, lrPolicy: 'linear', lrDecayIters: 50, nEpochs: 100, nEpochsDecay: 100 },
  run: { seed: 0, printFreq: 100, displayFreq: 1, saveEpochFreq: 5, numSamples: 6, timeLimitMinutes: null },
  test: PAPER_TEST,
};

/**
 * `--preset default`: the paper's recipe scaled to finish in under 10 minutes on 2 CPU cores with the wasm
 * backend. 64x64 (load 72, random crop 64, flip: the paper's 286 -> 256 jitter at a quarter of the size),
 * `unet_64` (6 downs: a 1x1 bottleneck, as `unet_256` at 256) with ngf 16 and dropout, a 34x34 PatchGAN
 * (`n_layers_D` 2: about half the image; a 70x70 one would see all of a 64x64 image) with ndf 16, and the paper's
 * objective, optimiser and schedule shape (constant, then linear decay), batch 1, over 16 + 16 epochs of the 400
 * training pairs: 12 800 steps, a snapshot every 2 epochs. Measured with this project's wasm kernels after issue 15
 * (fused batch norm and activation gradients): 22.2 it/s (45 ms a step, data included), 9m37s of training on an
 * idle 2-core machine; the 10 + 10 epochs of before took 6m17s (they took 8m00s before issue 15), and scored
 * worse on SSIM and the colour test (`examples/facades/README.md`).
 */
export const DEFAULT_PRESET: Preset = {
  ...PAPER_PRESET,
  preset: 'default',
  data: { ...PAPER_PRESET.data, loadSize: 72, cropSize: 64 },
  model: { ...PAPER_PRESET.model, netG: 'unet_64', netD: 'n_layers', nLayersD: 2, ngf: 16, ndf: 16 },
  objective: { ...PAPER_PRESET.objective, nEpochs: 16, nEpochsDecay: 16 },
  run: { ...PAPER_PRESET.run, saveEpochFreq: 2 },
};

/**
 * `--preset smoke` (`--smoke`): seconds, for CI. 8 training pairs at 32x32 (load 36), `unet_32` with ngf 8, a
 * 16x16 PatchGAN with ndf 8, 2 epochs, 8 test images; still a real run folder and report.
 */
export const SMOKE_PRESET: Preset = {
  ...PAPER_PRESET,
  preset: 'smoke',
  data: { ...PAPER_PRESET.data, loadSize: 36, cropSize: 32, maxDatasetSize: 8, workers: 0 },
  model: { ...PAPER_PRESET.model, netG: 'unet_32', netD: 'n_layers', nLayersD: 1, ngf: 8, ndf: 8 },
  objective: { ...PAPER_PRESET.objective, nEpochs: 1, nEpochsDecay: 1 },
  run: { ...PAPER_PRESET.run, printFreq: 4, saveEpochFreq: 1, numSamples: 4 },
  test: { ...PAPER_TEST, numTest: 8 },
};

/** The presets by name. */
export const PRESETS = { default: DEFAULT_PRESET, paper: PAPER_PRESET, smoke: SMOKE_PRESET } as const;

/** The run name when `--name` is not given (`synthetic` for `--dataset_mode synthetic`). */
export const DEFAULT_RUN_NAME = 'experiment';
/** See {@link DEFAULT_RUN_NAME}. */
export const SYNTHETIC_RUN_NAME = 'synthetic';
/** Where run folders go when `--runs_dir` (`--checkpoints_dir`) is not given. */
export const DEFAULT_RUNS_DIR = 'runs';
