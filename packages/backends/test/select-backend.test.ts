import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import {
  BACKEND_NAMES,
  backendErrorToError,
  isBackendName,
  isNode,
  registerExtraKernels,
  registerKernelReplacements,
  restoreNativeKernels,
  selectBackend,
  useBackend,
  wasmBinaryDir,
} from '../src/index';

describe('selectBackend', () => {
  it('cpu: activates, reports the fused Adam kernel and its replaced filter gradient', async () => {
    const result = await selectBackend('cpu')();
    expect(result).toEqual(E.right({ name: 'cpu', extraKernels: ['Pix2PixAdamUpdate', 'Pix2PixBatchNormTrain', 'Pix2PixBatchNormTrainGrad', 'Pix2PixLeakyReluGrad'], replacedKernels: ['Conv2DBackpropFilter'], gradientFixes: ['MirrorPad', 'SquaredDifference'] }));
    expect(tf.getBackend()).toBe('cpu');
  });

  it('wasm: loads the local binaries (SIMD, no threads in Node) and adds Conv2DBackpropFilter', async () => {
    const info = await useBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info).toMatchObject({
      name: 'wasm',
      simd: true,
      threads: false,
      threadsCount: 1,
      extraKernels: ['Conv2DBackpropFilter', 'Pix2PixAdamUpdate', 'Pix2PixBatchNormTrain', 'Pix2PixBatchNormTrainGrad', 'Pix2PixLeakyReluGrad'],
      replacedKernels: ['Conv2DBackpropInput', 'Conv2D', 'FusedConv2D', 'Identity', 'Concat', 'SplitV'],
    });
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getGradient('Conv2D')).toBeDefined();
  });

  it('switches back and forth; each switch is idempotent and keeps the kernels', async () => {
    for (const name of ['cpu', 'wasm', 'wasm', 'cpu', 'wasm'] as const) {
      const info = await useBackend(name);
      expect(info.name).toBe(name);
      expect(tf.getBackend()).toBe(name);
    }
    expect(registerExtraKernels('wasm')).toEqual(['Conv2DBackpropFilter', 'Pix2PixAdamUpdate', 'Pix2PixBatchNormTrain', 'Pix2PixBatchNormTrainGrad', 'Pix2PixLeakyReluGrad']);
  });

  it('replaceKernels: false puts wasm\'s own Conv2DBackpropInput back; the default installs ours again', async () => {
    const ours = (await useBackend('wasm'), tf.getKernel('Conv2DBackpropInput', 'wasm'));
    expect(await useBackend('wasm', { replaceKernels: false })).toMatchObject({ replacedKernels: [] });
    const native = tf.getKernel('Conv2DBackpropInput', 'wasm');
    expect(native).toBeDefined();
    expect(native).not.toBe(ours);
    expect(await useBackend('wasm')).toMatchObject({ replacedKernels: ['Conv2DBackpropInput', 'Conv2D', 'FusedConv2D', 'Identity', 'Concat', 'SplitV'] });
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).not.toBe(native);
    expect(restoreNativeKernels('wasm')).toEqual(['Conv2DBackpropInput', 'Conv2D', 'FusedConv2D', 'Identity', 'Concat', 'SplitV']);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBe(native);
    expect(registerKernelReplacements('wasm')).toEqual(['Conv2DBackpropInput', 'Conv2D', 'FusedConv2D', 'Identity', 'Concat', 'SplitV']);
  });

  it('webgl in Node: a Left at the init stage, naming the reason', async () => {
    const before = tf.getBackend();
    const result = await selectBackend('webgl')();
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) {
      expect(result.left).toMatchObject({ _tag: 'BackendError', backend: 'webgl', stage: 'init' });
      expect(result.left.message).toMatch(/registers itself only in a browser/);
    }
    expect(tf.getBackend()).toBe(before); // a failed selection leaves the active backend alone
  });

  it('webgpu in Node: a Left at the init stage, naming the reason (no navigator.gpu)', async () => {
    const before = tf.getBackend();
    const result = await selectBackend('webgpu')();
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) {
      expect(result.left).toMatchObject({ _tag: 'BackendError', backend: 'webgpu', stage: 'init' });
      expect(result.left.message).toMatch(/registers itself only in a browser with WebGPU|no WebGPU here/);
    }
    expect(tf.getBackend()).toBe(before);
  });

  it('useBackend throws a clear Error', async () => {
    await expect(useBackend('webgl')).rejects.toThrow(/could not select tfjs backend 'webgl' \(init\): cannot start the backend/);
  });

  it('backendErrorToError keeps the BackendError as cause', () => {
    const e = backendErrorToError({ _tag: 'BackendError', backend: 'wasm', stage: 'wasm-paths', message: 'gone' });
    expect(e.message).toBe("could not select tfjs backend 'wasm' (wasm-paths): gone");
    expect(e.cause).toMatchObject({ stage: 'wasm-paths' });
  });

  it('names: the four backends, and a guard for strings', () => {
    expect(BACKEND_NAMES).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
    expect(isBackendName('webgpu')).toBe(true);
    expect(isBackendName('wasm')).toBe(true);
    expect(isBackendName('tensorflow')).toBe(false);
  });

  it('Node: the wasm binaries come from the installed package directory', async () => {
    expect(isNode()).toBe(true);
    const dir = await wasmBinaryDir();
    expect(dir).toMatch(/@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]$/);
  });
});
