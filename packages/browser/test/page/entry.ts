// The browser test page: every case computes in Chromium and returns plain numbers; the Node side
// (test/browser.test.ts) asserts on them, so each tolerance is written next to its expectation.
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { setWebglPacking } from '@pix2pix-ts/backends';
import { setupWebgl, setupWebgpu } from '../../src/index';
import { setGpu } from './backends';
import { kernelsCase } from './cases/kernels';
import { layersCase } from './cases/layers';
import { leaksCase } from './cases/leaks';
import { modelsCase } from './cases/models';
import { parityForwardCase, parityTrainStepCase } from './cases/parity';
import { pthForwardCase } from './cases/pth';
import { trainStepCase } from './cases/train-step';
import { wasmThreadsCase } from './cases/wasm-threads';

const cases: Record<string, (arg: unknown) => Promise<unknown>> = {
  /** Starts webgl with the flags given (the first case run of the webgl suite); the cases then compare webgl with cpu. */
  env: async (flags) => {
    const r = await setupWebgl(flags as Record<string, boolean>)();
    if (E.isLeft(r)) throw r.left;
    setGpu('webgl');
    return r.right;
  },
  /** Starts webgpu (the first case run of the webgpu suite); the cases then compare webgpu with cpu. */
  envWebgpu: async () => {
    const r = await setupWebgpu()();
    if (E.isLeft(r)) throw r.left;
    setGpu('webgpu');
    return r.right;
  },
  /** Switches texture packing (read op by op, so it can change between cases). */
  pack: async (on) => {
    setWebglPacking(on === true);
    return tf.env().getBool('WEBGL_PACK_BINARY_OPERATIONS');
  },
  layers: () => layersCase(),
  kernels: () => kernelsCase(),
  models: () => modelsCase(),
  trainStep: () => trainStepCase(),
  leaks: (steps) => leaksCase(steps),
  parityForward: () => parityForwardCase(),
  parityTrainStep: () => parityTrainStepCase(),
  pthForward: () => pthForwardCase(),
  wasmThreads: () => wasmThreadsCase(),
};

Reflect.set(globalThis, 'pix2pixCases', cases);
Reflect.set(globalThis, 'pix2pixReady', true);
