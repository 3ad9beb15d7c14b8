import { describe, expect, it } from 'vitest';
import { createProgressReporter, dOverpowers, ema, formatDuration, formatLogLine, formatProgressBar, type ProgressSnapshot } from '../src/node';

const snap = (over: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  step: 1200,
  totalSteps: 3600,
  epoch: 3,
  totalEpochs: 9,
  losses: { G_GAN: 0.8123, G_L1: 12.34, D_real: 0.5231, D_fake: 0.4912 },
  lossD: 0.507,
  lr: 2e-4,
  itPerSec: 5.83,
  elapsedSec: 206,
  etaSec: 410,
  dWarning: false,
  l1Only: false,
  ...over,
});

describe('progress', () => {
  it('the bar shows iteration, epoch, the four losses, it/s and ETA, within the width', () => {
    const line = formatProgressBar(snap(), 140);
    expect(line).toContain('1200/3600 ep 3/9');
    expect(line).toContain('G_GAN 0.812 G_L1 12.3 D_real 0.523 D_fake 0.491');
    expect(line).toContain('5.8 it/s ETA 6m50s');
    expect(line.length).toBeLessThanOrEqual(140);
    expect(formatProgressBar(snap(), 60).length).toBeLessThanOrEqual(60);
  });

  it('shows a warning sign when D overpowers G', () => {
    expect(formatProgressBar(snap({ dWarning: true, lossD: 0.03 }), 160)).toContain('⚠ D overpowers G');
    expect(formatLogLine(snap({ dWarning: true, lossD: 0.03 }))).toMatch(/⚠ D overpowers G \(loss_D 0\.030\)$/);
    expect(dOverpowers(0.03, false)).toBe(true);
    expect(dOverpowers(0.03, true)).toBe(false);
    expect(dOverpowers(0.5, false)).toBe(false);
    expect(ema(undefined, 3, 0.5)).toBe(3);
    expect(ema(3, 1, 0.5)).toBe(2);
  });

  it('the plain log line has every field', () => {
    expect(formatLogLine(snap())).toBe('step 1200/3600 epoch 3/9 G_GAN=0.812 G_L1=12.3 D_real=0.523 D_fake=0.491 lr=2.00e-4 5.83 it/s elapsed 3m26s eta 6m50s');
    expect(formatLogLine(snap({ l1Only: true }))).toContain('G_L1=12.3 lr=');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(9)).toBe('9s');
  });

  it('writes a log line every print_freq steps when not a terminal, a redrawn bar on a terminal', () => {
    const logged: string[] = [];
    const log = createProgressReporter({ isTTY: false, columns: () => 100, write: (s) => void logged.push(s) }, 100, 1, () => 0);
    for (let s = 1; s <= 300; s++) log.update(snap({ step: s, totalSteps: 300 }));
    expect(logged.length).toBe(4); // steps 1, 100, 200, 300
    expect(logged.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    const tty: string[] = [];
    let t = 0;
    const bar = createProgressReporter({ isTTY: true, columns: () => 100, write: (s) => void tty.push(s) }, 100, 1, () => t);
    for (let s = 1; s <= 50; s++) {
      t += 50;
      bar.update(snap({ step: s, totalSteps: 50 }));
    }
    expect(tty.length).toBeGreaterThan(10);
    expect(tty.every((l) => l.startsWith('\r'))).toBe(true);
    bar.message('saved');
    expect(tty.some((l) => l.includes('saved\n'))).toBe(true);
  });
});
