import { discriminatorChannels, officialDiscriminator, officialGenerator, type OfficialNet } from '@pix2pix-ts/pix2pix';
import { netDInputOf, type ModelConfig } from '../config/run-config';

/**
 * The official networks a run's model options describe: its generator (`--netG`, `--ngf`, `--norm`, dropout,
 * channels) and its discriminator (`--netD`, `--n_layers_D`, `--ndf`; input + output channels, or output channels
 * alone for `--netD_input unconditional`). Pure; throws for a name the configuration codec refuses and for
 * `encoder_decoder_<N>`, which has no official network.
 *
 * For instance (internal: not exported by the package, so not a run example):
 * ```ts
 * import { officialSpecsOf } from '@pix2pix-ts/cli';
 * // officialSpecsOf(config.model).G; // { net: 'unet', downs: 8, ngf: 64, ... }
 * ```
 */
export function officialSpecsOf(m: ModelConfig): { readonly G: OfficialNet; readonly D: OfficialNet } {
  const G = officialGenerator(m.netG, { ngf: m.ngf, norm: m.norm, dropout: m.dropout, inputNc: m.inputNc, outputNc: m.outputNc });
  const D = officialDiscriminator(m.netD, { ndf: m.ndf, nLayers: m.nLayersD, norm: m.norm, inputNc: discriminatorChannels(m.inputNc, m.outputNc, netDInputOf(m)) });
  if (G === undefined || D === undefined) throw new Error(`no official network for netG ${m.netG} / netD ${m.netD}`);
  return { G, D };
}
