import * as tf from '@tensorflow/tfjs-core';
import { cpus } from 'node:os';
import { describe, expect, it } from 'vitest';
import { heapKernelsFor, prepareWasmThreads, useBackend, wasmThreadsInUse } from '../src/index';

/** A conv's output and both gradients on the current backend, read back (deterministic inputs). */
function convAndGradients(): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(Float32Array.from({ length: 1 * 32 * 32 * 8 }, (_, i) => Math.sin(i * 0.37)), [1, 32, 32, 8]);
    const w = tf.tensor4d(Float32Array.from({ length: 4 * 4 * 8 * 16 }, (_, i) => Math.cos(i * 0.11) * 0.1), [4, 4, 8, 16]);
    const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')));
    const [dx, dw] = tf.grads(f)([x, w]);
    return [tf.conv2d(x, w, 2, 'same'), dx, dw].map((t) => (t as tf.Tensor).dataSync() as Float32Array);
  });
}

const maxDiff = (a: Float32Array, b: Float32Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? Number.NaN))), 0);

describe('wasm on several threads (tfjs-wasm threaded SIMD build under worker_threads)', () => {
  it('starts with 2 threads in XNNPACK pool, computes what 1 thread computes, and switches back', async () => {
    const one = await useBackend('wasm', { threads: 1 });
    expect(one).toMatchObject({ name: 'wasm', simd: true, threads: false, threadsCount: 1 });
    const reference = convAndGradients();

    const blob = globalThis.Blob;
    const createObjectURL = URL.createObjectURL;
    const logicalCpus = cpus().length;
    const two = await useBackend('wasm', { threads: 2 });
    expect(two).toMatchObject({ name: 'wasm', simd: true, threads: true, threadsCount: 2 });
    expect(wasmThreadsInUse(await import('@tensorflow/tfjs-backend-wasm'))).toBe(2);
    // What was patched for the start is back as it was.
    expect(globalThis.Blob).toBe(blob);
    expect(URL.createObjectURL).toBe(createObjectURL);
    expect(cpus().length).toBe(logicalCpus);
    // The project's SIMD heap kernels bind to the shared memory of the threaded build.
    expect(heapKernelsFor(tf.backend())).toBeDefined();
    const threaded = convAndGradients();
    threaded.forEach((t, i) => expect(maxDiff(t, reference[i] ?? new Float32Array()), `output ${i}`).toBeLessThan(1e-4));

    // Asking again for the same count keeps the running backend (and its tensors).
    const kept = tf.scalar(3);
    await useBackend('wasm', { threads: 2 });
    expect(kept.dataSync()[0]).toBe(3);
    kept.dispose();

    const back = await useBackend('wasm', { threads: 1 });
    expect(back).toMatchObject({ threads: false, threadsCount: 1 });
    convAndGradients().forEach((t, i) => expect(maxDiff(t, reference[i] ?? new Float32Array())).toBe(0));
  });

  it('rejects a thread count that is not a positive integer', async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    await expect(prepareWasmThreads(wasm, 0)).rejects.toThrow(/positive integer/);
    await expect(prepareWasmThreads(wasm, 1.5)).rejects.toThrow(/positive integer/);
  });
});
