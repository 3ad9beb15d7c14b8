import * as E from 'fp-ts/Either';
import { usageError, type CliError } from '../cli/cli-error';
import type { TRAIN_OPTIONS } from '../options/command-options';
import type { OptionsOf } from '../options/option-spec';
import { discriminatorChoice, objectiveChoice } from './ablation-options';
import { channelsOfMode, isPhotoMode } from '../data/photo-mode';
import { parseNetG } from './net-names';
import { DEFAULT_RUN_NAME, DEFAULT_RUNS_DIR, PRESETS, SYNTHETIC_RUN_NAME } from './presets';
import { initOf, runLoaderOptions, type RunConfig } from './run-config';

/** The decoded options of `pix2pix train`. */
export type TrainOptions = OptionsOf<typeof TRAIN_OPTIONS>;

/**
 * Checks that a size survives a network: a U-Net (or its encoder-decoder ablation) of `depth` downs needs a
 * multiple of 2^depth (else it is the shape error the layers would raise, said before any compute; without skips
 * nothing would raise it: the output would come out smaller than the target); a ResNet generator needs a multiple of 4.
 */
export function sizeProblem(netG: string, size: number): string | undefined {
  const spec = parseNetG(netG);
  if (spec === undefined) return `unknown netG ${netG}`;
  const downs = spec.kind === 'resnet' ? 2 : spec.depth;
  const unit = 2 ** downs;
  if (size % unit === 0) return undefined;
  let s = size;
  let halvings = 0;
  while (s % 2 === 0 && halvings < downs) {
    s /= 2;
    halvings++;
  }
  return `--crop_size ${size} does not fit ${netG}: cannot halve ${s} (after ${halvings} of ${downs} downsamplings); use a multiple of ${unit}`;
}

/**
 * Builds a run's configuration from the decoded `train` options: the preset's values, overridden by whatever was
 * given, then cross-checked (data source, sizes against the network, load >= crop). Pure.
 *
 * @example
 * ```ts
 * import { buildRunConfig } from '@pix2pix-ts/cli';
 * buildRunConfig({ dataroot: 'data/facades', preset: 'paper' }); // Right(the paper's configuration)
 * buildRunConfig({ dataroot: 'data/facades', crop_size: 60 }); // Left: '--crop_size 60 does not fit unet_64: …'
 * ```
 */
export function buildRunConfig(o: TrainOptions): E.Either<CliError, RunConfig> {
  const presetName = o.smoke === true ? 'smoke' : (o.preset ?? 'default');
  if (o.smoke === true && o.preset !== undefined && o.preset !== 'smoke') return E.left(usageError(`--smoke conflicts with --preset ${o.preset}`));
  const p = PRESETS[presetName];
  const mode = o.dataset_mode ?? 'aligned';
  if (mode === 'aligned' && o.dataroot === undefined) {
    return E.left(usageError('--dataroot: required (a folder with train/ and test/ of aligned AB images), or --dataset_mode synthetic'));
  }
  if (isPhotoMode(mode) && o.dataroot === undefined) {
    return E.left(usageError(`--dataroot: required with --dataset_mode ${mode} (a folder with train/ and test/ of photos, or of AB images with --photo_side A|B)`));
  }
  if (!isPhotoMode(mode) && o.photo_side !== undefined) return E.left(usageError(`--photo_side: only used with --dataset_mode colorization|edges|inpaint (got --dataset_mode ${mode})`));
  const objective = objectiveChoice(o, p);
  if (E.isLeft(objective)) return objective;
  const cropSize = o.crop_size ?? p.data.cropSize;
  const preprocess = o.preprocess ?? p.data.preprocess;
  // A crop size given alone scales the load size with it (the paper's 286/256 ratio), unless given too.
  const loadSize = o.load_size ?? (o.crop_size === undefined ? p.data.loadSize : Math.round((cropSize * p.data.loadSize) / p.data.cropSize));
  if ((preprocess === 'resize_and_crop' || preprocess === 'scale_width_and_crop') && loadSize < cropSize) {
    return E.left(usageError(`--load_size ${loadSize} must be >= --crop_size ${cropSize} with --preprocess ${preprocess}`));
  }
  const netG = o.netG ?? p.model.netG;
  const fit = sizeProblem(netG, cropSize);
  if (fit !== undefined) return E.left(usageError(fit));
  const d = discriminatorChoice(o, p, cropSize);
  if (E.isLeft(d)) return d;
  const batchSize = o.batch_size ?? p.data.batchSize;
  const seed = o.seed ?? p.run.seed;
  const config: RunConfig = {
    format: 'pix2pix-ts/run-config',
    version: 2,
    preset: p.preset,
    data: {
      mode,
      dataroot: o.dataroot ?? null,
      direction: o.direction ?? p.data.direction,
      phase: o.phase ?? p.data.phase,
      evalPhase: o.eval_phase ?? p.data.evalPhase,
      ...(isPhotoMode(mode) ? { photoSide: o.photo_side ?? 'whole' } : {}),
      // The training loader's options, as the datasets loader takes them (opened from here as they are).
      preprocess,
      loadSize,
      cropSize,
      noFlip: o.no_flip ?? p.data.noFlip,
      batchSize,
      shuffle: o.serial_batches === undefined ? p.data.shuffle : !o.serial_batches,
      ...runLoaderOptions(batchSize, seed),
      skipBad: o.strict_data !== true,
      maxDatasetSize: o.max_dataset_size ?? p.data.maxDatasetSize,
      workers: o.num_threads ?? p.data.workers,
    },
    model: {
      ...p.model,
      ...channelsOfMode(mode),
      netG,
      netD: d.right.netD,
      nLayersD: d.right.nLayersD,
      netDInput: objective.right.netDInput,
      ngf: o.ngf ?? p.model.ngf,
      ndf: o.ndf ?? p.model.ndf,
      norm: o.norm ?? p.model.norm,
      dropout: o.no_dropout === true ? false : p.model.dropout,
      initType: o.init_type ?? initOf(p.model).type,
      initGain: o.init_gain ?? initOf(p.model).gain,
    },
    objective: {
      ganMode: objective.right.ganMode,
      lambdaL1: objective.right.lambdaL1,
      lr: o.lr ?? p.objective.lr,
      beta1: o.beta1 ?? p.objective.beta1,
      lrPolicy: o.lr_policy ?? p.objective.lrPolicy,
      lrDecayIters: o.lr_decay_iters ?? p.objective.lrDecayIters,
      nEpochs: o.n_epochs ?? p.objective.nEpochs,
      nEpochsDecay: o.n_epochs_decay ?? p.objective.nEpochsDecay,
    },
    run: {
      name: o.name ?? (mode === 'synthetic' ? SYNTHETIC_RUN_NAME : isPhotoMode(mode) ? mode : DEFAULT_RUN_NAME),
      runsDir: o.runs_dir ?? DEFAULT_RUNS_DIR,
      seed,
      printFreq: o.print_freq ?? p.run.printFreq,
      displayFreq: o.display_freq ?? p.run.displayFreq,
      saveEpochFreq: o.save_epoch_freq ?? p.run.saveEpochFreq,
      numSamples: o.num_samples ?? p.run.numSamples,
      timeLimitMinutes: o.time_limit ?? p.run.timeLimitMinutes,
    },
    test: {
      dropout: o.eval === true ? false : p.test.dropout,
      batchStats: o.eval === true ? false : p.test.batchStats,
      numTest: o.num_test ?? p.test.numTest,
    },
  };
  if (config.objective.nEpochs + config.objective.nEpochsDecay === 0) return E.left(usageError('--n_epochs + --n_epochs_decay must be at least 1'));
  return E.right(config);
}
