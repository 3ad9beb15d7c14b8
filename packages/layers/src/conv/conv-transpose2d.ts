import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import {
  convTransposeOutputSize,
  requireNat,
  type Add,
  type ConvTransposeOutputSize,
  type NatArg,
  type Shape,
  type Tensor,
} from '@pix2pix-ts/shape-types';
import { checkChannels, rank4, type ChannelsCheck, type FirstFail, type InChannels, type NeedsNHWC, type OptionsCheck, type Rank4, type Spatial } from '../core/output-shape';
import type { NoParams, Sig } from '../core/signature';
import { defineLayer, type Layer } from '../core/layer';
import { normal, zerosInit, type Initializer } from '../init/initializers';
import { checkConvOptions, type ConvOptionErrors } from './conv2d';

/**
 * Signature of a transposed convolution (PyTorch `ConvTranspose2d` geometry, with `output_padding` OP)
 * and its input channels (`number`: taken from the input).
 */
export interface ConvTransposeSig<
  K extends number = number,
  S extends number = number,
  P extends number = number,
  F extends number = number,
  OP extends number = number,
  Cin extends number = number,
> extends Sig {
  readonly op: 'convTranspose';
  readonly kernel: K;
  readonly stride: S;
  readonly pad: P;
  readonly filters: F;
  readonly outputPadding: OP;
  /** Declared input channels; absent when taken from the input. */
  readonly inChannels?: Cin;
  readonly '~out'?: ConvTransposeOut<this['~in'], K, S, P, F, OP, Cin, ConvOptionErrors<'convTranspose2d', F, K, S, P, Cin> | NatArg<'convTranspose2d', 'outputPadding', OP>>;
  readonly '~params'?: ConvTransposeParams<K, InChannels<this['~in'], Cin>, F>;
  readonly '~state'?: NoParams;
  // A jump of 1/s is not a natural number: the type-level field is unknown.
  readonly '~field'?: readonly [number, number];
}

/** Adds `output_padding` to a computed size, passing failures through. */
type PlusDim<D, OP extends number> = D extends number ? Add<D, OP> : D;

type ConvTransposeOut<S, K extends number, St extends number, P extends number, F extends number, OP extends number, Cin extends number, Bad extends string> = S extends Rank4
  ? FirstFail<
      [OptionsCheck<Bad>, ChannelsCheck<'convTranspose2d', Cin, S[3]>],
      Spatial<S, PlusDim<ConvTransposeOutputSize<S[1], K, St, P, 'height'>, OP>, PlusDim<ConvTransposeOutputSize<S[2], K, St, P, 'width'>, OP>, F>
    >
  : NeedsNHWC<'convTranspose2d', S>;

/** Parameters of a {@link convTranspose2d} as typed by its signature: kernel `[k, k, out, in]` (tfjs's conv2dTranspose layout), bias `[out]`. */
export type ConvTransposeParams<K extends number, Cin extends number, F extends number> = {
  readonly kernel: Tensor<readonly [K, K, F, Cin]>;
  readonly bias?: Tensor<readonly [F]>;
};

/** Parameters of a {@link convTranspose2d} as its implementation sees them. */
export type ConvTranspose2dParams = {
  readonly kernel: tf.Tensor4D;
  readonly bias?: tf.Tensor1D;
};

/** Options of {@link convTranspose2d}; the same names as `Conv2dOptions`. */
export interface ConvTranspose2dOptions<F extends number, K extends number, S extends number, P extends number, OP extends number, Cin extends number = number> {
  /** Input channels (default: whatever the input has). When given, a different input is a shape error. */
  readonly inChannels?: Cin | undefined;
  readonly filters: F;
  readonly kernel: K;
  readonly stride?: S;
  readonly pad?: P;
  /** Extra rows and columns at the bottom and right (PyTorch's `output_padding`, default 0; < stride). */
  readonly outputPadding?: OP;
  readonly bias?: boolean;
  readonly init?: Initializer;
}

/**
 * A transposed convolution with PyTorch's geometry (`ConvTranspose2d`): output size
 * `(H - 1)·s - 2p + k + output_padding`, so kernel 4, stride 2, pad 1 doubles H and W. Parameters:
 * `{ kernel: Tensor<[k, k, F, Cin]>, bias?: Tensor<[F]> }`.
 *
 * @example
 * ```ts
 * import { convTranspose2d, key } from '@pix2pix-ts/layers';
 * const up = convTranspose2d({ inChannels: 128, filters: 64, kernel: 4, stride: 2, pad: 1 });
 * const { outputShape } = up.init(key(0), [1, 64, 64, 128]); // readonly [1, 128, 128, 64]
 * ```
 */
export function convTranspose2d<
  const F extends number,
  const K extends number,
  const S extends number = 1,
  const P extends number = 0,
  const OP extends number = 0,
  const Cin extends number = number,
>(
  options: ConvTranspose2dOptions<F, K, S, P, OP, Cin>,
): Layer<ConvTransposeSig<K, S, P, F, OP, Cin>> {
  const { filters, kernel, inChannels } = options;
  const stride: S | 1 = options.stride ?? 1;
  const pad: P | 0 = options.pad ?? 0;
  const outputPadding: OP | 0 = options.outputPadding ?? 0;
  checkConvOptions('convTranspose2d', { filters, kernel, stride, pad, ...(inChannels === undefined ? {} : { inChannels }) });
  requireNat('convTranspose2d', 'outputPadding', outputPadding);
  if (outputPadding >= stride && outputPadding > 0) {
    throw new RangeError(`convTranspose2d: outputPadding ${outputPadding} must be smaller than stride ${stride}`);
  }
  const useBias = options.bias ?? true;
  const init = options.init ?? normal(0.02);
  const size = (h: number, axis: string) => E.map((o: number) => o + outputPadding)(convTransposeOutputSize(h, { kernel, stride, pad }, axis));
  const sig: ConvTransposeSig<K, S, P, F, OP, Cin> = {
    op: 'convTranspose',
    kernel,
    // An absent stride, pad or output padding is the default, which is what S, P and OP default to.
    stride: stride as S,
    pad: pad as P,
    filters,
    outputPadding: outputPadding as OP,
    ...(inChannels === undefined ? {} : { inChannels }),
    field: { size: Math.ceil(kernel / stride), jump: 1 / stride },
    outputShape: (input: Shape) =>
      pipe(
        rank4('convTranspose2d', input),
        E.flatMap((s) => checkChannels('convTranspose2d', inChannels, s)),
        E.flatMap(([n, h, w]) => pipe(size(h, 'height'), E.flatMap((oh) => pipe(size(w, 'width'), E.map((ow): Shape => [n, oh, ow, filters]))))),
      ),
  };
  return defineLayer<ConvTransposeSig<K, S, P, F, OP, Cin>, ConvTranspose2dParams, NoParams>(
    `convTranspose2d(${filters}, k${kernel} s${stride} p${pad}${useBias ? '' : ', no bias'})`,
    sig,
    {
      init(key, [, , , c = 0]) {
        // PyTorch computes a transposed conv's fans from its [in, out, k, k] weight as if it were a conv.
        const fans = { fanIn: filters * kernel * kernel, fanOut: c * kernel * kernel };
        const w = init(key, [kernel, kernel, filters, c], fans) as tf.Tensor4D;
        const params: ConvTranspose2dParams = useBias ? { kernel: w, bias: zerosInit(key, [filters], fans) as tf.Tensor1D } : { kernel: w };
        return { params, state: {} };
      },
      apply(p, state, x) {
        const [n = 0, h = 0, w = 0] = x.shape;
        const extra = kernel - 2 * pad + outputPadding;
        const out: [number, number, number, number] = [n, (h - 1) * stride + extra, (w - 1) * stride + extra, filters];
        const y0 = tf.conv2dTranspose(x as tf.Tensor4D, p.kernel, out, stride, pad);
        const y = p.bias === undefined ? y0 : tf.add(y0, p.bias);
        return { y, state };
      },
    },
  );
}
