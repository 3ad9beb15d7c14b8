import {
  conv2d,
  leakyRelu,
  serial,
  type AnyLayer,
  type ConvSig,
  type IdentitySig,
  type Layer,
  type SerialSig,
  type Sig,
} from '@pix2pix-ts/layers';
import type { Add, Min, Mul } from '@pix2pix-ts/shape-types';
import { convBiasFor, normLayer, type NormKind } from '../generators/norm';

type Id = IdentitySig;

type Middle<Ndf extends number, N extends number, I extends number, M extends number, Acc extends readonly Sig[]> = I extends N
  ? readonly [...Acc, ConvSig<4, 1, 1, Mul<Ndf, Min<Mul<M, 2>, 8>>>, Id, Id, ConvSig<4, 1, 1, 1>]
  : Middle<Ndf, N, Add<I, 1>, Min<Mul<M, 2>, 8>, readonly [...Acc, ConvSig<4, 2, 1, Mul<Ndf, Min<Mul<M, 2>, 8>>>, Id, Id]>;

/** Signature of the official `PixelDiscriminator` (1x1 PatchGAN). */
export type PixelGanSig<Ndf extends number> = SerialSig<
  readonly [ConvSig<1, 1, 0, Ndf>, Id, ConvSig<1, 1, 0, Mul<Ndf, 2>>, Id, Id, ConvSig<1, 1, 0, 1>]
>;

/**
 * Signature of the official `NLayerDiscriminator(n_layers)`: conv k4 s2, then `n - 1` k4 s2 blocks
 * doubling filters up to 8·ndf, a k4 s1 block and a k4 s1 conv to one logit per patch. Its type
 * carries the receptive field: `ReceptiveField<Layer<PatchGanSig<3, 64>>>` is `70`.
 */
export type PatchGanSig<N extends number, Ndf extends number> = N extends 0
  ? PixelGanSig<Ndf>
  : SerialSig<Middle<Ndf, N, 1, 1, readonly [ConvSig<4, 2, 1, Ndf>, Id]>>;

/** Options of {@link patchGan} (official names in comments). */
export interface PatchGanOptions<N extends number, Ndf extends number> {
  /** `n_layers_D`: 0 (PixelGAN, 1x1), 1 (16x16), 3 (70x70, the paper's default), 5 (286x286). */
  readonly nLayers: N;
  /** Filters of the first conv (`ndf`, 64 in the paper). */
  readonly ndf: Ndf;
  /** `norm` (default `batch`). */
  readonly norm?: NormKind;
}

/**
 * The PatchGAN discriminator: it reads the (input, output) pair concatenated on channels and gives one
 * logit per overlapping patch. Exactly the official `NLayerDiscriminator` / `PixelDiscriminator`.
 *
 * @example
 * ```ts
 * import { key, receptiveField } from '@pix2pix-ts/layers';
 * import { patchGan } from '@pix2pix-ts/pix2pix';
 * const d = patchGan({ nLayers: 3, ndf: 64 });
 * d.init(key(0), [1, 256, 256, 6]).outputShape; // readonly [1, 30, 30, 1]
 * receptiveField(d); // 70
 * ```
 */
export function patchGan<const N extends number, const Ndf extends number>(options: PatchGanOptions<N, Ndf>): Layer<PatchGanSig<N, Ndf>> {
  const { nLayers, ndf } = options;
  if (!Number.isInteger(nLayers) || nLayers < 0) throw new RangeError(`patchGan: nLayers must be an integer ≥ 0, got ${nLayers}`);
  const norm = options.norm ?? 'batch';
  const bias = convBiasFor(norm);
  const layers: AnyLayer[] = [];
  if (nLayers === 0) {
    layers.push(
      conv2d({ filters: ndf, kernel: 1, stride: 1, pad: 0 }),
      leakyRelu(0.2),
      conv2d({ filters: ndf * 2, kernel: 1, stride: 1, pad: 0, bias }),
      normLayer(norm),
      leakyRelu(0.2),
      conv2d({ filters: 1, kernel: 1, stride: 1, pad: 0, bias }),
    );
  } else {
    layers.push(conv2d({ filters: ndf, kernel: 4, stride: 2, pad: 1 }), leakyRelu(0.2));
    let mult = 1;
    for (let n = 1; n < nLayers; n++) {
      mult = Math.min(2 ** n, 8);
      layers.push(conv2d({ filters: ndf * mult, kernel: 4, stride: 2, pad: 1, bias }), normLayer(norm), leakyRelu(0.2));
    }
    mult = Math.min(2 ** nLayers, 8);
    layers.push(conv2d({ filters: ndf * mult, kernel: 4, stride: 1, pad: 1, bias }), normLayer(norm), leakyRelu(0.2));
    layers.push(conv2d({ filters: 1, kernel: 4, stride: 1, pad: 1 }));
  }
  // The loop builds exactly the structure PatchGanSig describes.
  return serial(...layers) as unknown as Layer<PatchGanSig<N, Ndf>>;
}

/** The paper's default discriminator: 70x70 PatchGAN. */
export const patchGan70 = <const Ndf extends number = 64>(ndf: Ndf = 64 as Ndf, norm: NormKind = 'batch') => patchGan({ nLayers: 3, ndf, norm });
/** 1x1 PixelGAN. */
export const pixelGan = <const Ndf extends number = 64>(ndf: Ndf = 64 as Ndf, norm: NormKind = 'batch') => patchGan({ nLayers: 0, ndf, norm });
/** 16x16 PatchGAN. */
export const patchGan16 = <const Ndf extends number = 64>(ndf: Ndf = 64 as Ndf, norm: NormKind = 'batch') => patchGan({ nLayers: 1, ndf, norm });
/** 286x286 "ImageGAN" for 256x256 inputs. */
export const patchGan286 = <const Ndf extends number = 64>(ndf: Ndf = 64 as Ndf, norm: NormKind = 'batch') => patchGan({ nLayers: 5, ndf, norm });
