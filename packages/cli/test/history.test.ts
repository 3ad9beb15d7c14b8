import { describe, expect, it } from 'vitest';
import { emptyHistory, LossHistory, recordStep, type StepMetricsLike } from './support/history-helpers';

describe('loss history', () => {
  const m = (i: number): StepMetricsLike => ({ G_GAN: i, G_L1: 2 * i, D_real: 1, D_fake: 0.5, G: 3 * i, D: 0.75, lr: 1e-4 });
  const warnAt = (i: number): boolean => i % 7 === 0;

  it('stays within maxBuckets and keeps every step\'s weight', () => {
    let h = emptyHistory(16);
    const n = 1000;
    for (let i = 0; i < n; i++) h = recordStep(h, i, m(i), warnAt(i));
    expect(h.buckets.length).toBeLessThanOrEqual(16);
    expect(h.buckets.reduce((s, b) => s + b.count, 0)).toBe(n);
    expect(h.buckets.reduce((s, b) => s + b.dWarn, 0)).toBe(Math.ceil(n / 7));
    const weighted = h.buckets.reduce((s, b) => s + b.G_GAN * b.count, 0);
    expect(weighted).toBeCloseTo((n * (n - 1)) / 2, 6);
    // Buckets are contiguous and aligned to the bucket size.
    h.buckets.forEach((b, i) => {
      expect(b.start % h.bucketSize).toBe(0);
      if (i > 0) expect(b.start).toBe((h.buckets[i - 1]?.start ?? 0) + (h.buckets[i - 1]?.count ?? 0));
    });
    expect(LossHistory.is(h)).toBe(true);
  });

  it('continues exactly after being written and read back (resume)', () => {
    let straight = emptyHistory(8);
    for (let i = 0; i < 100; i++) straight = recordStep(straight, i, m(i), warnAt(i));
    let resumed = emptyHistory(8);
    for (let i = 0; i < 37; i++) resumed = recordStep(resumed, i, m(i), warnAt(i));
    resumed = JSON.parse(JSON.stringify(resumed)) as typeof resumed;
    for (let i = 37; i < 100; i++) resumed = recordStep(resumed, i, m(i), warnAt(i));
    expect(resumed).toEqual(straight);
  });
});
