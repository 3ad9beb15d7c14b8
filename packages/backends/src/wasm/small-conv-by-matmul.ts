import { backend_util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { convByMatMul } from './conv-by-matmul';
import { isDisposingBackend, kernelScope } from '../shared/kernel-scope';
import { isHeapBackend } from './heap-backend';

/**
 * Whether {@link convByMatMul} beats wasm's XNNPACK `Conv2D` with a new filter: when the output
 * has few pixels for its filter size, so that re-packing the filter (per weight) costs more than
 * building and packing the patch matrix (per output pixel and weight row). Measured on wasm SIMD,
 * single thread: matmul wins by 1.3–5× for `M = N·OH·OW ≤ Cout` on pix2pix's layers (ties near `M = Cout`); native
 * wins for large images.
 *
 * @example
 * ```ts
 * import { backend_util } from '@tensorflow/tfjs-core';
 * import { prefersMatMul } from '@pix2pix-ts/backends';
 *
 * prefersMatMul(backend_util.computeConv2DInfo([1, 4, 4, 512], [4, 4, 512, 512], 2, 1, 1)); // true: 4 pixels, 4 Mi weights
 * prefersMatMul(backend_util.computeConv2DInfo([1, 256, 256, 3], [4, 4, 3, 64], 2, 1, 1)); // false
 * ```
 */
export function prefersMatMul(c: backend_util.Conv2DInfo): boolean {
  const m = c.batchSize * c.outHeight * c.outWidth;
  return MATMUL_RATIO * m <= c.outChannels && c.filterHeight * c.filterWidth * c.inChannels * c.outChannels >= MATMUL_MIN_WEIGHTS;
}

/** `prefersMatMul`'s constants (tunable for benchmarks). */
let MATMUL_RATIO = 1;
let MATMUL_MIN_WEIGHTS = 4096;

/**
 * Sets {@link prefersMatMul}'s thresholds: matmul when `ratio · M ≤ Cout` and the filter has at
 * least `minWeights` weights. `ratio: Infinity` turns the matmul path off. For benchmarks.
 *
 * @example
 * ```ts
 * import { setMatMulThresholds } from '@pix2pix-ts/backends';
 *
 * setMatMulThresholds(Infinity, 0); // always wasm's own Conv2D
 * setMatMulThresholds(1, 4096); // the default
 * ```
 */
export function setMatMulThresholds(ratio: number, minWeights: number): void {
  MATMUL_RATIO = ratio;
  MATMUL_MIN_WEIGHTS = minWeights;
}

function geometry(x: TensorInfo, filter: TensorInfo, attrs: NamedAttrMap): backend_util.Conv2DInfo | undefined {
  if (attrs.dataFormat === 'NCHW' || x.shape.length !== 4 || filter.shape.length !== 4 || x.dtype !== 'float32') return undefined;
  // tfjs-core's conv ops build these fields; computeConv2DInfo validates them itself.
  const { strides, dilations, pad, dimRoundingMode } = attrs as unknown as {
    strides: number | [number, number];
    dilations: number | [number, number] | undefined;
    pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  return backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    dilations ?? 1,
    pad,
    dimRoundingMode,
  );
}

/**
 * Wraps wasm's `Conv2D` or `FusedConv2D` (`fallback`, e.g. already wrapped by
 * {@link explicitSamePadding}) so that convolutions with few output pixels per weight run as
 * {@link convByMatMul} (see {@link prefersMatMul}); everything else, and fused activations other
 * than `linear`, goes to `fallback`. A fused bias is added with wasm's `Add`.
 *
 * @param fallback the kernel to wrap; `undefined` gives `undefined` (nothing to replace)
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { smallConvByMatMul, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm'); // installs it over Conv2D and FusedConv2D; by hand:
 * // const native = tf.getKernel('Conv2D', 'wasm'); tf.unregisterKernel('Conv2D', 'wasm');
 * // tf.registerKernel(smallConvByMatMul(native)!);
 * const y = tf.conv2d(tf.ones<tf.Rank.R4>([1, 4, 4, 256]), tf.ones<tf.Rank.R4>([4, 4, 256, 256]), 2, 1); // 4 output pixels: matmul
 * ```
 */
export function smallConvByMatMul(fallback: KernelConfig | undefined): KernelConfig | undefined {
  if (fallback === undefined) return undefined;
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const { x, filter, bias, preluActivationWeights } = inputs;
    const activation = attrs?.['activation'];
    if (
      x === undefined ||
      filter === undefined ||
      attrs === undefined ||
      preluActivationWeights !== undefined ||
      (activation !== undefined && activation !== 'linear') ||
      !isHeapBackend(backend) ||
      !isDisposingBackend(backend)
    ) {
      return fallback.kernelFunc(args);
    }
    const c = geometry(x, filter, attrs);
    if (c === undefined || !prefersMatMul(c)) return fallback.kernelFunc(args);
    return kernelScope(backend, 'wasm', (run, adopt) => {
      const y = convByMatMul(run, backend, adopt, x, filter, c);
      return bias === undefined ? y : run('Add', { a: y, b: bias });
    });
  };
  return { ...fallback, kernelFunc };
}
