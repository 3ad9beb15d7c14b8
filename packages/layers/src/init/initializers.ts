import * as tf from '@tensorflow/tfjs-core';
import { seedOf, type Key } from '../random/key';

/** Fan-in and fan-out of a weight, computed the way PyTorch does (`_calculate_fan_in_and_fan_out`). */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/** Makes a weight tensor of `shape` from a key. Initialisation is a pure function of the key. */
export type Initializer = (key: Key, shape: readonly number[], fans: Fans) => tf.Tensor;

/**
 * `N(mean, std²)`: the official pix2pix `init_type='normal'` uses std 0.02 for conv weights and
 * `N(1, 0.02²)` for batch-norm gains.
 *
 * @example
 * ```ts
 * import { key, normal } from '@pix2pix-ts/layers';
 * const w = normal(0.02)(key(0), [4, 4, 3, 64], { fanIn: 48, fanOut: 1024 });
 * ```
 */
export const normal =
  (std = 0.02, mean = 0): Initializer =>
  (key, shape) =>
    tf.randomNormal([...shape], mean, std, 'float32', seedOf(key));

/** Xavier/Glorot normal with `gain` (official `init_type='xavier'`: gain = init_gain). */
export const xavierNormal =
  (gain = 0.02): Initializer =>
  (key, shape, { fanIn, fanOut }) =>
    tf.randomNormal([...shape], 0, gain * Math.sqrt(2 / (fanIn + fanOut)), 'float32', seedOf(key));

/** Kaiming/He normal, `a = 0`, fan-in mode (official `init_type='kaiming'`). */
export const kaimingNormal =
  (): Initializer =>
  (key, shape, { fanIn }) =>
    tf.randomNormal([...shape], 0, Math.sqrt(2 / fanIn), 'float32', seedOf(key));

/** All zeros (biases). */
export const zerosInit: Initializer = (_key, shape) => tf.zeros([...shape]);

/**
 * Orthonormalises the `n` rows (each of length `m`, `n <= m`) of a row-major matrix in place, by modified
 * Gram-Schmidt in float64. The result is the Q of the QR decomposition with a positive diagonal of R, which is
 * what PyTorch's `orthogonal_` makes of its QR (`q *= sign(diag(r))`).
 */
function orthonormalizeRows(a: Float64Array, n: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const vi = i * m;
    for (let j = 0; j < i; j++) {
      const vj = j * m;
      let dot = 0;
      for (let k = 0; k < m; k++) dot += (a[vi + k] as number) * (a[vj + k] as number);
      for (let k = 0; k < m; k++) a[vi + k] = (a[vi + k] as number) - dot * (a[vj + k] as number);
    }
    let norm = 0;
    for (let k = 0; k < m; k++) norm += (a[vi + k] as number) ** 2;
    const inv = 1 / Math.sqrt(norm);
    for (let k = 0; k < m; k++) a[vi + k] = (a[vi + k] as number) * inv;
  }
}

/** Rows per block of {@link orthonormalRows}: the in-block Gram-Schmidt runs in float64 JavaScript. */
const GS_BLOCK = 32;

/**
 * The rows of `a` ([n, m], n <= m) orthonormalised in order: block classical Gram-Schmidt: each block of rows
 * loses its projection on the rows already done by matrix products on the active backend (the bulk of the work,
 * about n²·m flops), a second time where that removed most of a row (then rounding may have left some), and is
 * orthonormalised within itself by {@link orthonormalizeRows}. The same Q as row-by-row Gram-Schmidt.
 */
function orthonormalRows(a: tf.Tensor2D): tf.Tensor2D {
  const [n, m] = a.shape;
  let done: tf.Tensor2D | undefined;
  for (let start = 0; start < n; start += GS_BLOCK) {
    const size = Math.min(GS_BLOCK, n - start);
    const projected = tf.tidy(() => {
      const x = tf.slice(a, [start, 0], [size, m]);
      const q = done;
      if (q === undefined) return x;
      const project = (v: tf.Tensor2D): tf.Tensor2D => tf.sub(v, tf.matMul(tf.matMul(v, q, false, true), q));
      const once = project(x);
      // "Twice is enough" (Kahan, Parlett): project again only where a row lost much of its norm, i.e. where the
      // first pass's rounding may have left a component along the rows already done.
      const kept = tf.min(tf.div(tf.norm(once, 'euclidean', 1), tf.norm(x, 'euclidean', 1))).dataSync()[0] ?? 0;
      return kept < 0.7 ? project(once) : once;
    });
    const values = Float64Array.from(projected.dataSync());
    projected.dispose();
    orthonormalizeRows(values, size, m);
    const block = tf.tensor2d(Float32Array.from(values), [size, m]);
    const next: tf.Tensor2D = done === undefined ? block : tf.concat([done, block]);
    if (done !== undefined) {
      done.dispose();
      block.dispose();
    }
    done = next;
  }
  // n >= 1: the loop ran at least once.
  return done ?? tf.zeros([0, m]);
}

/**
 * (Semi-)orthogonal with `gain` (official `init_type='orthogonal'`, PyTorch's `orthogonal_`): the weight seen as
 * PyTorch's `[size(0), rest]` matrix has orthonormal rows (or columns, when it is tall), times `gain`. In the
 * tfjs layouts of `conv2d` (`[k, k, in, out]`) and `convTranspose2d` (`[k, k, out, in]`) PyTorch's dimension 0 is
 * the last axis, so the matrix is `[shape[last], size / shape[last]]`. A normal matrix is drawn (seeded) and
 * orthonormalised by block Gram-Schmidt with re-orthogonalisation (products on the backend, blocks in float64):
 * the same Q as PyTorch's sign-corrected QR. (tfjs's own `tf.linalg.qr` took 47 s for one 512x64 matrix on the
 * cpu backend; row-by-row Gram-Schmidt in JavaScript 9 s for unet_256's 512x8192.)
 *
 * @example
 * ```ts
 * import { key, orthogonal } from '@pix2pix-ts/layers';
 * const w = orthogonal(0.02)(key(0), [4, 4, 3, 64], { fanIn: 48, fanOut: 1024 }); // rows of [64, 48] orthogonal
 * ```
 */
export const orthogonal =
  (gain = 1): Initializer =>
  (key, shape) => {
    const rows = shape[shape.length - 1] ?? 1;
    const cols = shape.reduce((a, b) => a * b, 1) / rows;
    const n = Math.min(rows, cols);
    const m = Math.max(rows, cols);
    const drawn = tf.randomNormal([n, m], 0, 1, 'float32', seedOf(key)) as tf.Tensor2D;
    const q = orthonormalRows(drawn);
    drawn.dispose();
    const weight = tf.tidy(() => {
      // q holds the n orthonormal vectors as rows: [n, m]. The weight wants PyTorch's [rows, cols] transposed,
      // [cols, rows], reshaped to the tfjs layout: that is q itself when rows >= cols, its transpose otherwise.
      const colsByRows = rows >= cols ? q : tf.transpose(q);
      return tf.mul(tf.reshape(colsByRows, [...shape]), gain);
    });
    q.dispose();
    return weight;
  };
