import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRADIENT_FIXES, mirrorPadGradConfig, squaredDifferenceGradConfig } from '../src/index';
import { RTOL, scaledError, uniform } from './support/compare';
import { NODE_BACKENDS, onBackend } from './support/on-backends';

/** Index of the input entry that mirror-padded position `i` copies (plain JS, for reference). */
function mirrorSource(i: number, n: number, before: number, mode: 'reflect' | 'symmetric'): number {
  const j = i - before;
  if (j < 0) return mode === 'reflect' ? -j : -j - 1;
  if (j >= n) return mode === 'reflect' ? 2 * (n - 1) - j : 2 * n - 1 - j;
  return j;
}

/** Brute-force gradient of Σ mirrorPad(x)·r w.r.t. x, for a rank-2 x: scatter r to the sources. */
function mirrorPadGradReference(
  shape: [number, number],
  pads: [[number, number], [number, number]],
  mode: 'reflect' | 'symmetric',
  r: number[],
): number[] {
  const [h, w] = shape;
  const ph = h + pads[0][0] + pads[0][1];
  const pw = w + pads[1][0] + pads[1][1];
  const g = new Array<number>(h * w).fill(0);
  for (let i = 0; i < ph; i++) {
    for (let j = 0; j < pw; j++) {
      const si = mirrorSource(i, h, pads[0][0], mode);
      const sj = mirrorSource(j, w, pads[1][0], mode);
      g[si * w + sj] = (g[si * w + sj] ?? 0) + (r[i * pw + j] ?? 0);
    }
  }
  return g;
}

describe('gradient fixes', () => {
  for (const backend of NODE_BACKENDS) {
    it(`${backend}: MirrorPad gradient equals the brute-force scatter (property)`, async () => {
      await onBackend(backend);
      const arb = fc
        .record({
          h: fc.integer({ min: 1, max: 6 }),
          w: fc.integer({ min: 1, max: 6 }),
          mode: fc.constantFrom<'reflect' | 'symmetric'>('reflect', 'symmetric'),
          p: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
          seed: fc.integer({ min: 1, max: 1e9 }),
        })
        .map(({ h, w, mode, p, seed }) => {
          // tfjs requires pads < size (reflect) or ≤ size (symmetric).
          const limit = (n: number): number => (mode === 'reflect' ? n - 1 : n);
          const clamp = (v: number | undefined, n: number): number => Math.min(v ?? 0, limit(n));
          const pads: [[number, number], [number, number]] = [
            [clamp(p[0], h), clamp(p[1], h)],
            [clamp(p[2], w), clamp(p[3], w)],
          ];
          return { h, w, mode, pads, seed };
        });
      fc.assert(
        fc.property(arb, ({ h, w, mode, pads, seed }) => {
          const outSize = (h + pads[0][0] + pads[0][1]) * (w + pads[1][0] + pads[1][1]);
          const r = uniform(seed, outSize);
          const x = uniform(seed + 1, h * w);
          const got = tf.tidy(() => {
            const rT = tf.tensor(r, [h + pads[0][0] + pads[0][1], w + pads[1][0] + pads[1][1]]);
            return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.mirrorPad(t as tf.Tensor2D, pads, mode), rT)))(tf.tensor2d(x, [h, w])).dataSync();
          });
          expect(scaledError(got, mirrorPadGradReference([h, w], pads, mode, r))).toBeLessThanOrEqual(RTOL);
        }),
        { seed: 7, numRuns: 40 },
      );
    });

    it(`${backend}: SquaredDifference gradient reduces broadcast operands`, async () => {
      await onBackend(backend);
      const a = uniform(3, 2 * 4 * 3);
      const b = uniform(4, 3);
      const [ga, gb] = tf.tidy(() =>
        tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.squaredDifference(x, y)))([tf.tensor(a, [2, 4, 3]), tf.tensor(b, [3])]).map((t) => t.dataSync()),
      );
      const expectA = a.map((v, i) => 2 * (v - (b[i % 3] ?? 0)));
      const expectB = b.map((v, c) => a.reduce((s, u, i) => (i % 3 === c ? s + 2 * (v - u) : s), 0));
      expect(scaledError(ga ?? [], expectA)).toBeLessThanOrEqual(RTOL);
      expect(scaledError(gb ?? [], expectB)).toBeLessThanOrEqual(RTOL);
    });
  }

  it('the registered gradients are the fixes', async () => {
    await onBackend('cpu');
    for (const fix of GRADIENT_FIXES) expect(tf.getGradient(fix.kernelName)).toBe(fix);
    expect(GRADIENT_FIXES).toEqual([mirrorPadGradConfig, squaredDifferenceGradConfig]);
  });
});
