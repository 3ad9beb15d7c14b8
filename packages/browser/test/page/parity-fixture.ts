import * as tf from '@tensorflow/tfjs-core';

interface TensorEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly length: number;
  readonly layout?: string | null;
}

/** One parity case of the official implementation, fetched from the test server (`/fixtures/parity/<name>/`). */
export interface ParityCase {
  readonly meta: Record<string, unknown>;
  /** A tensor in tfjs layouts (NHWC activations, [kh, kw, in, out] conv, [kh, kw, out, in] convT), on the current backend. */
  tensor(name: string): tf.Tensor;
  /** Names starting with `prefix`, in file order (the official module order). */
  withPrefix(prefix: string): string[];
}

/** Fetches a case from `/fixtures/<folder>/<name>/` (the browser twin of pix2pix's `test/support/fixtures.ts`). */
export async function fetchParityCase(name: string, folder: 'parity' | 'pth' = 'parity'): Promise<ParityCase> {
  const base = `/fixtures/${folder}/${name}`;
  const [indexResponse, binResponse] = await Promise.all([fetch(`${base}/tensors.json`), fetch(`${base}/tensors.bin`)]);
  if (!indexResponse.ok || !binResponse.ok) throw new Error(`fixture ${name}: HTTP ${indexResponse.status}/${binResponse.status}`);
  const index = (await indexResponse.json()) as { meta: Record<string, unknown>; tensors: TensorEntry[] };
  const bin = await binResponse.arrayBuffer();
  const byName = new Map(index.tensors.map((t) => [t.name, t]));
  const names = index.tensors.map((t) => t.name);
  return {
    meta: index.meta,
    withPrefix: (prefix) => names.filter((n) => n.startsWith(prefix)),
    tensor(n) {
      const e = byName.get(n);
      if (e === undefined) throw new Error(`fixture ${name}: no tensor '${n}'`);
      const data = new Float32Array(bin.slice(e.offset, e.offset + e.length * 4));
      return tf.tidy(() => {
        const t = tf.tensor(data, [...e.shape]);
        if (e.shape.length === 4 && typeof e.layout === 'string' && e.layout.startsWith('conv')) return tf.transpose(t, [2, 3, 1, 0]);
        if (e.shape.length === 4) return tf.transpose(t, [0, 2, 3, 1]);
        return t;
      });
    },
  };
}
