import { GeneratorSpec, NormKindCodec } from '@pix2pix-ts/pix2pix';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as t from 'io-ts';

/** The official option names (`--netG unet_256 --ngf 64 --norm batch --no_dropout`), as a run config may store them. */
const OfficialOptions = t.intersection([
  t.type({ netG: t.string }),
  t.partial({ ngf: t.number, norm: NormKindCodec, dropout: t.boolean, no_dropout: t.boolean, noDropout: t.boolean, outputNc: t.number }),
]);

/**
 * The structured generator form that checkpoints of the WebGL trainer recorded before the trainer took
 * pix2pix's `ModelSpec` (`nets.generator: { kind: 'unet', depth: 8, ngf: 64 }`): still read, as its official name.
 */
const LegacyGenerator = t.intersection([
  t.union([t.type({ kind: t.literal('unet'), depth: t.number }), t.type({ kind: t.literal('resnet'), blocks: t.number })]),
  t.type({ ngf: t.number }),
  t.partial({ norm: NormKindCodec, dropout: t.boolean }),
]);

/**
 * The generator a run configuration describes, as pix2pix's {@link GeneratorSpec}, if it describes one in a form
 * this package knows: the official option names (`netG: 'unet_256' | 'resnet_9blocks' | 'encoder_decoder_64' | …`,
 * `ngf`, `norm`, `dropout` or `no_dropout`, `outputNc`) at the top level, at `options` or at `model` (the CLI's run
 * config and exported generator manifest, and a trainer page's `TrainerConfig`), or the legacy structured form at
 * `nets.generator`, `generator` or `model.generator`. What the config leaves out is filled with the official
 * defaults (`batch` norm, dropout on, 3 output channels) and `ngf` 1: the caller reads `ngf` and the channel
 * counts off the weights.
 *
 * @example
 * ```ts
 * import { generatorSpecFromConfig } from '@pix2pix-ts/browser';
 * generatorSpecFromConfig({ netG: 'unet_256', ngf: 64, norm: 'batch' }); // Some({ netG: 'unet_256', ngf: 64, norm: 'batch', dropout: true, outputNc: 3 })
 * ```
 */
export function generatorSpecFromConfig(config: unknown): O.Option<GeneratorSpec> {
  // A non-null object is indexable by any key (an absent one reads as undefined): the record cast says only that.
  const at = (path: readonly string[]): unknown =>
    path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), config);
  const complete = (o: { readonly netG: string; readonly ngf?: number; readonly norm?: GeneratorSpec['norm']; readonly dropout?: boolean; readonly outputNc?: number }): O.Option<GeneratorSpec> =>
    O.fromEither(GeneratorSpec.decode({ netG: o.netG, ngf: o.ngf ?? 1, norm: o.norm ?? 'batch', dropout: o.dropout ?? true, outputNc: o.outputNc ?? 3 }));
  for (const path of [['nets', 'generator'], ['generator'], ['model', 'generator'], ['config', 'nets', 'generator']]) {
    const decoded = LegacyGenerator.decode(at(path));
    if (E.isLeft(decoded)) continue;
    const g = decoded.right;
    const netG = g.kind === 'unet' ? `unet_${2 ** g.depth}` : `resnet_${g.blocks}blocks`;
    return complete({ netG, ngf: g.ngf, ...(g.norm === undefined ? {} : { norm: g.norm }), ...(g.dropout === undefined ? {} : { dropout: g.dropout }) });
  }
  for (const candidate of [config, at(['options']), at(['model'])]) {
    const decoded = OfficialOptions.decode(candidate);
    if (E.isLeft(decoded)) continue;
    const o = decoded.right;
    const noDropout = o.no_dropout ?? o.noDropout;
    const dropout = o.dropout ?? (noDropout === undefined ? undefined : !noDropout);
    return complete({
      netG: o.netG,
      ...(o.ngf === undefined ? {} : { ngf: o.ngf }),
      ...(o.norm === undefined ? {} : { norm: o.norm }),
      ...(dropout === undefined ? {} : { dropout }),
      ...(o.outputNc === undefined ? {} : { outputNc: o.outputNc }),
    });
  }
  return O.none;
}
