import { initWeights, type AnyLayer } from '@pix2pix-ts/layers';
import { patchGan, resnetGenerator, unetGenerator, type Pix2PixNets } from '@pix2pix-ts/pix2pix';
import { parseNetG } from './net-names';
import { DEFAULT_INIT, initOf, type ModelConfig } from './run-config';

/**
 * The generator a model configuration names (`unet_<N>` or `resnet_<k>blocks`), with its norm and dropout.
 *
 * @example
 * ```ts
 * import { buildGenerator } from '@pix2pix-ts/cli';
 * const g = buildGenerator({ netG: 'unet_64', netD: 'n_layers', nLayersD: 2, ngf: 16, ndf: 16, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 });
 * ```
 */
export function buildGenerator(m: ModelConfig): AnyLayer {
  const spec = parseNetG(m.netG);
  // The config was decoded with NetGName, which accepts exactly what parseNetG parses.
  if (spec === undefined) throw new Error(`unknown netG ${m.netG}`);
  return spec.kind === 'unet'
    ? unetGenerator({ depth: spec.depth, ngf: m.ngf, outChannels: m.outputNc, norm: m.norm, dropout: m.dropout })
    : resnetGenerator({ blocks: spec.blocks, ngf: m.ngf, outChannels: m.outputNc, norm: m.norm, dropout: m.dropout });
}

/** The discriminator a model configuration names: `basic` (70x70), `n_layers` (`nLayersD`), `pixel` (1x1). */
export function buildDiscriminator(m: ModelConfig): AnyLayer {
  const nLayers = m.netD === 'pixel' ? 0 : m.netD === 'basic' ? 3 : m.nLayersD;
  return patchGan({ nLayers, ndf: m.ndf, norm: m.norm });
}

/**
 * Both networks of a model configuration.
 *
 * @example
 * ```ts
 * import { buildNets, DEFAULT_PRESET } from '@pix2pix-ts/cli';
 * const nets = buildNets(DEFAULT_PRESET.model); // unet_64 ngf 16 + 34x34 PatchGAN ndf 16
 * ```
 */
export function buildNets(m: ModelConfig): Pix2PixNets {
  return { generator: buildGenerator(m), discriminator: buildDiscriminator(m) };
}

/**
 * The networks whose `init` draws the configuration's `--init_type` / `--init_gain` (the official
 * `init_weights`), for a run's fresh state. The layers' own initialisers are already the official default
 * (normal, 0.02), so the default leaves the networks as they are (and their draws what they always were). Only
 * `init` changes: loading a checkpoint, which inits a template to read shapes, uses {@link buildNets} and pays
 * nothing for an orthogonal init.
 *
 * @example
 * ```ts
 * import { buildNets, initialisedNets, DEFAULT_PRESET } from '@pix2pix-ts/cli';
 * const model = { ...DEFAULT_PRESET.model, initType: 'orthogonal' as const };
 * const nets = initialisedNets(model, buildNets(model)); // nets.generator.impl.init draws orthogonal weights
 * ```
 */
export function initialisedNets(m: ModelConfig, nets: Pix2PixNets): Pix2PixNets {
  const init = initOf(m);
  if (init.type === DEFAULT_INIT.type && init.gain === DEFAULT_INIT.gain) return nets;
  const wrap = (layer: AnyLayer): AnyLayer => initWeights(layer, init);
  return { generator: wrap(nets.generator), discriminator: wrap(nets.discriminator) };
}
