import { formatLogLine, formatProgressBar, type ProgressSnapshot } from './progress-format';

/** Where progress goes: a terminal (a redrawn bar) or a log (plain lines). */
export interface ProgressOutput {
  readonly isTTY: boolean;
  readonly columns: () => number;
  readonly write: (text: string) => void;
}

/** Shows training progress; see {@link createProgressReporter}. */
export interface ProgressReporter {
  /** After every step. */
  readonly update: (s: ProgressSnapshot) => void;
  /** A message line (save points, warnings) that does not break the bar. */
  readonly message: (text: string) => void;
  /** Ends the bar's line. */
  readonly finish: () => void;
}

/**
 * On a terminal: one progress bar redrawn in place every `displayFreq` steps (at most 10 times a second). Not a
 * terminal (CI): a plain log line every `printFreq` steps, and at the first step. The D-overpowers-G warning
 * appears in both.
 */
export function createProgressReporter(out: ProgressOutput, printFreq: number, displayFreq: number, now: () => number): ProgressReporter {
  let lastDraw = 0;
  let drawn = false;
  let last: ProgressSnapshot | undefined;
  const draw = (s: ProgressSnapshot): void => {
    out.write(`\r${formatProgressBar(s, Math.max(40, out.columns() - 1))}\x1b[K`);
    drawn = true;
    lastDraw = now();
  };
  return {
    update: (s) => {
      last = s;
      if (out.isTTY) {
        if ((s.step % displayFreq === 0 && now() - lastDraw >= 100) || s.step === s.totalSteps) draw(s);
      } else if (s.step % printFreq === 0 || s.step === 1 || s.step === s.totalSteps) {
        out.write(`${formatLogLine(s)}\n`);
      }
    },
    message: (text) => {
      if (out.isTTY && drawn) {
        out.write(`\r\x1b[K${text}\n`);
        if (last !== undefined) draw(last);
      } else out.write(`${text}\n`);
    },
    finish: () => {
      if (out.isTTY && drawn) out.write('\n');
      drawn = false;
    },
  };
}
