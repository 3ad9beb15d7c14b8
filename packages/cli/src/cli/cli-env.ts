import type { ProgressOutput } from '../train/progress-reporter';

/**
 * The world as the commands see it: output streams, clocks, the interrupt signal. `main` builds it from
 * `process`; tests can build their own.
 */
export interface CliEnv {
  readonly stdout: ProgressOutput;
  readonly stderr: (text: string) => void;
  /** Monotonic milliseconds. */
  readonly now: () => number;
  /** Wall-clock time (run folder names, report dates). */
  readonly date: () => Date;
  /** Aborted on SIGINT. */
  readonly signal: AbortSignal;
}
