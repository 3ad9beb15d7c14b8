import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { startedBackend, useBackend } from '../src/index';

describe('startedBackend', () => {
  it('only looks: a registered backend that has not started stays unstarted (tf.findBackend would start it)', () => {
    let starts = 0;
    class Quiet extends tf.KernelBackend {
      override dispose(): void {}
    }
    tf.registerBackend('never-started', () => {
      starts += 1;
      return new Quiet();
    }, -1);
    try {
      expect(startedBackend('never-started')).toBeUndefined();
      expect(starts).toBe(0);
      expect(tf.findBackend('never-started')).toBeInstanceOf(tf.KernelBackend);
      expect(starts).toBe(1);
      expect(startedBackend('never-started')).toBeInstanceOf(tf.KernelBackend);
    } finally {
      tf.removeBackend('never-started');
    }
  });

  // The race it closes: before, asking about wasm between the restart and tf.setBackend began a
  // single-threaded start, and about half of the 1 → 2 thread switches came up with one thread.
  it('every switch of wasm from 1 to 2 threads comes up on the threaded build with 2 threads', async () => {
    for (let i = 0; i < 4; i++) {
      // tfjs's own start first (as the parity tests do), then the explicit single-threaded one.
      const one = i === 0 ? await useBackend('wasm') : await useBackend('wasm', { threads: 1 });
      expect(one, `switch ${i}: 1 thread`).toMatchObject({ threads: false, threadsCount: 1 });
      expect(await useBackend('wasm', { threads: 2 }), `switch ${i}: 2 threads`).toMatchObject({ threads: true, threadsCount: 2 });
      expect(Reflect.get(startedBackend('wasm') ?? {}, 'wasm')).toHaveProperty('PThread');
    }
  });
});
