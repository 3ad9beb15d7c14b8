import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADAM_UPDATE, adamUpdateWasm, heapKernelsFor } from '../src/index';
import type { AdamUpdateAttrs } from '../src/index';
import { RTOL, scaledError, uniform } from './support/compare';
import { withoutModule } from './support/without-module';
import { NODE_BACKENDS, onBackend, onOracle } from './support/on-backends';

/** One random Adam update: sizes, data (v ≥ 0, as a second moment is), step and hyper-parameters. */
const adamCase = fc.record({
  shape: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 0, maxLength: 4 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  step: fc.integer({ min: 1, max: 2000 }),
  lr: fc.constantFrom(2e-4, 1e-3, 0.1),
  beta1: fc.constantFrom(0.5, 0.9),
  beta2: fc.constantFrom(0.999, 0.99),
  gradScale: fc.constantFrom(1e-6, 1e-2, 1, 100),
  // With p = 0, p' is minus the update itself, so the update is checked to the full tolerance
  // (next to p ~ 1 it is below float32's resolution of p).
  zeroParam: fc.boolean(),
});
type AdamCase = typeof adamCase extends fc.Arbitrary<infer T> ? T : never;

function attrsOf(c: AdamCase): AdamUpdateAttrs {
  return { beta1: c.beta1, beta2: c.beta2, epsilon: 1e-8, stepSize: c.lr / (1 - c.beta1 ** c.step), sqrtBc2: Math.sqrt(1 - c.beta2 ** c.step) };
}

function data(c: AdamCase): { p: number[]; g: number[]; m: number[]; v: number[] } {
  const n = c.shape.reduce((a, b) => a * b, 1);
  const g = uniform(c.seed + 1, n).map((x) => x * c.gradScale);
  return { p: c.zeroParam ? new Array<number>(n).fill(0) : uniform(c.seed, n), g, m: g.map((x, i) => x * (uniform(c.seed + 2, n)[i] ?? 0)), v: uniform(c.seed + 3, n).map((x) => x * x * c.gradScale ** 2) };
}

/** The reference: PyTorch's formula with tfjs-core's element-wise ops on cpu's own kernels. */
function reference(c: AdamCase): Float32Array[] {
  const a = attrsOf(c);
  const d = data(c);
  return tf.tidy(() => {
    const [p, g, m, v] = [d.p, d.g, d.m, d.v].map((x) => tf.tensor(x, c.shape));
    if (p === undefined || g === undefined || m === undefined || v === undefined) throw new Error('unreachable: four tensors made');
    const m1 = tf.add(tf.mul(m, a.beta1), tf.mul(g, 1 - a.beta1));
    const v1 = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(g), 1 - a.beta2));
    const p1 = tf.sub(p, tf.mul(tf.div(m1, tf.add(tf.div(tf.sqrt(v1), a.sqrtBc2), a.epsilon)), a.stepSize));
    return [p1, m1, v1].map((t) => Float32Array.from(t.dataSync()));
  });
}

function fused(c: AdamCase): Float32Array[] {
  const d = data(c);
  return tf.tidy(() => {
    const [param, grad, m, v] = [d.p, d.g, d.m, d.v].map((x) => tf.tensor(x, c.shape));
    const out = tf.engine().runKernel(ADAM_UPDATE, { param, grad, m, v } as tf.NamedTensorMap, { ...attrsOf(c) });
    if (!Array.isArray(out)) throw new Error(`${ADAM_UPDATE} returned one tensor`);
    return out.map((t: tf.Tensor) => {
      expect(t.shape).toEqual(c.shape);
      return Float32Array.from(t.dataSync());
    });
  });
}

describe(`the fused Adam kernel (${ADAM_UPDATE}) equals the element-wise update on cpu's own kernels (property, seeded)`, () => {
  for (const backend of NODE_BACKENDS) {
    it(`${backend}: new parameter and both moments, 60 random cases`, async () => {
      let worst = 0;
      await fc.assert(
        fc.asyncProperty(adamCase, async (c) => {
          await onOracle();
          const expected = reference(c);
          await onBackend(backend);
          const got = fused(c);
          const err = Math.max(...expected.map((e, i) => scaledError(got[i] ?? [], e)));
          worst = Math.max(worst, err);
          expect(err, JSON.stringify(c)).toBeLessThanOrEqual(RTOL);
          // The moments' scale is far below 1: check them relative to their own size too.
          for (const i of [1, 2]) {
            const e = expected[i] ?? new Float32Array();
            const s = Math.max(...Array.from(e, Math.abs), Number.MIN_VALUE);
            const r = got[i] ?? new Float32Array();
            e.forEach((x, j) => expect(Math.abs((r[j] ?? Number.NaN) - x), `moment ${i}`).toBeLessThanOrEqual(RTOL * (Math.abs(x) + s)));
          }
        }),
        { seed: 20241127, numRuns: 60 },
      );
      console.info(`${ADAM_UPDATE} on ${backend}: worst scaled error ${worst.toExponential(2)}`);
    });
  }

  it('leaves no tensors behind and rejects mismatched inputs', async () => {
    for (const backend of NODE_BACKENDS) {
      await onBackend(backend);
      const before = tf.memory().numTensors;
      const [param, grad, m, v, wrong] = [tf.ones([3]), tf.ones([3]), tf.zeros([3]), tf.zeros([3]), tf.ones([4])];
      const attrs = { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 4e-4, sqrtBc2: Math.sqrt(0.001) };
      const out = tf.engine().runKernel(ADAM_UPDATE, { param, grad, m, v } as tf.NamedTensorMap, attrs);
      expect(Array.isArray(out) ? out.length : 1).toBe(3);
      tf.dispose(Array.isArray(out) ? out : [out]);
      expect(() => tf.engine().runKernel(ADAM_UPDATE, { param, grad: wrong, m, v } as tf.NamedTensorMap, attrs)).toThrow(/same size/);
      expect(() => tf.engine().runKernel(ADAM_UPDATE, { param, grad, m, v } as tf.NamedTensorMap, { beta1: 0.5 })).toThrow(/attribute 'beta2'/);
      tf.dispose([param, grad, m, v, wrong]);
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});

describe(`${ADAM_UPDATE} on wasm: the one-pass SIMD module`, () => {
  it('is what runs on wasm, and agrees with the element-wise fallback (lengths 1..4 past a multiple of 4)', async () => {
    await onBackend('wasm');
    expect(typeof heapKernelsFor(tf.backend())?.adam).toBe('function');
    expect(heapKernelsFor(withoutModule(tf.backend()))).toBeUndefined();
    const attrs = { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 2e-4 / (1 - 0.5 ** 3), sqrtBc2: Math.sqrt(1 - 0.999 ** 3) };
    for (const n of [1, 2, 3, 4, 5, 1031, 4096]) {
      const before = tf.memory().numTensors;
      const [param, grad, m, v] = [uniform(n, n), uniform(n + 1, n), uniform(n + 2, n).map((x) => x * 1e-2), uniform(n + 3, n).map((x) => x * x * 1e-4)].map((x) => tf.tensor1d(x));
      const run = (backend: object): Float32Array[] => {
        const out = adamUpdateWasm.kernelFunc({ inputs: { param, grad, m, v } as tf.NamedTensorInfoMap, backend, attrs });
        if (!Array.isArray(out)) throw new Error('expected three outputs');
        return out.map((info) => {
          const t = tf.engine().makeTensorFromTensorInfo(info);
          const values = Float32Array.from(t.dataSync());
          t.dispose();
          return values;
        });
      };
      const simd = run(tf.backend());
      const fallback = run(withoutModule(tf.backend()));
      simd.forEach((s, i) => expect(scaledError(s, fallback[i] ?? new Float32Array()), `n=${n} output ${i}`).toBeLessThanOrEqual(1e-6));
      tf.dispose([param, grad, m, v]);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

});
