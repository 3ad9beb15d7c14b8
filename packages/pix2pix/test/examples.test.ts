import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';

describe('README examples run', () => {
  it('examples/train-tiny.ts trains 5 steps and frees everything', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await import('../examples/train-tiny');
    expect(log).toHaveBeenCalledTimes(5);
    expect(String(log.mock.calls[4]?.[0])).toMatch(/^step 5: G_GAN \d/);
    log.mockRestore();
  });

  it('examples/custom-generator.ts composes a U-Net with a ResNet bottleneck', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const before = tf.memory().numTensors;
    await import('../examples/custom-generator');
    expect(log).toHaveBeenCalledWith([1, 64, 64, 3], [1, 64, 64, 3]);
    expect(tf.memory().numTensors).toBeGreaterThan(before); // it keeps its params alive, as a user's script would
    log.mockRestore();
  });
});
