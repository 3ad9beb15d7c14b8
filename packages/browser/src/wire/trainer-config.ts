import * as t from 'io-ts';
import { ModelSpec, ObjectiveSpec } from '@pix2pix-ts/pix2pix';

/** An NHWC shape `[n, h, w, c]` as io-ts decodes it from JSON. */
export const Shape4Codec = t.tuple([t.number, t.number, t.number, t.number], 'Shape4');
/** See {@link Shape4Codec}. */
export type Shape4 = t.TypeOf<typeof Shape4Codec>;

/**
 * What a WebGL trainer needs to start a run: the networks (pix2pix's {@link ModelSpec}, the one description
 * the CLI's run configuration embeds too, so the page builds exactly what Node builds), the batch shape of A
 * (`[n, h, w, inChannels]`), the seed of the initial key (the same seed gives the same initial state on every
 * backend), the objective (pix2pix's {@link ObjectiveSpec}; default the paper's) and, optionally, the caller's own
 * run configuration to store in every checkpoint's manifest (`config`; default: this object).
 *
 * @example
 * ```ts
 * import type { TrainerConfig } from '@pix2pix-ts/browser';
 * const config: TrainerConfig = {
 *   model: { netG: 'unet_32', netD: 'basic', nLayersD: 3, ngf: 4, ndf: 4, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 },
 *   inputShape: [1, 32, 32, 3],
 *   seed: 0,
 * };
 * ```
 */
export const TrainerConfig = t.intersection(
  [
    t.type({ model: ModelSpec, inputShape: Shape4Codec, seed: t.number }),
    t.partial({ objective: ObjectiveSpec, checkpointConfig: t.unknown }),
  ],
  'TrainerConfig',
);
/** See {@link TrainerConfig}. */
export type TrainerConfig = t.TypeOf<typeof TrainerConfig>;
