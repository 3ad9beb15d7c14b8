import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { uniform } from './support/compare';
import { onBackend } from './support/on-backends';

describe('wasm Conv2DBackpropFilter releases its intermediates', () => {
  it('200 conv2d + conv2dTranspose forward/backward passes keep tensors and bytes flat', async () => {
    await onBackend('wasm');
    const backend = tf.backend();
    // The wasm heap only grows; a stale XNNPACK operator per pass (cached under the filter's id)
    // would grow it.
    const heapBytes = (): number => {
      const heap: unknown = Reflect.get(Reflect.get(backend, 'wasm') as object, 'HEAPU8');
      return heap instanceof Uint8Array ? heap.byteLength : Number.NaN;
    };
    const x = tf.tensor4d(uniform(1, 2 * 16 * 16 * 3), [2, 16, 16, 3]);
    const w1 = tf.tensor4d(uniform(2, 4 * 4 * 3 * 8), [4, 4, 3, 8]);
    const w2 = tf.tensor4d(uniform(3, 4 * 4 * 3 * 8), [4, 4, 3, 8]);
    const pass = (): void => {
      const grads = tf.grads((a: tf.Tensor, f: tf.Tensor, g: tf.Tensor) => {
        const down = tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 2, 1);
        const up = tf.conv2dTranspose(tf.relu(down), g as tf.Tensor4D, [2, 16, 16, 3], 2, 1);
        return tf.sum(tf.square(up));
      })([x, w1, w2]);
      grads.forEach((t) => t.dispose());
    };
    pass(); // warm-up: lets tfjs create its cached scalars
    const before = { ...tf.memory(), dataIds: backend.numDataIds(), heap: heapBytes() };
    for (let i = 0; i < 200; i++) {
      pass();
      if (i % 50 === 0) {
        expect(tf.memory().numTensors).toBe(before.numTensors);
        expect(backend.numDataIds()).toBe(before.dataIds);
      }
    }
    const after = { ...tf.memory(), dataIds: backend.numDataIds(), heap: heapBytes() };
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.dataIds).toBe(before.dataIds);
    expect(after.heap).toBe(before.heap);
    [x, w1, w2].forEach((t) => t.dispose());
  });

  it('rejects a dy of the wrong shape, clearly and without leaking', async () => {
    await onBackend('wasm');
    const backend = tf.backend();
    const x = tf.ones([1, 8, 8, 3]);
    const dy = tf.ones([1, 3, 3, 2]); // k4 s2 p1 on 8×8 gives 4×4, not 3×3
    const ids = backend.numDataIds();
    expect(() =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 2, pad: 1, dataFormat: 'NHWC', filterShape: [4, 4, 3, 2] }),
    ).toThrow(/dy has shape \[1,3,3,2\] but the forward conv outputs \[1,4,4,2\]/);
    expect(backend.numDataIds()).toBe(ids);
    tf.dispose([x, dy]);
  });
});
