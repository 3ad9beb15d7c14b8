import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer } from '../core/layer';
import type { ConvTransposeSig } from '../core/signature';
import { normal, zerosInit, type Initializer } from '../init/initializers';
import type { ParamTree } from '../tree/param-tree';

/** Options of {@link convTranspose2d}; the same names as {@link Conv2dOptions}. */
export interface ConvTranspose2dOptions<F extends number, K extends number, S extends number, P extends number, OP extends number> {
  readonly filters: F;
  readonly kernel: K;
  readonly stride?: S;
  readonly pad?: P;
  /** Extra rows and columns at the bottom and right (PyTorch's `output_padding`, default 0; < stride). */
  readonly outputPadding?: OP;
  readonly bias?: boolean;
  readonly init?: Initializer;
}

/** Parameters of a {@link convTranspose2d}: kernel `[k, k, out, in]` (tfjs's conv2dTranspose layout), bias `[out]`. */
export interface ConvTranspose2dParams {
  readonly kernel: tf.Tensor4D;
  readonly bias?: tf.Tensor1D;
}

/**
 * A transposed convolution with PyTorch's geometry (`ConvTranspose2d`, `output_padding` 0): output
 * size `(H - 1)·s - 2p + k + output_padding`, so kernel 4, stride 2, pad 1 doubles H and W.
 *
 * @example
 * ```ts
 * import { convTranspose2d, key } from '@pix2pix-ts/layers';
 * const up = convTranspose2d({ filters: 64, kernel: 4, stride: 2, pad: 1 });
 * const { outputShape } = up.init(key(0), [1, 64, 64, 128]); // readonly [1, 128, 128, 64]
 * ```
 */
export function convTranspose2d<
  const F extends number,
  const K extends number,
  const S extends number = 1,
  const P extends number = 0,
  const OP extends number = 0,
>(options: ConvTranspose2dOptions<F, K, S, P, OP>): Layer<ConvTransposeSig<K, S, P, F, OP>> {
  const stride = (options.stride ?? 1) as S;
  const pad = (options.pad ?? 0) as P;
  const outputPadding = (options.outputPadding ?? 0) as OP;
  if (outputPadding >= stride && outputPadding > 0) {
    throw new RangeError(`convTranspose2d: outputPadding ${outputPadding} must be smaller than stride ${stride}`);
  }
  const { filters, kernel } = options;
  const useBias = options.bias ?? true;
  const init = options.init ?? normal(0.02);
  const sig: ConvTransposeSig<K, S, P, F, OP> = { op: 'convTranspose', kernel, stride, pad, filters, outputPadding };
  return defineLayer(`convTranspose2d(${filters}, k${kernel} s${stride} p${pad}${useBias ? '' : ', no bias'})`, sig, {
    init(key, [, , , inChannels = 0]) {
      // PyTorch computes a transposed conv's fans from its [in, out, k, k] weight as if it were a conv.
      const fans = { fanIn: filters * kernel * kernel, fanOut: inChannels * kernel * kernel };
      const w = init(key, [kernel, kernel, filters, inChannels], fans) as tf.Tensor4D;
      const params: ConvTranspose2dParams = useBias ? { kernel: w, bias: zerosInit(key, [filters], fans) as tf.Tensor1D } : { kernel: w };
      return { params: params as unknown as ParamTree, state: {} };
    },
    apply(params, state, x) {
      const p = params as unknown as ConvTranspose2dParams;
      const [n = 0, h = 0, w = 0] = x.shape;
      const extra = kernel - 2 * pad + outputPadding;
      const out: [number, number, number, number] = [n, (h - 1) * stride + extra, (w - 1) * stride + extra, filters];
      const y0 = tf.conv2dTranspose(x as tf.Tensor4D, p.kernel, out, stride, pad);
      const y = p.bias === undefined ? y0 : tf.add(y0, p.bias);
      return { y, state };
    },
  });
}
