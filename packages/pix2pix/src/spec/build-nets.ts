import { initWeights, type Layer, type Sig } from '@pix2pix-ts/layers';
import { patchGanOf } from '../discriminators/patch-gan';
import { encoderDecoderOf } from '../generators/encoder-decoder';
import { resnetGeneratorOf } from '../generators/resnet';
import { unetGeneratorOf } from '../generators/unet';
import type { Pix2PixNets } from '../train/train-step';
import { DEFAULT_INIT, initOf, netDInputOf, type GeneratorSpec, type ModelSpec } from './model-spec';
import { parseNetG } from './net-g-name';

/**
 * The generator a spec names (`unet_<N>`, `encoder_decoder_<N>` or `resnet_<k>blocks`), with its norm and dropout.
 * The spec is read at run time, so the layer's signature is the dynamic `Sig`: shapes checked at run time.
 *
 * @throws Error for a `netG` that {@link parseNetG} refuses (the codec refuses it first)
 *
 * @example
 * ```ts
 * import { buildGenerator } from '@pix2pix-ts/pix2pix';
 * const g = buildGenerator({ netG: 'unet_64', ngf: 16, norm: 'batch', dropout: true, outputNc: 3 });
 * ```
 */
export function buildGenerator(g: GeneratorSpec): Layer<Sig> {
  const parsed = parseNetG(g.netG);
  if (parsed === undefined) throw new Error(`unknown netG ${g.netG}`);
  const common = { ngf: g.ngf, outChannels: g.outputNc, norm: g.norm, dropout: g.dropout };
  switch (parsed.kind) {
    case 'unet':
      return unetGeneratorOf({ depth: parsed.depth, ...common });
    case 'encoder_decoder':
      return encoderDecoderOf({ depth: parsed.depth, ...common });
    case 'resnet':
      return resnetGeneratorOf({ blocks: parsed.blocks, ...common });
  }
}

/**
 * The discriminator a spec names: `basic` (70x70), `n_layers` (`nLayersD`), `pixel` (1x1).
 *
 * @example
 * ```ts
 * import { buildDiscriminator } from '@pix2pix-ts/pix2pix';
 * const d = buildDiscriminator({ netD: 'basic', nLayersD: 3, ndf: 64, norm: 'batch' });
 * ```
 */
export function buildDiscriminator(m: Pick<ModelSpec, 'netD' | 'nLayersD' | 'ndf' | 'norm'>): Layer<Sig> {
  const nLayers = m.netD === 'pixel' ? 0 : m.netD === 'basic' ? 3 : m.nLayersD;
  return patchGanOf({ nLayers, ndf: m.ndf, norm: m.norm });
}

/**
 * Both networks of a spec, with what D sees (`netDInput`).
 *
 * @example
 * ```ts
 * import { buildNets } from '@pix2pix-ts/pix2pix';
 * const nets = buildNets({ netG: 'unet_64', netD: 'n_layers', nLayersD: 2, ngf: 16, ndf: 16, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 });
 * ```
 */
export function buildNets(m: ModelSpec): Pix2PixNets {
  return { generator: buildGenerator(m), discriminator: buildDiscriminator(m), discriminatorInput: netDInputOf(m) };
}

/**
 * The networks whose `init` draws the spec's `initType` / `initGain` (the official `init_weights`), for a run's
 * fresh state. The layers' own initialisers are already the official default (normal, 0.02), so the default
 * leaves the networks as they are (and their draws what they always were). Only `init` changes: loading a
 * checkpoint, which inits a template to read shapes, uses {@link buildNets} and pays nothing for an orthogonal init.
 *
 * @example
 * ```ts
 * import { buildNets, initialisedNets, type ModelSpec } from '@pix2pix-ts/pix2pix';
 * const m: ModelSpec = { netG: 'unet_32', netD: 'basic', nLayersD: 3, ngf: 8, ndf: 8, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3, initType: 'orthogonal' };
 * const nets = initialisedNets(m, buildNets(m)); // nets.generator's init draws orthogonal weights
 * ```
 */
export function initialisedNets(m: ModelSpec, nets: Pix2PixNets): Pix2PixNets {
  const init = initOf(m);
  if (init.type === DEFAULT_INIT.type && init.gain === DEFAULT_INIT.gain) return nets;
  const wrap = (layer: Layer<Sig>): Layer<Sig> => initWeights(layer, init);
  return { ...nets, generator: wrap(nets.generator), discriminator: wrap(nets.discriminator) };
}
