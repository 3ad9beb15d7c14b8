import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface TensorEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly length: number;
  readonly layout?: string | null;
}

/** One parity case computed by the official PyTorch implementation (see shared/fixtures/README.md). */
export interface ParityCase {
  readonly meta: Record<string, unknown>;
  /** Names in file order. */
  readonly names: readonly string[];
  /** A tensor converted to tfjs layouts (NHWC activations, [kh, kw, in, out] conv, [kh, kw, out, in] convT). */
  tensor(name: string): tf.Tensor;
  /** Names starting with `prefix`, in file order (the official module order). */
  withPrefix(prefix: string): string[];
}

/**
 * Loads `shared/fixtures/<folder>/<name>` (`parity` or `pth`: the same format); tensors are created on the
 * current backend on demand.
 */
export function loadParityCase(shared: string, name: string, folder: 'parity' | 'pth' = 'parity'): ParityCase {
  const dir = join(shared, 'fixtures', folder, name);
  const index = JSON.parse(readFileSync(join(dir, 'tensors.json'), 'utf8')) as { meta: Record<string, unknown>; tensors: TensorEntry[] };
  const bin = readFileSync(join(dir, 'tensors.bin'));
  const byName = new Map(index.tensors.map((t) => [t.name, t]));
  return {
    meta: index.meta,
    names: index.tensors.map((t) => t.name),
    withPrefix: (prefix) => index.tensors.map((t) => t.name).filter((n) => n.startsWith(prefix)),
    tensor(n) {
      const e = byName.get(n);
      if (e === undefined) throw new Error(`fixture ${name}: no tensor '${n}'`);
      const data = new Float32Array(bin.buffer.slice(bin.byteOffset + e.offset, bin.byteOffset + e.offset + e.length * 4));
      return tf.tidy(() => {
        const t = tf.tensor(data, [...e.shape]);
        // conv [out, in, kh, kw] -> [kh, kw, in, out]; convT [in, out, kh, kw] -> [kh, kw, out, in]: both [2, 3, 1, 0].
        if (e.shape.length === 4 && typeof e.layout === 'string' && e.layout.startsWith('conv')) return tf.transpose(t, [2, 3, 1, 0]);
        // Activations NCHW -> NHWC.
        if (e.shape.length === 4) return tf.transpose(t, [0, 2, 3, 1]);
        return t;
      });
    },
  };
}

/** Max |a - b|. */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? Number.NaN);
}

/** Max |a - b| / max|b|: error relative to the tensor's scale (robust for gradients near zero). */
export function relDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => {
    const scale = Math.max(tf.max(tf.abs(b)).dataSync()[0] ?? 0, 1e-12);
    return (tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? Number.NaN) / scale;
  });
}
