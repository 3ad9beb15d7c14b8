import { useBackend, type BackendInfo } from '@pix2pix-ts/backends';
import * as tf from '@tensorflow/tfjs-core';

/** What the wasm backend picked in the page, and a conv's speed on it. */
export interface WasmInPage {
  readonly crossOriginIsolated: boolean;
  readonly hardwareConcurrency: number;
  readonly info: BackendInfo;
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
  await useBackend('webgl');
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
    info,
    convMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
  };
}
