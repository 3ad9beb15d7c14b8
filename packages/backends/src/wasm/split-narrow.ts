import { backend_util, SplitV } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { isHeapBackend } from './heap-backend';

/** Output rows up to this many elements are copied element by element (see `concatNarrowRows`). */
const NARROW_ROW = 64;

/** The size of `shape[from..to)`. */
function sizeOf(shape: readonly number[], from: number, to: number): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= shape[i] ?? 1;
  return n;
}

/**
 * Wraps wasm's `SplitV` (one strided `Slice` per output) with plain element loops on the wasm heap
 * for splits along an inner axis into short rows, e.g. the gradient of pix2pix's channel concat of
 * two 3-channel images (`[1,64,64,6]` into 3 + 3: ~0.4 ms with wasm's own). Everything else
 * (non-numeric dtypes, the outer axis, long rows) goes to `fallback`. Copies values exactly.
 *
 * @param fallback wasm's own `SplitV` kernel (`undefined`: nothing to wrap)
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { splitNarrowRows } from '@pix2pix-ts/backends';
 *
 * const replacement = splitNarrowRows(tf.getKernel('SplitV', 'wasm')); // undefined until wasm is registered
 * ```
 */
export function splitNarrowRows(fallback: KernelConfig | undefined): KernelConfig | undefined {
  if (fallback === undefined) return undefined;
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const { x } = inputs;
    const splits = attrs?.['numOrSizeSplits'];
    const rawAxis = attrs?.['axis'];
    if (x === undefined || typeof rawAxis !== 'number' || !isHeapBackend(backend)) return fallback.kernelFunc(args);
    if (typeof splits !== 'number' && !(Array.isArray(splits) && splits.every((s): s is number => typeof s === 'number'))) return fallback.kernelFunc(args);
    const rank = x.shape.length;
    const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
    if (axis <= 0 || axis >= rank || (x.dtype !== 'float32' && x.dtype !== 'int32')) return fallback.kernelFunc(args);
    const sizes = backend_util.prepareSplitSize(x, splits, axis);
    const inner = sizeOf(x.shape, axis + 1, rank);
    const outer = sizeOf(x.shape, 0, axis);
    const inRow = (x.shape[axis] ?? 0) * inner;
    if (inRow === 0 || sizes.some((s) => s <= 0 || s * inner > NARROW_ROW)) return fallback.kernelFunc(args);
    const outs: TensorInfo[] = sizes.map((s) => {
      const shape = [...x.shape];
      shape[axis] = s;
      return backend.makeOutput(shape, x.dtype);
    });
    // Views are taken after all allocations: growing the heap detaches earlier views.
    const src = backend.typedArrayFromHeap(x);
    let offset = 0;
    outs.forEach((out, k) => {
      const dst = backend.typedArrayFromHeap(out);
      const row = (sizes[k] ?? 0) * inner;
      for (let r = 0; r < outer; r++) {
        const s = r * inRow + offset;
        const d = r * row;
        for (let j = 0; j < row; j++) dst[d + j] = src[s + j] as number; // s + j < outer·inRow = src.length
      }
      offset += row;
    });
    return outs;
  };
  return { ...fallback, kernelName: SplitV, kernelFunc };
}
