/**
 * Times the two conv gradients for pix2pix's second encoder layer:
 * x 1×128×128×64, filter 4×4×64×128, stride 2, pad 1 → dy 1×64×64×128.
 *
 *   npm run bench --workspace=@pix2pix-ts/backends            (cpu included: a few minutes)
 *   BENCH_CPU=0 npm run bench --workspace=@pix2pix-ts/backends (wasm only)
 *
 * Filter gradient (Conv2DBackpropFilter): this package's wasm kernel (dilated convolution), the
 * im2col alternative, and cpu's kernel. Input gradient (Conv2DBackpropInput, also the forward
 * pass of conv2dTranspose): this package's wasm kernel (sub-pixel convolution), wasm's own, and
 * cpu's. Each result's error is measured against a float64 reference computed here.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  filterGradGeometry,
  filterGradIm2col,
  kernelScope,
  registerKernelReplacements,
  restoreNativeKernels,
  useBackend,
} from '../src/index';

const [N, H, W, CIN, COUT, K, S, P] = [1, 128, 128, 64, 128, 4, 2, 1] as const;
const OH = (H + 2 * P - K) / S + 1;
const OW = (W + 2 * P - K) / S + 1;
const filterAttrs = { strides: S, pad: P, dataFormat: 'NHWC', filterShape: [K, K, CIN, COUT] } as const;
const inputAttrs = { strides: S, pad: P, dataFormat: 'NHWC', inputShape: [N, H, W, CIN] } as const;
const runs = Number(process.env['BENCH_RUNS'] ?? 10);
const withCpu = process.env['BENCH_CPU'] !== '0';

function values(seed: number, n: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}
const xs = values(1, N * H * W * CIN);
const dys = values(2, N * OH * OW * COUT);
const ws = values(3, K * K * CIN * COUT);

/** Visits every (input pixel, filter tap, output pixel) triple of the forward conv once. */
function forEachTap(visit: (xOff: number, wOff: number, dyOff: number) => void): void {
  for (let p = 0; p < OH; p++) {
    for (let q = 0; q < OW; q++) {
      for (let i = 0; i < K; i++) {
        const r = p * S + i - P;
        if (r < 0 || r >= H) continue;
        for (let j = 0; j < K; j++) {
          const c = q * S + j - P;
          if (c < 0 || c >= W) continue;
          visit((r * W + c) * CIN, (i * K + j) * CIN * COUT, (p * OW + q) * COUT);
        }
      }
    }
  }
}

/** Float64 references: dW = Σ x ⊗ dy, dx = Σ w · dy. */
function references(): { dw: Float64Array; dx: Float64Array } {
  const dw = new Float64Array(K * K * CIN * COUT);
  const dx = new Float64Array(N * H * W * CIN);
  forEachTap((xOff, wOff, dyOff) => {
    for (let c = 0; c < CIN; c++) {
      const xv = xs[xOff + c] ?? 0;
      const row = wOff + c * COUT;
      let acc = 0;
      for (let o = 0; o < COUT; o++) {
        const d = dys[dyOff + o] ?? 0;
        dw[row + o] = (dw[row + o] ?? 0) + xv * d;
        acc += (ws[row + o] ?? 0) * d;
      }
      dx[xOff + c] = (dx[xOff + c] ?? 0) + acc;
    }
  });
  return { dw, dx };
}

/** max |a − ref| / (|ref| + max(1, ‖ref‖∞)), the test suite's error measure. */
function error(a: ArrayLike<number>, ref: Float64Array): number {
  const scale = ref.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? Number.NaN) - (ref[i] ?? 0)) / (Math.abs(ref[i] ?? 0) + scale));
  return worst;
}

interface Timing {
  readonly label: string;
  readonly ms: number;
  readonly error: number;
}

/** Median wall time of `n` runs (after one warm-up unless `warmUp` is false), and the error. */
function time(label: string, ref: Float64Array, n: number, f: () => tf.Tensor, warmUp = true): Timing {
  if (warmUp) f().dispose(); // XNNPACK set-up, tfjs' cached scalars
  const ms: number[] = [];
  let out = new Float32Array();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const y = f();
    const data = y.dataSync();
    ms.push(performance.now() - t0);
    if (i === n - 1) out = Float32Array.from(data);
    y.dispose();
  }
  ms.sort((a, b) => a - b);
  return { label, ms: ms[Math.floor(ms.length / 2)] ?? Number.NaN, error: error(out, ref) };
}

const t0 = performance.now();
const ref = references();
console.log(`float64 references (plain JS): ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const results: Timing[] = [];
const info = await useBackend('wasm');
console.log(`wasm: simd=${info.name === 'wasm' && info.simd} threads=${info.name === 'wasm' ? info.threadsCount : '-'}`);
{
  const x = tf.tensor4d(xs, [N, H, W, CIN]);
  const dy = tf.tensor4d(dys, [N, OH, OW, COUT]);
  const w = tf.tensor4d(ws, [K, K, CIN, COUT]);
  const g = filterGradGeometry(x.shape, dy.shape, filterAttrs);
  const dW = () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...filterAttrs }) as tf.Tensor;
  const dX = () => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...inputAttrs }) as tf.Tensor;
  results.push(time('dW  wasm, this package (dilated conv)', ref.dw, runs, dW));
  results.push(
    time('dW  wasm, im2col + BatchMatMul', ref.dw, Math.max(3, Math.floor(runs / 3)), () =>
      tf.engine().makeTensorFromTensorInfo(kernelScope(tf.backend(), 'wasm', (run) => filterGradIm2col(run, x, dy, g))),
    ),
  );
  results.push(time('dx  wasm, this package (sub-pixel conv)', ref.dx, runs, dX));
  restoreNativeKernels('wasm');
  results.push(time("dx  wasm, wasm's own kernel", ref.dx, Math.max(3, Math.floor(runs / 3)), dX));
  registerKernelReplacements('wasm');
  const fwd = time('forward conv2d, wasm (for scale)', ref.dx, runs, () => tf.conv2d(x, w, S, P));
  console.log(`${fwd.label}: ${fwd.ms.toFixed(1)} ms`);
  tf.dispose([x, dy, w]);
}
if (withCpu) {
  await useBackend('cpu');
  const x = tf.tensor4d(xs, [N, H, W, CIN]);
  const dy = tf.tensor4d(dys, [N, OH, OW, COUT]);
  const w = tf.tensor4d(ws, [K, K, CIN, COUT]);
  // One cold run each: cpu's kernels are plain loops (nothing to warm up) and take minutes.
  results.push(time("dW  cpu, tfjs' kernel", ref.dw, 1, () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...filterAttrs }) as tf.Tensor, false));
  results.push(time("dx  cpu, tfjs' kernel", ref.dx, 1, () => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...inputAttrs }) as tf.Tensor, false));
  tf.dispose([x, dy, w]);
}
console.log('| gradient, backend, kernel | median ms | error vs float64 |\n| --- | ---: | ---: |');
for (const r of results) console.log(`| ${r.label} | ${r.ms.toFixed(1)} | ${r.error.toExponential(2)} |`);
