import { conv2d, leakyRelu, serial, untyped, type AnyLayer, type ConvSig, type IdentitySig, type Layer, type SerialSig, type Sig } from '@pix2pix-ts/layers';
import { mulNat, type Mul } from '@pix2pix-ts/shape-types';
import { convBiasFor, normLayer, type NormKind, type NormSig } from '../generators/norm';

type Id = IdentitySig;

/** Signature of the official `PixelDiscriminator(input_nc, ndf)` (1x1 PatchGAN). */
export type PixelGanSig<Ndf extends number, In extends number = number> = SerialSig<
  readonly [ConvSig<1, 1, 0, Ndf, In>, Id, ConvSig<1, 1, 0, Mul<Ndf, 2>, Ndf>, NormSig<Mul<Ndf, 2>>, Id, ConvSig<1, 1, 0, 1, Mul<Ndf, 2>>]
>;

/** `min(2^n, 8)` for the layer counts here (0 … 7). */
type Mult<N extends number> = [1, 2, 4, 8, 8, 8, 8, 8][N] & number;

/** `ndf · min(2^n, 8)`: the filters of the official discriminator's n-th layer. */
type Filters<Ndf extends number, N extends number> = Mul<Ndf, Mult<N>>;

/** The stride-2 blocks `n = From … N - 1`: `Conv2d(filters(n-1), filters(n))`, norm, LeakyReLU. */
type Middle<Ndf extends number, N extends number, I extends readonly unknown[], Acc extends readonly unknown[]> = I['length'] extends N
  ? Acc
  : Middle<
      Ndf,
      N,
      readonly [...I, unknown],
      readonly [...Acc, ConvSig<4, 2, 1, Filters<Ndf, I['length']>, Filters<Ndf, Sub1<I['length']>>>, NormSig<Filters<Ndf, I['length']>>, Id]
    >;

/** `n - 1` for the small layer counts here. */
type Sub1<N extends number> = [never, 0, 1, 2, 3, 4, 5, 6, 7][N] & number;

/**
 * Signature of the official `NLayerDiscriminator(input_nc, ndf, n_layers)`: `Conv2d(input_nc, ndf)` k4 s2,
 * then `n - 1` k4 s2 blocks doubling filters up to 8·ndf, a k4 s1 block and a k4 s1 conv to one logit per
 * patch, every channel count declared as the official code declares it (`In` = `input_nc + output_nc` for
 * the paper's conditional D). Its type carries the receptive field: `ReceptiveField<Layer<PatchGanSig<3, 64>>>` is `70`.
 */
export type PatchGanSig<N extends number, Ndf extends number, In extends number = number> = N extends 0
  ? PixelGanSig<Ndf, In>
  : SerialSig<
      readonly [
        ConvSig<4, 2, 1, Ndf, In>,
        Id,
        ...Middle<Ndf, N, readonly [unknown], readonly []>,
        ConvSig<4, 1, 1, Filters<Ndf, N>, Filters<Ndf, Sub1<N>>>,
        NormSig<Filters<Ndf, N>>,
        Id,
        ConvSig<4, 1, 1, 1, Filters<Ndf, N>>,
      ]
    >;

/** The layer counts `patchGan` is typed for (PixelGAN … 574x574); {@link patchGanOf} takes any. */
export type PatchLayers = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Options of {@link patchGan} (official names in comments). */
export interface PatchGanOptions<N extends number, Ndf extends number, In extends number = number> {
  /** `n_layers_D`: 0 (PixelGAN, 1x1), 1 (16x16), 3 (70x70, the paper's default), 5 (286x286). */
  readonly nLayers: N;
  /** Filters of the first conv (`ndf`, 64 in the paper). */
  readonly ndf: Ndf;
  /** Input channels (`input_nc + output_nc` for the conditional D); default: whatever `init` is given. */
  readonly inChannels?: In | undefined;
  /** `norm` (default `batch`). */
  readonly norm?: NormKind;
}

/** The k4 s2 block of layer `n` (1-based): `Conv2d(ndf·min(2^(n-1), 8), ndf·min(2^n, 8))`, norm, LeakyReLU. */
function stride2Block<const Ndf extends number, const Prev extends number, const Next extends number>(ndf: Ndf, prev: Prev, next: Next, norm: NormKind) {
  const [cin, cout] = [mulNat(ndf, prev), mulNat(ndf, next)];
  return [conv2d({ inChannels: cin, filters: cout, kernel: 4, stride: 2, pad: 1, bias: convBiasFor(norm) }), normLayer(norm, cout), leakyRelu(0.2)] as const;
}

/** The official NLayerDiscriminator given its stride-2 blocks and the multiplier of the last one. */
function nLayer<const Ndf extends number, const In extends number, const Ms extends readonly AnyLayer[], const Last extends number, const Final extends number>(
  o: PatchGanOptions<number, Ndf, In>,
  middle: Ms,
  last: Last,
  final: Final,
) {
  const { ndf, inChannels } = o;
  const norm = o.norm ?? 'batch';
  const [cin, cout] = [mulNat(ndf, last), mulNat(ndf, final)];
  return serial(
    conv2d({ inChannels, filters: ndf, kernel: 4, stride: 2, pad: 1 }),
    leakyRelu(0.2),
    ...middle,
    conv2d({ inChannels: cin, filters: cout, kernel: 4, stride: 1, pad: 1, bias: convBiasFor(norm) }),
    normLayer(norm, cout),
    leakyRelu(0.2),
    conv2d({ inChannels: cout, filters: 1, kernel: 4, stride: 1, pad: 1 }),
  );
}

/** The official PixelDiscriminator. */
function pixel<const Ndf extends number, const In extends number>(o: PatchGanOptions<number, Ndf, In>) {
  const { ndf, inChannels } = o;
  const norm = o.norm ?? 'batch';
  const bias = convBiasFor(norm);
  const ndf2 = mulNat(ndf, 2);
  return serial(
    conv2d({ inChannels, filters: ndf, kernel: 1, stride: 1, pad: 0 }),
    leakyRelu(0.2),
    conv2d({ inChannels: ndf, filters: ndf2, kernel: 1, stride: 1, pad: 0, bias }),
    normLayer(norm, ndf2),
    leakyRelu(0.2),
    conv2d({ inChannels: ndf2, filters: 1, kernel: 1, stride: 1, pad: 0, bias }),
  );
}

/**
 * The PatchGAN discriminator: it reads the (input, output) pair concatenated on channels and gives one
 * logit per overlapping patch. Exactly the official `NLayerDiscriminator` / `PixelDiscriminator`, with
 * their channel counts declared: with `inChannels: 6` (`input_nc + output_nc`), a 3-channel input is a
 * compile error (`conv2d: channels 3 ≠ 6 expected`). One fixed-arity structure per layer count;
 * {@link patchGanOf} takes a count known only at run time.
 *
 * @example
 * ```ts
 * import { key, receptiveField } from '@pix2pix-ts/layers';
 * import { patchGan } from '@pix2pix-ts/pix2pix';
 * const d = patchGan({ nLayers: 3, ndf: 64, inChannels: 6 });
 * d.init(key(0), [1, 256, 256, 6]).outputShape; // readonly [1, 30, 30, 1]
 * receptiveField(d); // 70
 * ```
 */
export function patchGan<const N extends PatchLayers, const Ndf extends number, const In extends number = number>(
  options: PatchGanOptions<N, Ndf, In>,
): Layer<PatchGanSig<N, Ndf, In>> {
  const { ndf } = options;
  const norm = options.norm ?? 'batch';
  const b = <const P extends number, const Q extends number>(p: P, q: Q) => stride2Block(ndf, p, q, norm);
  const byLayers: { readonly [K in PatchLayers]: () => Layer<PatchGanSig<K, Ndf, In>> } = {
    0: () => pixel(options),
    1: () => nLayer(options, [], 1, 2),
    2: () => nLayer(options, [...b(1, 2)], 2, 4),
    3: () => nLayer(options, [...b(1, 2), ...b(2, 4)], 4, 8),
    4: () => nLayer(options, [...b(1, 2), ...b(2, 4), ...b(4, 8)], 8, 8),
    5: () => nLayer(options, [...b(1, 2), ...b(2, 4), ...b(4, 8), ...b(8, 8)], 8, 8),
    6: () => nLayer(options, [...b(1, 2), ...b(2, 4), ...b(4, 8), ...b(8, 8), ...b(8, 8)], 8, 8),
  };
  return byLayers[options.nLayers]();
}

/**
 * {@link patchGan} for a layer count known only at run time (`--n_layers_D`): the same layers and param
 * tree for any count ≥ 0, typed `Layer<Sig>` (checked at run time with the same words).
 *
 * @example
 * ```ts
 * import { receptiveField } from '@pix2pix-ts/layers';
 * import { patchGanOf } from '@pix2pix-ts/pix2pix';
 * const nLayers: number = 3;
 * receptiveField(patchGanOf({ nLayers, ndf: 8 })); // 70
 * ```
 */
export function patchGanOf(options: PatchGanOptions<number, number>): Layer<Sig> {
  const { nLayers, ndf } = options;
  if (!Number.isInteger(nLayers) || nLayers < 0) throw new RangeError(`patchGan: nLayers must be an integer ≥ 0, got ${nLayers}`);
  if (nLayers === 0) return untyped(pixel(options));
  const norm = options.norm ?? 'batch';
  const mult = (n: number) => Math.min(2 ** n, 8);
  const middle: AnyLayer[] = [];
  for (let n = 1; n < nLayers; n++) middle.push(...stride2Block(ndf, mult(n - 1), mult(n), norm));
  return untyped(nLayer(options, middle, mult(nLayers - 1), mult(nLayers)));
}

/**
 * The paper's default discriminator: 70x70 PatchGAN.
 *
 * @example
 * ```ts
 * import { patchGan70 } from '@pix2pix-ts/pix2pix';
 * const d = patchGan70(); // ndf 64
 * ```
 */
export const patchGan70 = <const Ndf extends number = 64>(ndf: Ndf = 64 as Ndf, norm: NormKind = 'batch') => patchGan({ nLayers: 3, ndf, norm });
/**
 * 1x1 PixelGAN.
 *
 * @example
 * ```ts
 * import { pixelGan } from '@pix2pix-ts/pix2pix';
 * const d = pixelGan();
 * ```
 */
export const pixelGan = <const Ndf extends number = 64>(ndf: Ndf = 64 as Ndf, norm: NormKind = 'batch') => patchGan({ nLayers: 0, ndf, norm });
/**
 * 16x16 PatchGAN.
 *
 * @example
 * ```ts
 * import { patchGan16 } from '@pix2pix-ts/pix2pix';
 * const d = patchGan16();
 * ```
 */
export const patchGan16 = <const Ndf extends number = 64>(ndf: Ndf = 64 as Ndf, norm: NormKind = 'batch') => patchGan({ nLayers: 1, ndf, norm });
/**
 * 286x286 "ImageGAN" for 256x256 inputs.
 *
 * @example
 * ```ts
 * import { patchGan286 } from '@pix2pix-ts/pix2pix';
 * const d = patchGan286();
 * ```
 */
export const patchGan286 = <const Ndf extends number = 64>(ndf: Ndf = 64 as Ndf, norm: NormKind = 'batch') => patchGan({ nLayers: 5, ndf, norm });
