import { DIRECTION_NAMES } from '../config/net-names';
import { defineOption, type OptionsOf, type OptionTable } from '../options/option-spec';
import { Flag, intFromString, NonEmpty, oneOf, PositiveInt } from '../options/string-codecs';
import { DEFAULT_BUDGET, SMOKE_BUDGET } from './study-budget';
import { STUDY_CHOICES } from './variants';

const spec = defineOption;
const MAX_EPOCHS = 100_000;
const d = DEFAULT_BUDGET;
const s = SMOKE_BUDGET;

/** `pix2pix ablate`: the paper's ablation studies, one command. */
export const ABLATE_OPTIONS = {
  study: spec({ codec: oneOf(STUDY_CHOICES), arg: 'NAME', group: 'Study', help: 'loss (l1, cgan, l1+gan, l1+cgan) | generator (unet vs encoder-decoder) | patch (1, 16, 70, 286, image) | all (their union, shared variants trained once)', default: 'all' }),
  out: spec({ codec: NonEmpty, arg: 'DIR', group: 'Study', help: 'the study folder (run the same command again to resume it)', default: 'runs/ablations-<study> (with --preset smoke: runs/ablations-<study>-smoke)' }),
  dry_run: spec({ codec: Flag, group: 'Study', help: 'print the plan and what is already done; train nothing' }),
  report_only: spec({ codec: Flag, group: 'Study', help: 'train nothing: evaluate the finished variants (what is not cached yet) and rewrite the report; safe beside a study still training' }),
  num_samples: spec({ codec: intFromString(1, 24), arg: 'N', group: 'Study', help: 'test images shown side by side for every variant', default: '6' }),
  dataroot: spec({ codec: NonEmpty, arg: 'DIR', group: 'Data', help: 'folder holding train/ and test/ of aligned AB images', default: 'the shared CMP Facades (../shared/data/facades)' }),
  dataset_mode: spec({ codec: oneOf(['aligned', 'synthetic'] as const), arg: 'MODE', group: 'Data', help: 'aligned: --dataroot; synthetic: procedural facades (tests)', default: 'aligned' }),
  direction: spec({ codec: oneOf(DIRECTION_NAMES), arg: 'DIR', group: 'Data', help: 'AtoB or BtoA (facades labels -> photo is BtoA)', default: 'BtoA' }),
  max_dataset_size: spec({ codec: PositiveInt, arg: 'N', group: 'Budget', help: 'train on the first N pairs only', default: `all; smoke: ${s.maxDatasetSize ?? 'all'}` }),
  num_test: spec({ codec: PositiveInt, arg: 'N', group: 'Budget', help: 'evaluate on at most N test pairs', default: `all; smoke: ${s.numTest ?? 'all'}` }),
  preset: spec({ codec: oneOf(['default', 'smoke'] as const), arg: 'NAME', group: 'Budget', help: 'every variant\'s size and networks: default (64x64, unet_64 ngf 16, 34x34 PatchGAN) or smoke (32x32, seconds)', default: 'default' }),
  n_epochs: spec({ codec: intFromString(0, MAX_EPOCHS), arg: 'N', group: 'Budget', help: 'epochs at the initial learning rate, per variant', default: `${d.nEpochs}; smoke: ${s.nEpochs}` }),
  n_epochs_decay: spec({ codec: intFromString(0, MAX_EPOCHS), arg: 'N', group: 'Budget', help: 'epochs of linear decay, per variant', default: `${d.nEpochsDecay}; smoke: ${s.nEpochsDecay}` }),
  seeds: spec({ codec: intFromString(1, 100), arg: 'N', group: 'Budget', help: 'seeds per variant (the tables give mean ± sd over them)', default: String(d.seeds) }),
  baseline_seeds: spec({ codec: intFromString(1, 100), arg: 'N', group: 'Budget', help: 'seeds of the baseline (L1+cGAN), at least --seeds: its spread is the noise floor of every comparison', default: String(d.baselineSeeds) }),
  seed: spec({ codec: intFromString(0, 2 ** 31 - 101), arg: 'N', group: 'Budget', help: 'the first seed (then N+1, ...)', default: String(d.firstSeed) }),
  no_fcn: spec({ codec: Flag, group: 'Evaluation', help: 'skip the FCN-score (and the training of its segmenter); the Lab colour histograms are still computed' }),
  fcn_steps: spec({ codec: intFromString(1, 1_000_000), arg: 'N', group: 'Evaluation', help: 'training steps of the FCN-score segmenter (trained once on the real training photos, cached, shared by every variant)', default: '3000; smoke: 50' }),
  backend: spec({ codec: oneOf(['wasm', 'cpu'] as const), arg: 'NAME', group: 'Runtime', help: 'tfjs backend: wasm (fast CPU) or cpu (reference)', default: 'wasm' }),
  wasm_kernels: spec({ codec: oneOf(['native', 'backends'] as const), arg: 'WHICH', group: 'Runtime', help: 'wasm convolution kernels: backends (the default) or native', default: 'backends' }),
  help: spec({ codec: Flag, group: 'Runtime', help: 'show this help' }),
} as const satisfies OptionTable;

/** The decoded options of `pix2pix ablate`. */
export type AblateOptions = OptionsOf<typeof ABLATE_OPTIONS>;
