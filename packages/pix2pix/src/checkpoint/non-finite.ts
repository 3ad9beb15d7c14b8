import type * as tf from '@tensorflow/tfjs-core';

/** The first non-finite value of a weights buffer: the tensor it belongs to, its flat index and the value. */
export interface NonFiniteValue {
  readonly tensor: string;
  readonly index: number;
  readonly value: number;
}

/**
 * The first NaN or ±Infinity in a float32 weights buffer laid out by `specs` (as `tf.io.encodeWeights` writes
 * it), or `undefined` when every value is finite. Pure; one pass over the data. Specs of other dtypes are
 * skipped by their size (the caller refuses them separately).
 *
 * @example
 * ```ts
 * import { firstNonFinite } from '@pix2pix-ts/pix2pix';
 * const data = new Float32Array([1, Number.NaN]).buffer;
 * firstNonFinite(data, [{ name: 'w', shape: [2], dtype: 'float32' }]); // { tensor: 'w', index: 1, value: NaN }
 * ```
 */
export function firstNonFinite(data: ArrayBuffer, specs: readonly tf.io.WeightsManifestEntry[]): NonFiniteValue | undefined {
  let offset = 0;
  for (const spec of specs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype === 'float32' && spec.quantization === undefined) {
      const values = new Float32Array(data, offset, n);
      for (let i = 0; i < n; i++) {
        const v = values[i] ?? 0;
        if (!Number.isFinite(v)) return { tensor: spec.name, index: i, value: v };
      }
    }
    offset += n * 4;
  }
  return undefined;
}

/** `NaN`, `Infinity` or `-Infinity` as a word for messages. */
export const describeNonFinite = (v: NonFiniteValue): string => `${v.tensor}[${v.index}] is ${String(v.value)}`;
