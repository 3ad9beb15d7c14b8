import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `pix2pix` executable of this package. */
export const BIN = fileURLToPath(new URL('../../bin/pix2pix.js', import.meta.url));

/** What a finished `pix2pix` process gave. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `pix2pix` in a child process (from the TypeScript sources, CI=true so output is plain lines). `onStdout`
 * sees the output as it comes, with the child, e.g. to send it SIGINT; `env` adds or overrides variables.
 */
export function runCli(args: readonly string[], onStdout?: (text: string, child: ChildProcess) => void, env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CI: 'true', PIX2PIX_FROM_SOURCE: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
