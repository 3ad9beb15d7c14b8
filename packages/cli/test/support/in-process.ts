import { main, type CliEnv } from '../../src/node';

/** What {@link inProcess} saw: the exit code and everything written to stdout and stderr. */
export interface InProcessRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `main` in this process (no child, no tsx start-up) with its output captured. */
export async function inProcess(argv: readonly string[]): Promise<InProcessRun> {
  let out = '';
  let err = '';
  const env = (signal: AbortSignal): CliEnv => ({
    stdout: { isTTY: false, columns: () => 100, write: (s) => void (out += s) },
    stderr: (s) => void (err += s),
    now: () => performance.now(),
    date: () => new Date(),
    signal,
  });
  const code = await main([...argv], env);
  return { code, out, err };
}
