/**
 * The page of `webgl-profile.ts`: a pix2pix training step on webgl with every webgl kernel wrapped
 * so that it waits for the GPU (`gl.finish`) and records its self time. Exposed as
 * `globalThis.pix2pixProfile(request)`.
 * @packageDocumentation
 */
import { key } from '@pix2pix-ts/layers';
import { disposeState, initTrainState, makeTrainStep, PAPER_OBJECTIVE, patchGanOf, releaseState, unetGeneratorOf } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { setupWebgl } from '../src/index';

interface ProfileRequest {
  readonly size: number;
  readonly depth: number;
  readonly ngf: number;
  readonly ndf: number;
  readonly steps: number;
  readonly warmup: number;
  readonly byShape: readonly string[];
}

const selfMs = new Map<string, number>();
const calls = new Map<string, number>();
let counting = false;

/**
 * Waits until the GPU has run everything queued: `gl.finish()` returns at once in Chromium (the work
 * runs in the GPU process), but reading a pixel back cannot return before the queue ahead of it ran.
 */
function finisher(): () => void {
  const gpgpu: unknown = Reflect.get(tf.backend(), 'gpgpu');
  const gl: unknown = typeof gpgpu === 'object' && gpgpu !== null ? Reflect.get(gpgpu, 'gl') : undefined;
  if (!(gl instanceof WebGL2RenderingContext)) throw new Error('not on webgl');
  const texture = gl.createTexture();
  const framebuffer = gl.createFramebuffer();
  const previousTexture: unknown = gl.getParameter(gl.TEXTURE_BINDING_2D);
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 1, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
  gl.bindTexture(gl.TEXTURE_2D, previousTexture instanceof WebGLTexture ? previousTexture : null);
  const pixel = new Uint8Array(4);
  return () => {
    const previous: unknown = gl.getParameter(gl.FRAMEBUFFER_BINDING);
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    gl.bindFramebuffer(gl.FRAMEBUFFER, previous instanceof WebGLFramebuffer ? previous : null);
  };
}

function instrument(byShape: ReadonlySet<string>): void {
  const finish = finisher();
  const stack: number[] = [];
  for (const c of tf.getKernelsForBackend('webgl')) {
    const inner = c.kernelFunc;
    const wrapped: tf.KernelFunc = (args) => {
      if (!counting) return inner(args);
      stack.push(0);
      const t0 = performance.now();
      try {
        return inner(args);
      } finally {
        finish();
        const total = performance.now() - t0;
        const children = stack.pop() ?? 0;
        if (stack.length > 0) stack[stack.length - 1] = (stack[stack.length - 1] ?? 0) + total;
        const shapes = Object.values(args.inputs).map((t) => `[${t?.shape.join(',') ?? ''}]`).join(' ');
        const name = byShape.has(c.kernelName) ? `${c.kernelName} ${shapes}` : c.kernelName;
        selfMs.set(name, (selfMs.get(name) ?? 0) + total - children);
        calls.set(name, (calls.get(name) ?? 0) + 1);
      }
    };
    tf.unregisterKernel(c.kernelName, 'webgl');
    tf.registerKernel({ ...c, kernelFunc: wrapped });
  }
}

async function profile(req: ProfileRequest): Promise<unknown> {
  const setup = await setupWebgl()();
  if (E.isLeft(setup)) throw setup.left;
  const nets = { generator: unetGeneratorOf({ depth: req.depth, ngf: req.ngf, outChannels: 3 }), discriminator: patchGanOf({ nLayers: 3, ndf: req.ndf }) };
  const shape = [1, req.size, req.size, 3] as const;
  const step = makeTrainStep(nets, PAPER_OBJECTIVE);
  let state = initTrainState(nets, key(0), shape, 3);
  const n = req.size * req.size * 3;
  const plain: number[] = [];
  const run = (i: number): void => {
    const a = Float32Array.from({ length: n }, (_, j) => Math.sin(j * 0.37 + i));
    const batch = { a: tf.tensor4d(a, [...shape]), b: tf.tensor4d(a.map((v) => Math.tanh(1.5 * v)), [...shape]) };
    const t0 = performance.now();
    const [next, metrics] = step(state, batch);
    void metrics.G_L1; // read back: the step has run
    const ms = performance.now() - t0;
    if (!counting && i >= req.warmup) plain.push(ms);
    releaseState(state, next);
    state = next;
    tf.dispose([batch.a, batch.b]);
  };
  let i = 0;
  for (; i < req.warmup + req.steps; i++) run(i);
  instrument(new Set(req.byShape));
  counting = true;
  const t0 = performance.now();
  for (let k = 0; k < req.steps; k++, i++) run(i);
  const profiledMs = (performance.now() - t0) / req.steps;
  counting = false;
  disposeState(state);
  plain.sort((x, y) => x - y);
  return {
    medianMs: plain[Math.floor(plain.length / 2)],
    profiledMs,
    rows: [...selfMs.entries()].map(([name, ms]) => ({ name, ms: ms / req.steps, calls: (calls.get(name) ?? 0) / req.steps })).sort((x, y) => y.ms - x.ms),
  };
}

Reflect.set(globalThis, 'pix2pixProfile', profile);
Reflect.set(globalThis, 'pix2pixReady', true);
