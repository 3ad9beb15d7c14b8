import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer } from '../core/layer';
import type { ConvSig } from '../core/signature';
import { normal, zerosInit, type Initializer } from '../init/initializers';
import type { ParamTree } from '../tree/param-tree';

/** Options of {@link conv2d}. Literal numbers keep the output shape computable at compile time. */
export interface Conv2dOptions<F extends number, K extends number, S extends number, P extends number> {
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

/** Parameters of a {@link conv2d}: kernel `[k, k, in, out]` (tfjs layout) and optional bias `[out]`. */
export interface Conv2dParams {
  readonly kernel: tf.Tensor4D;
  readonly bias?: tf.Tensor1D;
}

/**
 * A 2-D convolution, NHWC, with symmetric zero padding: output size `floor((H + 2p - k) / s) + 1`.
 *
 * @example
 * ```ts
 * import { conv2d, key } from '@pix2pix-ts/layers';
 * const c = conv2d({ filters: 64, kernel: 4, stride: 2, pad: 1 });
 * const { outputShape } = c.init(key(0), [1, 256, 256, 3]); // readonly [1, 128, 128, 64]
 * ```
 */
export function conv2d<const F extends number, const K extends number, const S extends number = 1, const P extends number = 0>(
  options: Conv2dOptions<F, K, S, P>,
): Layer<ConvSig<K, S, P, F>> {
  const stride = (options.stride ?? 1) as S;
  const pad = (options.pad ?? 0) as P;
  const { filters, kernel } = options;
  const useBias = options.bias ?? true;
  const init = options.init ?? normal(0.02);
  const sig: ConvSig<K, S, P, F> = { op: 'conv', kernel, stride, pad, filters };
  return defineLayer(`conv2d(${filters}, k${kernel} s${stride} p${pad}${useBias ? '' : ', no bias'})`, sig, {
    init(key, [, , , inChannels = 0]) {
      const fans = { fanIn: inChannels * kernel * kernel, fanOut: filters * kernel * kernel };
      const w = init(key, [kernel, kernel, inChannels, filters], fans) as tf.Tensor4D;
      const params: Conv2dParams = useBias ? { kernel: w, bias: zerosInit(key, [filters], fans) as tf.Tensor1D } : { kernel: w };
      return { params: params as unknown as ParamTree, state: {} };
    },
    apply(params, state, x) {
      const p = params as unknown as Conv2dParams;
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
