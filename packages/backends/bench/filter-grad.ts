/**
 * Times one conv filter gradient (Conv2DBackpropFilter) for pix2pix's second encoder layer:
 * x 1×128×128×64, filter 4×4×64×128, stride 2, pad 1 → dy 1×64×64×128.
 *
 *   npm run bench --workspace=@pix2pix-ts/backends            (cpu included: about 1.5 minutes)
 *   BENCH_CPU=0 npm run bench --workspace=@pix2pix-ts/backends (wasm only)
 *
 * Reports the median wall time of each formulation on wasm, cpu's own kernel, and each result's
 * error against a float64 reference computed here in plain JavaScript.
 */
import * as tf from '@tensorflow/tfjs-core';
import { filterGradDilated, filterGradGeometry, filterGradIm2col, kernelScope, useBackend } from '../src/index';

const [N, H, W, CIN, COUT, K, S, P] = [1, 128, 128, 64, 128, 4, 2, 1] as const;
const OH = (H + 2 * P - K) / S + 1;
const OW = (W + 2 * P - K) / S + 1;
const attrs = { strides: S, pad: P, dataFormat: 'NHWC', filterShape: [K, K, CIN, COUT] } as const;
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

/** dW in float64: Σ over output positions of x(padded, strided) ⊗ dy. */
function reference(): Float64Array {
  const dw = new Float64Array(K * K * CIN * COUT);
  for (let p = 0; p < OH; p++) {
    for (let q = 0; q < OW; q++) {
      const dyOff = (p * OW + q) * COUT;
      for (let i = 0; i < K; i++) {
        const r = p * S + i - P;
        if (r < 0 || r >= H) continue;
        for (let j = 0; j < K; j++) {
          const c0 = q * S + j - P;
          if (c0 < 0 || c0 >= W) continue;
          const xOff = (r * W + c0) * CIN;
          const wOff = (i * K + j) * CIN * COUT;
          for (let c = 0; c < CIN; c++) {
            const xv = xs[xOff + c] ?? 0;
            const row = wOff + c * COUT;
            for (let o = 0; o < COUT; o++) dw[row + o] = (dw[row + o] ?? 0) + xv * (dys[dyOff + o] ?? 0);
          }
        }
      }
    }
  }
  return dw;
}

/** max |a − ref| / (|ref| + max(1, ‖ref‖∞)), the test suite's error measure. */
function error(a: ArrayLike<number>, ref: Float64Array): number {
  const scale = ref.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? Number.NaN) - (ref[i] ?? 0)) / (Math.abs(ref[i] ?? 0) + scale));
  return worst;
}

function time(label: string, n: number, f: () => tf.Tensor, warmUp = true): { label: string; ms: number; out: Float32Array } {
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
  return { label, ms: ms[Math.floor(ms.length / 2)] ?? Number.NaN, out };
}

const t0 = performance.now();
const ref = reference();
console.log(`float64 reference (plain JS): ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const results: { label: string; ms: number; out: Float32Array }[] = [];
const info = await useBackend('wasm');
console.log(`wasm: simd=${info.name === 'wasm' && info.simd} threads=${info.name === 'wasm' ? info.threadsCount : '-'}`);
{
  const x = tf.tensor4d(xs, [N, H, W, CIN]);
  const dy = tf.tensor4d(dys, [N, OH, OW, COUT]);
  const g = filterGradGeometry(x.shape, dy.shape, attrs);
  const via = (f: typeof filterGradDilated) => () => tf.engine().makeTensorFromTensorInfo(kernelScope(tf.backend(), 'wasm', (run) => f(run, x, dy, g)));
  results.push(time('wasm, registered kernel (dilated conv)', runs, () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs }) as tf.Tensor));
  results.push(time('wasm, im2col + matmul', Math.max(3, Math.floor(runs / 3)), via(filterGradIm2col)));
  const f = tf.tensor4d(values(3, K * K * CIN * COUT), [K, K, CIN, COUT]);
  const fwd = time('wasm, forward conv2d (for scale)', runs, () => tf.conv2d(x, f, S, P));
  console.log(`${fwd.label}: ${fwd.ms.toFixed(1)} ms`);
  tf.dispose([x, dy, f]);
}
if (withCpu) {
  await useBackend('cpu');
  const x = tf.tensor4d(xs, [N, H, W, CIN]);
  const dy = tf.tensor4d(dys, [N, OH, OW, COUT]);
  // One cold run: cpu's kernel is plain loops (nothing to warm up) and takes over a minute.
  results.push(time('cpu, tfjs kernel', 1, () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs }) as tf.Tensor, false));
  tf.dispose([x, dy]);
}
for (const r of results) console.log(`${r.label}: ${r.ms.toFixed(1)} ms, error vs float64 ${error(r.out, ref).toExponential(2)}`);
