import type { NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * The attributes of the fused batch-norm kernel: `ε`, and the weight of this batch in the running
 * statistics (PyTorch's `momentum`).
 *
 * @example
 * ```ts
 * import type { BatchNormTrainAttrs } from '@pix2pix-ts/backends';
 *
 * const pytorch: BatchNormTrainAttrs = { epsilon: 1e-5, momentum: 0.1 };
 * ```
 */
export interface BatchNormTrainAttrs {
  readonly epsilon: number;
  readonly momentum: number;
}

/**
 * The running statistics a batch norm keeps, before or after a batch: `[C]` each.
 *
 * @example
 * ```ts
 * import type { RunningMoments } from '@pix2pix-ts/backends';
 *
 * const fresh: RunningMoments<Float32Array> = { mean: new Float32Array(3), variance: new Float32Array(3).fill(1) };
 * ```
 */
export interface RunningMoments<T> {
  readonly mean: T;
  readonly variance: T;
}

/**
 * Training-mode batch normalisation of an NHWC tensor held as a flat array (`channels` innermost),
 * in one function: the per-channel batch mean and biased variance (two passes, double-precision
 * sums, as PyTorch's CPU kernel accumulates), `y = γ·(x − μ)/√(var + ε) + β`, and PyTorch's update of
 * the running statistics: `mean' = (1 − momentum)·mean + momentum·μ`, and the same for the variance
 * with the *unbiased* batch variance. Writes `y` (same length as `x`), `mean`, `variance` and
 * `runningOut` (`channels` each).
 *
 * @example
 * ```ts
 * import { batchNormTrainArrays } from '@pix2pix-ts/backends';
 *
 * const [y, mean, variance] = [new Float32Array(4), new Float32Array(2), new Float32Array(2)];
 * const runningOut = { mean: new Float32Array(2), variance: new Float32Array(2) };
 * batchNormTrainArrays(Float32Array.of(1, 10, 3, 30), Float32Array.of(1, 1), Float32Array.of(0, 0),
 *   { mean: Float32Array.of(0, 0), variance: Float32Array.of(1, 1) }, 2, { epsilon: 0, momentum: 1 }, y, mean, variance, runningOut);
 * // mean [2, 20], variance [1, 100], y [-1, -1, 1, 1], runningOut.variance [2, 200] (unbiased)
 * ```
 */
export function batchNormTrainArrays(
  x: Float32Array,
  gamma: Float32Array,
  beta: Float32Array,
  running: RunningMoments<Float32Array>,
  channels: number,
  { epsilon, momentum }: BatchNormTrainAttrs,
  y: Float32Array,
  mean: Float32Array,
  variance: Float32Array,
  runningOut: RunningMoments<Float32Array>,
): void {
  // Every index below is below its array's length: the kernels check the shapes. Hence the `as number`s.
  const n = x.length;
  const count = n / channels;
  const sum = new Float64Array(channels);
  for (let i = 0, k = 0; i < n; i++) {
    sum[k] = (sum[k] as number) + (x[i] as number);
    if (++k === channels) k = 0;
  }
  for (let k = 0; k < channels; k++) sum[k] = (sum[k] as number) / count;
  const squares = new Float64Array(channels);
  for (let i = 0, k = 0; i < n; i++) {
    const d = (x[i] as number) - (sum[k] as number);
    squares[k] = (squares[k] as number) + d * d;
    if (++k === channels) k = 0;
  }
  // y = x·scale + shift, per channel: scale = γ/√(var + ε), shift = β − μ·scale.
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  const unbiased = count > 1 ? count / (count - 1) : 1;
  for (let k = 0; k < channels; k++) {
    const v = (squares[k] as number) / count;
    mean[k] = sum[k] as number;
    variance[k] = v;
    runningOut.mean[k] = (1 - momentum) * (running.mean[k] as number) + momentum * (sum[k] as number);
    runningOut.variance[k] = (1 - momentum) * (running.variance[k] as number) + momentum * v * unbiased;
    scale[k] = (gamma[k] as number) / Math.sqrt(v + epsilon);
    shift[k] = (beta[k] as number) - (sum[k] as number) * (scale[k] as number);
  }
  for (let i = 0, k = 0; i < n; i++) {
    y[i] = (x[i] as number) * (scale[k] as number) + (shift[k] as number);
    if (++k === channels) k = 0;
  }
}

/**
 * The gradient of {@link batchNormTrainArrays} (PyTorch's training-mode batch-norm backward, the
 * dependence of μ and var on x included), with `x̂ = (x − μ)·σ⁻¹`, `σ⁻¹ = 1/√(var + ε)`, `M` values
 * per channel:
 *
 * `dβ = Σdy`, `dγ = Σ(dy·x̂)`, `dx = γ·σ⁻¹ · (dy − dβ/M − x̂ · dγ/M)`
 *
 * Two passes over the tensor: the two sums, then `dx`. Writes `dx`, `dGamma`, `dBeta`.
 *
 * @example
 * ```ts
 * import { batchNormTrainGradArrays } from '@pix2pix-ts/backends';
 *
 * const [dx, dGamma, dBeta] = [new Float32Array(2), new Float32Array(1), new Float32Array(1)];
 * batchNormTrainGradArrays(Float32Array.of(1, 1), Float32Array.of(-1, 1), Float32Array.of(0), Float32Array.of(1), Float32Array.of(1), 1, 0, dx, dGamma, dBeta);
 * // dBeta [2], dGamma [0], dx [0, 0]: a constant dy moves no normalised value
 * ```
 */
export function batchNormTrainGradArrays(
  dy: Float32Array,
  x: Float32Array,
  mean: Float32Array,
  variance: Float32Array,
  gamma: Float32Array,
  channels: number,
  epsilon: number,
  dx: Float32Array,
  dGamma: Float32Array,
  dBeta: Float32Array,
): void {
  const n = x.length;
  const count = n / channels;
  const invStd = new Float64Array(channels);
  for (let k = 0; k < channels; k++) invStd[k] = 1 / Math.sqrt((variance[k] as number) + epsilon);
  const sumDy = new Float64Array(channels);
  const sumDyXc = new Float64Array(channels); // Σ dy·(x − μ); Σ dy·x̂ is that times σ⁻¹
  for (let i = 0, k = 0; i < n; i++) {
    const d = dy[i] as number;
    sumDy[k] = (sumDy[k] as number) + d;
    sumDyXc[k] = (sumDyXc[k] as number) + d * ((x[i] as number) - (mean[k] as number));
    if (++k === channels) k = 0;
  }
  // dx = a·dy + b·x + c per channel: a = γσ⁻¹, b = −a·σ⁻¹·dγ/M, c = −a·dβ/M − b·μ.
  const a = new Float64Array(channels);
  const b = new Float64Array(channels);
  const c = new Float64Array(channels);
  for (let k = 0; k < channels; k++) {
    const inv = invStd[k] as number;
    const dg = (sumDyXc[k] as number) * inv;
    const db = sumDy[k] as number;
    dGamma[k] = dg;
    dBeta[k] = db;
    a[k] = (gamma[k] as number) * inv;
    b[k] = (-(a[k] as number) * inv * dg) / count;
    c[k] = (-(a[k] as number) * db) / count - (b[k] as number) * (mean[k] as number);
  }
  for (let i = 0, k = 0; i < n; i++) {
    dx[i] = (a[k] as number) * (dy[i] as number) + (b[k] as number) * (x[i] as number) + (c[k] as number);
    if (++k === channels) k = 0;
  }
}

/**
 * The `epsilon` attribute of the batch-norm kernels, failing clearly when it is missing.
 *
 * @example
 * ```ts
 * import { batchNormEpsilon } from '@pix2pix-ts/backends';
 *
 * batchNormEpsilon('k', { epsilon: 1e-5 }); // 1e-5
 * ```
 */
export function batchNormEpsilon(kernelName: string, attrs: Readonly<Record<string, unknown>> | undefined): number {
  const e = attrs?.['epsilon'];
  if (typeof e !== 'number' || !(e >= 0)) throw new Error(`${kernelName}: attribute 'epsilon' must be a number ≥ 0`);
  return e;
}

/**
 * The attributes of the fused batch-norm kernel ({@link BatchNormTrainAttrs}), failing clearly on a
 * missing or out-of-range one.
 *
 * @example
 * ```ts
 * import { batchNormTrainAttrs } from '@pix2pix-ts/backends';
 *
 * batchNormTrainAttrs('k', { epsilon: 1e-5, momentum: 0.1 }); // { epsilon: 1e-5, momentum: 0.1 }
 * ```
 */
export function batchNormTrainAttrs(kernelName: string, attrs: Readonly<Record<string, unknown>> | undefined): BatchNormTrainAttrs {
  const momentum = attrs?.['momentum'];
  if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) throw new Error(`${kernelName}: attribute 'momentum' must be a number in [0, 1]`);
  return { epsilon: batchNormEpsilon(kernelName, attrs), momentum };
}

/**
 * Picks named float32 inputs of a kernel, checking that each is there and that `x` (and `dy`, when
 * asked for) is 4-D with the per-channel inputs of its last dimension.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { batchNormKernelInputs } from '@pix2pix-ts/backends';
 *
 * const x = tf.zeros([1, 2, 2, 3]);
 * batchNormKernelInputs('k', { x, gamma: tf.ones([3]), beta: tf.zeros([3]) }, ['x', 'gamma', 'beta']).channels; // 3
 * ```
 */
export function batchNormKernelInputs<const K extends string>(
  kernelName: string,
  inputs: NamedTensorInfoMap,
  names: readonly K[],
): { readonly tensors: Readonly<Record<K, TensorInfo>>; readonly channels: number } {
  const tensors: Partial<Record<K, TensorInfo>> = {};
  for (const name of names) {
    const t = inputs[name];
    if (t === undefined) throw new Error(`${kernelName}: input '${name}' is missing`);
    if (t.dtype !== 'float32') throw new Error(`${kernelName}: input '${name}' must be float32, got ${t.dtype}`);
    tensors[name] = t;
  }
  const x = inputs['x'];
  if (x === undefined || x.shape.length !== 4) throw new Error(`${kernelName}: x must be 4-D (NHWC), got [${x?.shape.join(', ') ?? ''}]`);
  const channels = x.shape[3] ?? 0;
  for (const name of names) {
    const t = inputs[name];
    const ok = name === 'x' || name === 'dy' ? t?.shape.join(',') === x.shape.join(',') : t?.shape.length === 1 && t.shape[0] === channels;
    if (!ok) throw new Error(`${kernelName}: input '${name}' has shape [${t?.shape.join(', ') ?? ''}], x is [${x.shape.join(', ')}]`);
  }
  // Every name was checked present above.
  return { tensors: tensors as Record<K, TensorInfo>, channels };
}
