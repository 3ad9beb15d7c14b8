import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { heapKernelsFor, isHeapBackend, kernelScope, transposeMatrix } from '../src/index';
import { onBackend } from './support/on-backends';
import { withoutModule } from './support/without-module';

/** A matrix size: multiples of 4 take the SIMD tiles, the others the element loop. */
const matrixSize = fc.record({
  rows: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 40 }).map((r) => 4 * r)),
  cols: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 40 }).map((c) => 4 * c)),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

/** transposeMatrix on the active wasm backend (with its heap kernels hidden: `fallback`), as an array. */
function transposed(values: Float32Array, rows: number, cols: number, fallback = false): Float32Array {
  const x = tf.tensor2d(values, [rows, cols]);
  const backend = tf.backend();
  if (!isHeapBackend(backend)) throw new Error('expected the wasm backend');
  const view = fallback ? withoutModule(backend) : backend;
  const info = kernelScope(backend, 'wasm', (run, adopt) => transposeMatrix(run, view, adopt, x, rows, cols));
  const t = tf.engine().makeTensorFromTensorInfo(info);
  const out = Float32Array.from(t.dataSync());
  tf.dispose([x, t]);
  return out;
}

function reference(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = values[i * cols + j] ?? Number.NaN;
  return out;
}

describe("heap-kernels.wat: tfjs-wasm's heap, in place", () => {
  it('transpose equals the element-by-element transpose exactly, on the SIMD tiles and the element loop (property, seeded)', async () => {
    await onBackend('wasm');
    expect(typeof heapKernelsFor(tf.backend())?.transpose).toBe('function');
    const before = tf.memory().numTensors;
    fc.assert(
      fc.property(matrixSize, ({ rows, cols, seed }) => {
        const values = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(seed + i * 0.731));
        expect(Array.from(transposed(values, rows, cols))).toEqual(Array.from(reference(values, rows, cols)));
      }),
      { seed: 20261126, numRuns: 150 },
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it("transposeMatrix's fallback (wasm's own Transpose, where the module is not available) agrees", async () => {
    await onBackend('wasm');
    for (const [rows, cols] of [[64, 128], [49, 1024], [3, 5], [2, 2048]] as const) {
      const values = Float32Array.from({ length: rows * cols }, (_, i) => Math.cos(i * 0.37));
      expect(Array.from(transposed(values, rows, cols, true))).toEqual(Array.from(reference(values, rows, cols)));
    }
  });

  it('is assembled from heap-kernels.wat (the committed binary matches the source)', () => {
    const script = fileURLToPath(new URL('../scripts/assemble-heap-kernels.mjs', import.meta.url));
    expect(execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' })).toMatch(/matches/);
  });
});
