import { ADAM_UPDATE, adamUpdateArrays, heapKernelsFor, useBackend, type BackendInfo } from '@pix2pix-ts/backends';
import * as tf from '@tensorflow/tfjs-core';

/** What the wasm backend picked in the page, and a conv's speed on it. */
export interface WasmInPage {
  readonly crossOriginIsolated: boolean;
  readonly hardwareConcurrency: number;
  readonly info: BackendInfo;
  /** Whether the heap kernels (one-pass SIMD Adam, SIMD transpose) load on the threaded build's shared memory. */
  readonly adamSimd: boolean;
  /** Largest difference of that kernel's `[param', m', v']` from the float64 reference, on 1,027 elements. */
  readonly adamMaxError: number;
  /** Median ms of a 64x64x32 → 32x32x64 4x4 stride-2 conv (5 runs after a warm-up). */
  readonly convMs: number;
}

/**
 * Starts tfjs-backend-wasm in the page from the binaries served at `/wasm/`. With the server's
 * COOP/COEP headers the page is cross-origin isolated, so tfjs picks the threaded SIMD binary. Its
 * tfjs sizes XNNPACK's thread pool from the core count: on this 2-core machine it reports 1 thread.
 * Leaves `webgl` active again afterwards.
 */
export async function wasmThreadsCase(): Promise<WasmInPage> {
  const info = await useBackend('wasm', { wasmPaths: `${location.origin}/wasm/` });
  const x = tf.randomNormal([1, 64, 64, 32]) as tf.Tensor4D;
  const w = tf.randomNormal([4, 4, 32, 64]) as tf.Tensor4D;
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    tf.tidy(() => tf.conv2d(x, w, 2, 'same').dataSync());
    if (i > 0) times.push(performance.now() - t0);
  }
  tf.dispose([x, w]);
  times.sort((a, b) => a - b);
  const adamSimd = heapKernelsFor(tf.backend()) !== undefined;
  const adamMaxError = adamAgainstReference(1027);
  await useBackend('webgl');
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
    info,
    adamSimd,
    adamMaxError,
    convMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
  };
}

/** Runs {@link ADAM_UPDATE} on the active backend and returns its largest difference from `adamUpdateArrays`. */
function adamAgainstReference(n: number): number {
  const values = (scale: number, offset: number): Float32Array => Float32Array.from({ length: n }, (_, i) => scale * Math.sin(i * 0.37 + offset));
  const [p, g, m] = [values(1, 0), values(0.1, 1), values(0.01, 2)];
  const v = values(1e-3, 3).map((x) => x * x);
  const attrs = { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 2e-4 / (1 - 0.5 ** 2), sqrtBc2: Math.sqrt(1 - 0.999 ** 2) };
  const expected = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
  adamUpdateArrays(p, g, m, v, ...expected, attrs);
  const got = tf.tidy(() => {
    const out = tf.engine().runKernel(ADAM_UPDATE, { param: tf.tensor1d(p), grad: tf.tensor1d(g), m: tf.tensor1d(m), v: tf.tensor1d(v) }, { ...attrs });
    return (Array.isArray(out) ? out : [out]).map((t: tf.Tensor) => t.dataSync());
  });
  return Math.max(...expected.map((e, k) => Math.max(...e.map((x, i) => Math.abs(x - (got[k]?.[i] ?? Number.NaN))))));
}
