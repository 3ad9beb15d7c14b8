import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  ADAM_UPDATE,
  adamUpdate,
  assertGradientsReady,
  BACKEND_KERNELS,
  gradientsProblem,
  hasAdamUpdate,
  KERNEL_NAMES,
  mirrorPadGradConfig,
  registerGradientFixes,
  useBackend,
} from '../src/index';

const ATTRS = { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: Math.sqrt(0.001) };

describe('the one kernel registry', () => {
  it('lists every backend, the fused Adam on each, and only kernel names of KERNEL_NAMES', () => {
    const names = new Set<string>(Object.values(KERNEL_NAMES));
    for (const [backend, kernels] of Object.entries(BACKEND_KERNELS)) {
      expect(kernels.adds.map((k) => k.kernelName), backend).toContain(ADAM_UPDATE);
      for (const k of kernels.adds) expect(k.backendName).toBe(backend);
      for (const r of kernels.replaces) expect(r.backendName).toBe(backend);
      for (const name of [...kernels.adds.map((k) => k.kernelName), ...kernels.replaces.map((r) => r.kernelName)]) expect(names.has(name), name).toBe(true);
    }
    expect(Object.keys(BACKEND_KERNELS)).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
    // webgl's kernels moved here from @pix2pix-ts/browser: useBackend('webgl') installs them like any other.
    expect(BACKEND_KERNELS.webgl.replaces.map((r) => r.kernelName)).toEqual(['Conv2DBackpropFilter', 'Conv2DBackpropInput']);
    expect(BACKEND_KERNELS.webgl.replaces.every((r) => r.replace(undefined) === undefined)).toBe(true);
  });

  it('adamUpdate runs the registered kernel, and says to call useBackend where there is none', async () => {
    await useBackend('cpu');
    expect(hasAdamUpdate()).toBe(true);
    const [p] = adamUpdate(tf.ones([2]), tf.ones([2]), tf.zeros([2]), tf.zeros([2]), ATTRS);
    expect(Array.from(p.dataSync()).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0.9998, 0.9998]);
    const ours = tf.getKernel(ADAM_UPDATE, 'cpu');
    if (ours === undefined) throw new Error('not registered');
    tf.unregisterKernel(ADAM_UPDATE, 'cpu');
    try {
      expect(hasAdamUpdate()).toBe(false);
      expect(() => adamUpdate(tf.ones([2]), tf.ones([2]), tf.zeros([2]), tf.zeros([2]), ATTRS)).toThrow(
        "Pix2PixAdamUpdate: not registered for backend 'cpu': call useBackend('cpu') from @pix2pix-ts/backends first",
      );
    } finally {
      tf.registerKernel(ours);
    }
  });
});

describe('gradients are ready only after useBackend, with the fixes', () => {
  it('names a stale tfjs-core MirrorPad gradient (as the @tensorflow/tfjs bundle would register) until useBackend runs again', async () => {
    await useBackend('cpu');
    expect(gradientsProblem()).toBeUndefined();
    assertGradientsReady('test');
    tf.unregisterGradient('MirrorPad');
    tf.registerGradient({ ...mirrorPadGradConfig }); // a different config: not the fix
    expect(gradientsProblem()).toMatch(/own \(wrong\) MirrorPad gradient is registered/);
    expect(() => assertGradientsReady('train step')).toThrow(/^train step: .*MirrorPad.*call useBackend\(name\) from @pix2pix-ts\/backends first/);
    await useBackend('cpu');
    expect(gradientsProblem()).toBeUndefined();
    expect(registerGradientFixes()).toEqual(['MirrorPad', 'SquaredDifference']);
  });
});
