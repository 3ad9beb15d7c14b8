import { defineOption, type OptionTable } from '../options/option-spec';
import { Flag, intFromString, NonEmpty } from '../options/string-codecs';

/**
 * The options of `pix2pix eval` for the realism metrics: the Lab colour histograms are always computed (they are
 * cheap); the FCN-score needs a segmenter, trained once per data root, size, seed and budget and then cached.
 */
export const REALISM_EVAL_OPTIONS = {
  no_fcn: defineOption({ codec: Flag, group: 'Realism', help: 'skip the FCN-score (and the training of its segmenter); the Lab colour histograms are still computed' }),
  fcn_steps: defineOption({
    codec: intFromString(1, 1_000_000),
    arg: 'N',
    group: 'Realism',
    help: 'training steps (batch 4) of the FCN-score segmenter on the real training photos; a trained segmenter is cached per data root, size, seed and steps',
    default: '3000',
  }),
  fcn_cache: defineOption({ codec: NonEmpty, arg: 'DIR', group: 'Realism', help: 'where trained segmenters are cached', default: '$XDG_CACHE_HOME/pix2pix-ts or ~/.cache/pix2pix-ts' }),
} as const satisfies OptionTable;
