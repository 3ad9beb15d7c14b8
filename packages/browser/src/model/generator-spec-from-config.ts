import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { GeneratorSpec } from '../spec/generator-spec';
import { NormKindCodec } from '../spec/norm-kind-codec';
import { parseOfficialNetG } from '../spec/official-net-g';

/** The official option names (`--netG unet_256 --ngf 64 --norm batch --no_dropout`), as a run config may store them. */
const OfficialOptions = t.intersection([
  t.type({ netG: t.string }),
  t.partial({ ngf: t.number, norm: NormKindCodec, dropout: t.boolean, no_dropout: t.boolean, noDropout: t.boolean }),
]);


/**
 * The generator a run configuration describes, if it describes one in a form this package knows:
 * a {@link GeneratorSpec} at `nets.generator` (a `TrainerConfig`), at `generator` or at
 * `model.generator`, or the official option names (`netG: 'unet_256' | 'resnet_9blocks' | …`,
 * `ngf`, `norm`, `dropout` or `no_dropout`) at the top level, at `options` or at `model` (the CLI's
 * run config and exported generator manifest). `ngf` may be missing from the official form (it is then read off
 * the weights); the result's `ngf` is 0 then.
 *
 * @example
 * ```ts
 * import { generatorSpecFromConfig } from '@pix2pix-ts/browser';
 * generatorSpecFromConfig({ netG: 'unet_256', ngf: 64, norm: 'batch' }); // Some({ kind: 'unet', depth: 8, ngf: 64, norm: 'batch' })
 * ```
 */
export function generatorSpecFromConfig(config: unknown): O.Option<GeneratorSpec> {
  const at = (path: readonly string[]): unknown =>
    path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), config);
  for (const path of [['nets', 'generator'], ['generator'], ['model', 'generator'], ['config', 'nets', 'generator']]) {
    const decoded = GeneratorSpec.decode(at(path));
    if (E.isRight(decoded)) return O.some(decoded.right);
  }
  for (const candidate of [config, at(['options']), at(['model'])]) {
    const decoded = OfficialOptions.decode(candidate);
    if (E.isLeft(decoded)) continue;
    const o = decoded.right;
    const noDropout = o.no_dropout ?? o.noDropout;
    const dropout = o.dropout ?? (noDropout === undefined ? undefined : !noDropout);
    const common = { ngf: o.ngf ?? 0, ...(o.norm === undefined ? {} : { norm: o.norm }), ...(dropout === undefined ? {} : { dropout }) };
    return pipe(
      O.fromNullable(parseOfficialNetG(o.netG)),
      O.map((arch): GeneratorSpec => (arch.kind === 'unet' ? { ...arch, ...common } : { ...arch, ...common })),
    );
  }
  return O.none;
}
