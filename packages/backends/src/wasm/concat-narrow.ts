import { Concat } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { isHeapBackend } from './heap-backend';

/**
 * Rows up to this many elements are copied element by element; longer ones with one
 * `TypedArray.set` each (wasm's own Concat does one `subarray` + `set` per row and input, which
 * costs ~50 ns per call: ~0.5 ms for a `[1,64,64,3] ‖ [1,64,64,3]` channel concat).
 */
const NARROW_ROW = 64;

/** The size of `shape[from..]` (or `shape[..to]`). */
function sizeOf(shape: readonly number[], from: number, to: number): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= shape[i] ?? 1;
  return n;
}

/**
 * Wraps wasm's `Concat` with a faster copy for concatenations along an inner axis with short rows
 * (e.g. pix2pix's channel concat of two 3-channel images): the inputs' rows are interleaved into
 * the output with plain element loops on the wasm heap. Everything else (non-numeric dtypes, empty
 * or single inputs, long rows) goes to `fallback`. Copies values exactly.
 *
 * @param fallback wasm's own `Concat` kernel (`undefined`: nothing to wrap)
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { concatNarrowRows } from '@pix2pix-ts/backends';
 *
 * const replacement = concatNarrowRows(tf.getKernel('Concat', 'wasm')); // undefined until wasm is registered
 * ```
 */
export function concatNarrowRows(fallback: KernelConfig | undefined): KernelConfig | undefined {
  if (fallback === undefined) return undefined;
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const xs: TensorInfo[] = [];
    for (const key of Object.keys(inputs)) {
      const t = inputs[key];
      if (t !== undefined) xs.push(t);
    }
    const first = xs[0];
    const rawAxis = attrs?.['axis'];
    if (first === undefined || xs.length < 2 || typeof rawAxis !== 'number' || !isHeapBackend(backend)) return fallback.kernelFunc(args);
    const rank = first.shape.length;
    const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
    const dtype = first.dtype;
    if (axis <= 0 || axis >= rank || (dtype !== 'float32' && dtype !== 'int32')) return fallback.kernelFunc(args);
    const outer = sizeOf(first.shape, 0, axis);
    const rows: number[] = [];
    let outRow = 0;
    for (const x of xs) {
      const row = sizeOf(x.shape, axis, rank);
      const sameOuter = x.shape.length === rank && x.dtype === dtype && sizeOf(x.shape, 0, axis) === outer && x.shape.every((d, i) => i === axis || d === first.shape[i]);
      if (!sameOuter || row === 0 || row > NARROW_ROW) return fallback.kernelFunc(args);
      rows.push(row);
      outRow += row;
    }
    const outShape = [...first.shape];
    outShape[axis] = xs.reduce((s, x) => s + (x.shape[axis] ?? 0), 0);
    const out = backend.makeOutput(outShape, dtype);
    // Views are taken after the allocation: growing the heap detaches earlier views.
    const dst = backend.typedArrayFromHeap(out);
    let offset = 0;
    xs.forEach((x, k) => {
      const src = backend.typedArrayFromHeap(x);
      const row = rows[k] ?? 0;
      for (let r = 0; r < outer; r++) {
        const s = r * row;
        const d = r * outRow + offset;
        for (let j = 0; j < row; j++) dst[d + j] = src[s + j] as number; // s + j < outer·row = src.length
      }
      offset += row;
    });
    return out;
  };
  return { ...fallback, kernelName: Concat, kernelFunc };
}
