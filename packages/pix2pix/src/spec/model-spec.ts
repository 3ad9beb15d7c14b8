import { INIT_TYPES, type InitType } from '@pix2pix-ts/layers';
import * as t from 'io-ts';
import { DISCRIMINATOR_INPUTS, type DiscriminatorInput } from '../discriminators/discriminator-input';
import { keys, PositiveInt } from './codecs';
import { NetGName } from './net-g-name';

/** `--netD`: `basic` (70x70 PatchGAN, `n_layers` 3), `n_layers` (use `--n_layers_D`), `pixel` (1x1). */
export const NET_D_NAMES = ['basic', 'n_layers', 'pixel'] as const;
/** See {@link NET_D_NAMES}. */
export type NetDName = (typeof NET_D_NAMES)[number];

/** `--norm`. */
export const NORM_NAMES = ['batch', 'instance', 'none'] as const;

/**
 * `--norm` as an io-ts codec (`NormKind`).
 *
 * @example
 * ```ts
 * import { NormKindCodec } from '@pix2pix-ts/pix2pix';
 * NormKindCodec.is('instance'); // true
 * ```
 */
export const NormKindCodec = keys(NORM_NAMES, 'a norm');

/**
 * A generator as data, by the official option names: `netG` (`unet_256`, `resnet_9blocks`, `unet_<N>`, and the
 * ablation `encoder_decoder_<N>`), `ngf`, `norm`, `dropout` (the official default; `--no_dropout` turns it off)
 * and `outputNc`. Input channels come from the data. The generator half of {@link ModelSpec}; an exported
 * generator records this much.
 *
 * @example
 * ```ts
 * import { GeneratorSpec } from '@pix2pix-ts/pix2pix';
 * GeneratorSpec.is({ netG: 'unet_256', ngf: 64, norm: 'batch', dropout: true, outputNc: 3 }); // true
 * ```
 */
export const GeneratorSpec = t.type(
  { netG: NetGName, ngf: PositiveInt, norm: NormKindCodec, dropout: t.boolean, outputNc: PositiveInt },
  'GeneratorSpec',
);
/** See {@link GeneratorSpec}. */
export type GeneratorSpec = t.TypeOf<typeof GeneratorSpec>;

/**
 * Both networks of a pix2pix model as data: ONE serialisable description, by the official option names, that
 * every place building networks decodes (the CLI's run configuration and checkpoints, the WebGL/WebGPU trainer
 * page, the bench, exports) and builds with {@link buildNets}, so no two backends can build different networks.
 *
 * Required: the generator ({@link GeneratorSpec}), `netD` / `nLayersD` / `ndf` (the PatchGAN), `inputNc`.
 * Optional, so that configurations written before they existed still decode: `initType` / `initGain` (the
 * official `--init_type` / `--init_gain`; absent: `normal`, 0.02, see {@link initOf}) and `netDInput` (what D
 * sees; absent: `conditional`, see {@link netDInputOf}).
 *
 * @example
 * ```ts
 * import { ModelSpec } from '@pix2pix-ts/pix2pix';
 * const paper: ModelSpec = { netG: 'unet_256', netD: 'basic', nLayersD: 3, ngf: 64, ndf: 64, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 };
 * ModelSpec.is(paper); // true
 * ```
 */
export const ModelSpec = t.intersection(
  [
    GeneratorSpec,
    t.type({ netD: keys(NET_D_NAMES, 'a netD'), nLayersD: PositiveInt, ndf: PositiveInt, inputNc: PositiveInt }),
    t.partial({
      initType: keys(INIT_TYPES, 'an init type'),
      initGain: t.refinement(t.number, (n) => Number.isFinite(n) && n > 0, 'PositiveFinite'),
      netDInput: keys(DISCRIMINATOR_INPUTS, "'conditional' or 'unconditional'"),
    }),
  ],
  'ModelSpec',
);
/** See {@link ModelSpec}. */
export type ModelSpec = t.TypeOf<typeof ModelSpec>;

/** The official weight initialisation default: `init_type normal`, `init_gain 0.02`. */
export const DEFAULT_INIT = { type: 'normal', gain: 0.02 } as const;

/**
 * The weight initialisation of a model spec (the official default where the spec predates it).
 *
 * @example
 * ```ts
 * import { initOf } from '@pix2pix-ts/pix2pix';
 * initOf({ initType: 'xavier' }); // { type: 'xavier', gain: 0.02 }
 * ```
 */
export const initOf = (m: Pick<ModelSpec, 'initType' | 'initGain'>): { readonly type: InitType; readonly gain: number } => ({
  type: m.initType ?? DEFAULT_INIT.type,
  gain: m.initGain ?? DEFAULT_INIT.gain,
});

/**
 * What the discriminator of a model spec sees (`conditional` for specs that predate the option).
 *
 * @example
 * ```ts
 * import { netDInputOf } from '@pix2pix-ts/pix2pix';
 * netDInputOf({}); // 'conditional'
 * ```
 */
export const netDInputOf = (m: Pick<ModelSpec, 'netDInput'>): DiscriminatorInput => m.netDInput ?? 'conditional';
