import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { convOutputSize, requireNat, type ConvOutputSize, type NatArg, type PositiveArg, type Shape, type Tensor } from '@pix2pix-ts/shape-types';
import { checkChannels, rank4, type ChannelsCheck, type FirstFail, type InChannels, type NeedsNHWC, type OptionsCheck, type Rank4, type Spatial } from '../core/output-shape';
import type { NoParams, Sig } from '../core/signature';
import { defineLayer, type Layer } from '../core/layer';
import { normal, zerosInit, type Initializer } from '../init/initializers';

/**
 * Signature of a convolution: kernel, stride, symmetric padding, output channels and input channels
 * (`number`: taken from the input). A declared `Cin` is checked against the input's channels.
 */
export interface ConvSig<K extends number = number, St extends number = number, P extends number = number, F extends number = number, Cin extends number = number>
  extends Sig {
  readonly op: 'conv';
  readonly kernel: K;
  readonly stride: St;
  readonly pad: P;
  readonly filters: F;
  /** Declared input channels; absent when taken from the input. */
  readonly inChannels?: Cin;
  readonly '~out'?: ConvOut<this['~in'], K, St, P, F, Cin, ConvOptionErrors<'conv2d', F, K, St, P, Cin>>;
  readonly '~params'?: ConvParams<K, InChannels<this['~in'], Cin>, F>;
  readonly '~state'?: NoParams;
  readonly '~field'?: readonly [K, St];
}

/** Type level: a conv's output on `S`: channels checked, then height, then width. */
type ConvOut<S, K extends number, St extends number, P extends number, F extends number, Cin extends number, Bad extends string> = S extends Rank4
  ? FirstFail<[OptionsCheck<Bad>, ChannelsCheck<'conv2d', Cin, S[3]>], Spatial<S, ConvOutputSize<S[1], K, St, P, 'height'>, ConvOutputSize<S[2], K, St, P, 'width'>, F>>
  : NeedsNHWC<'conv2d', S>;

/** Parameters of a {@link conv2d} as typed by its signature: kernel `[k, k, in, out]` (tfjs layout), bias `[out]`. */
export type ConvParams<K extends number, Cin extends number, F extends number> = {
  readonly kernel: Tensor<readonly [K, K, Cin, F]>;
  readonly bias?: Tensor<readonly [F]>;
};

/** Parameters of a {@link conv2d} as its implementation sees them. */
export type Conv2dParams = {
  readonly kernel: tf.Tensor4D;
  readonly bias?: tf.Tensor1D;
};

/** Options of {@link conv2d}. Literal numbers keep the output shape computable at compile time. */
export interface Conv2dOptions<F extends number, K extends number, S extends number, P extends number, Cin extends number = number> {
  /** Input channels (default: whatever the input has). When given, a different input is a shape error. */
  readonly inChannels?: Cin | undefined;
  /** Output channels. */
  readonly filters: F;
  /** Square kernel size. */
  readonly kernel: K;
  /** Stride (default 1). */
  readonly stride?: S;
  /** Zero padding on every side (default 0). */
  readonly pad?: P;
  /** Add a bias (default true). The paper's convs before batch norm have none. */
  readonly bias?: boolean;
  /** Weight initialiser (default `normal(0.02)`, the official pix2pix init). */
  readonly init?: Initializer;
}

/**
 * The readable compile errors of a conv's literal options (`conv2d: stride 0 must be at least 1`), reported
 * where the layer is first given an input (its `init`, or the network's that contains it).
 */
export type ConvOptionErrors<Where extends string, F, K, S, P, Cin> =
  | NatArg<Where, 'filters', F>
  | PositiveArg<Where, 'kernel', K>
  | PositiveArg<Where, 'stride', S>
  | NatArg<Where, 'pad', P>
  | NatArg<Where, 'inChannels', Cin>;

/** Run time twin of {@link ConvOptionErrors}: throws a `RangeError` with the same words. */
export function checkConvOptions(where: string, o: { readonly filters: number; readonly kernel: number; readonly stride: number; readonly pad: number; readonly inChannels?: number }): void {
  requireNat(where, 'filters', o.filters);
  requireNat(where, 'kernel', o.kernel, true);
  requireNat(where, 'stride', o.stride, true);
  requireNat(where, 'pad', o.pad);
  if (o.inChannels !== undefined) requireNat(where, 'inChannels', o.inChannels);
}

/**
 * A 2-D convolution, NHWC, with symmetric zero padding: output size `floor((H + 2p - k) / s) + 1`.
 * Parameters: `{ kernel: Tensor<[k, k, Cin, F]>, bias?: Tensor<[F]> }`. A bad literal option (64.5, -64,
 * a zero stride) throws here and does not compile where the layer meets its input.
 *
 * @example
 * ```ts
 * import { conv2d, key } from '@pix2pix-ts/layers';
 * const c = conv2d({ inChannels: 3, filters: 64, kernel: 4, stride: 2, pad: 1 });
 * const { outputShape, params } = c.init(key(0), [1, 256, 256, 3]); // readonly [1, 128, 128, 64]
 * params.kernel; // Tensor<readonly [4, 4, 3, 64]>
 * ```
 */
export function conv2d<const F extends number, const K extends number, const S extends number = 1, const P extends number = 0, const Cin extends number = number>(
  options: Conv2dOptions<F, K, S, P, Cin>,
): Layer<ConvSig<K, S, P, F, Cin>> {
  const { filters, kernel, inChannels } = options;
  const stride: S | 1 = options.stride ?? 1;
  const pad: P | 0 = options.pad ?? 0;
  checkConvOptions('conv2d', { filters, kernel, stride, pad, ...(inChannels === undefined ? {} : { inChannels }) });
  const useBias = options.bias ?? true;
  const init = options.init ?? normal(0.02);
  const size = (h: number, axis: string) => convOutputSize(h, { kernel, stride, pad }, axis);
  const sig: ConvSig<K, S, P, F, Cin> = {
    op: 'conv',
    kernel,
    // An absent stride or pad is the default 1 or 0, which is what S and P default to.
    stride: stride as S,
    pad: pad as P,
    filters,
    ...(inChannels === undefined ? {} : { inChannels }),
    field: { size: kernel, jump: stride },
    outputShape: (input: Shape) =>
      pipe(
        rank4('conv2d', input),
        E.flatMap((s) => checkChannels('conv2d', inChannels, s)),
        E.flatMap(([n, h, w]) => pipe(size(h, 'height'), E.flatMap((oh) => pipe(size(w, 'width'), E.map((ow): Shape => [n, oh, ow, filters]))))),
      ),
  };
  return defineLayer<ConvSig<K, S, P, F, Cin>, Conv2dParams, NoParams>(`conv2d(${filters}, k${kernel} s${stride} p${pad}${useBias ? '' : ', no bias'})`, sig, {
    init(key, [, , , c = 0]) {
      const fans = { fanIn: c * kernel * kernel, fanOut: filters * kernel * kernel };
      const w = init(key, [kernel, kernel, c, filters], fans) as tf.Tensor4D;
      const params: Conv2dParams = useBias ? { kernel: w, bias: zerosInit(key, [filters], fans) as tf.Tensor1D } : { kernel: w };
      return { params, state: {} };
    },
    apply(p, state, x) {
      const y = tf.fused.conv2d({
        x: x as tf.Tensor4D,
        filter: p.kernel,
        strides: stride,
        pad,
        ...(p.bias === undefined ? {} : { bias: p.bias }),
      });
      return { y, state };
    },
  });
}
