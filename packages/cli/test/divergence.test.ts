import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Batch } from '@pix2pix-ts/datasets';
import type { StepMetrics } from '@pix2pix-ts/pix2pix';
import { divergence } from '../src/train/divergence';
import { emptyHistory, historyBefore, LossHistory, recordStep } from '../src/train/loss-history';
import { LossNumber } from '../src/train/loss-number';
import { runBackend } from '../src/run/run-backend';
import type { RunInfo } from '../src/run/run-info';
import { trainSteps } from '../src/commands/train';
import type { Trainer } from '../src/train/trainer';

const metrics = (x: number): StepMetrics => ({ G_GAN: 0.7, G_L1: x, D_real: 0.6, D_fake: 0.7, G: x, D: 0.65, lr: 2e-4 });
const anyLoss = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY));

describe('non-finite losses', () => {
  it('divergence names the step and the loss, or the weights; undefined when all is finite', () => {
    expect(divergence(metrics(3), true, 12, 2)).toBeUndefined();
    expect(divergence(metrics(Number.NaN), true, 12, 2)).toBe('iteration 12 (epoch 2): loss G_L1 is NaN');
    expect(divergence({ ...metrics(1), D_fake: Number.NEGATIVE_INFINITY }, true, 3, 1)).toBe('iteration 3 (epoch 1): loss D_fake is -Infinity');
    expect(divergence(metrics(3), false, 7, 1)).toMatch(/^iteration 7 \(epoch 1\): the weights after it are not finite/);
  });

  it('a history holding NaN and ±Infinity round-trips through JSON (it did not: JSON wrote null, decoding failed)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyLoss, anyLoss, anyLoss, anyLoss), { minLength: 1, maxLength: 30 }), (steps) => {
        let h = emptyHistory(8);
        steps.forEach(([a, b, c, d], i) => (h = recordStep(h, i, { G_GAN: a, G_L1: b, D_real: c, D_fake: d, G: 0, D: 0, lr: 1e-4 })));
        const plain = JSON.parse(JSON.stringify(h)) as unknown;
        const hasNonFinite = h.buckets.some((x) => [x.G_GAN, x.G_L1, x.D_real, x.D_fake].some((v) => !Number.isFinite(v)));
        expect(E.isLeft(LossHistory.decode(plain))).toBe(hasNonFinite);
        const back = LossHistory.decode(JSON.parse(JSON.stringify(LossHistory.encode(h))));
        expect(back).toEqual(E.right(h));
      }),
      { seed: 16 },
    );
    expect(LossNumber.encode(Number.NaN)).toBe('NaN');
    expect(E.isLeft(LossNumber.decode('nan'))).toBe(true);
    expect(E.isLeft(LossNumber.decode(null))).toBe(true);
  });

  it('historyBefore keeps exactly the steps before a checkpoint (bucket size 1: exact)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }), (n, cut) => {
        let h = emptyHistory(400);
        for (let i = 0; i < n; i++) h = recordStep(h, i, metrics(i));
        let expected = emptyHistory(400);
        for (let i = 0; i < Math.min(n, cut); i++) expected = recordStep(expected, i, metrics(i));
        expect(historyBefore(h, cut)).toEqual(expected);
      }),
      { seed: 16 },
    );
  });
});

describe('the backend of a resumed run', () => {
  const info = (over: Partial<RunInfo>): RunInfo => ({
    format: 'pix2pix-ts/run',
    status: 'interrupted',
    startedAt: '',
    updatedAt: '',
    step: 3,
    totalSteps: 16,
    batchesPerEpoch: 8,
    trainPairs: 8,
    segments: [],
    savePoints: [],
    dWarningSteps: 0,
    timeLimitHit: false,
    evalSeconds: 0,
    metrics: null,
    sampleIds: [],
    ...over,
  });
  it('keeps the run\'s backend unless --backend is given (it switched to wasm before)', () => {
    expect(runBackend(undefined, info({ backend: 'cpu' })).name).toBe('cpu');
    expect(runBackend(undefined, info({ segments: [{ backend: 'cpu', fromStep: 0, toStep: 3, seconds: 1, dataSeconds: 0 }] })).name).toBe('cpu');
    expect(runBackend('wasm', info({ backend: 'cpu' }))).toEqual({ name: 'wasm', why: '--backend' });
    expect(runBackend(undefined, undefined)).toEqual({ name: 'wasm', why: 'the default' });
    expect(runBackend(undefined, info({ backend: 'tpu' })).name).toBe('wasm');
  });
});

describe('the training loop stops at the step that diverged', () => {
  const B = 4;
  const batch: Batch = { a: new Float32Array(3), b: new Float32Array(3), shape: [1, 1, 1, 3], paths: [], indices: [], epoch: 0 };
  // The loop reads an endless stream of batches (a loader's batches(startAt)).
  const endless = async function* (): AsyncGenerator<Batch, void, undefined> {
    for (;;) yield batch;
  };
  const fakeTrainer = (lossAt: (step: number) => number, finiteAfter: (step: number) => boolean): Trainer & { readonly saves: number[] } => {
    let step = 0;
    const saves: number[] = [];
    return {
      saves,
      step: () => step,
      train: () =>
        TE.fromIO(() => {
          step++;
          return metrics(lossAt(step));
        }),
      weightsFinite: () => TE.right(finiteAfter(step)),
      snapshot: () => TE.left({ _tag: 'Internal', message: 'unused' }),
      finish: () => TE.left({ _tag: 'Internal', message: 'unused' }),
      close: () => TE.right(undefined),
    };
  };
  const run = (trainer: Trainer & { readonly saves: number[] }) =>
    trainSteps({
      trainer,
      history: emptyHistory(),
      batches: endless(),
      batchesPerEpoch: B,
      totalSteps: 3 * B,
      totalEpochs: 3,
      saveEpochFreq: 1,
      l1Only: false,
      progress: { update: () => undefined, message: () => undefined, finish: () => undefined },
      signal: new AbortController().signal,
      now: () => 0,
      timeLimitMs: undefined,
      earlierSeconds: 0,
      onSavePoint: async (epoch) => {
        trainer.saves.push(epoch);
      },
    });

  it('a NaN loss at step 6: failed at 6, recorded in the history, no save point after it', async () => {
    fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.boolean(), async (bad, viaWeights) => {
        const trainer = fakeTrainer((s) => (!viaWeights && s === bad ? Number.NaN : 1), (s) => !viaWeights || s < bad);
        const r = await run(trainer);
        expect(r.outcome).toBe('failed');
        expect(r.failure?.step).toBe(bad);
        expect(r.failure?.reason).toMatch(new RegExp(`^iteration ${bad} \\(epoch ${Math.floor((bad - 1) / B) + 1}\\): ${viaWeights ? 'the weights' : 'loss G_L1 is NaN'}`));
        expect(trainer.step()).toBe(bad);
        expect(r.history.buckets.reduce((n, b) => n + b.count, 0)).toBe(bad);
        // Save points only at the ends of epochs completed before the bad step.
        expect(trainer.saves).toEqual(Array.from({ length: Math.floor((bad - 1) / B) }, (_, i) => i + 1));
      }),
      { seed: 16, numRuns: 30 },
    );
  });
});
