import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { ablateCommand } from '../commands/ablate';
import { convertCommand } from '../commands/convert';
import { downloadCommand } from '../commands/download';
import { evalCommand } from '../commands/eval';
import { namedDataroot, namedEvalDataroot } from '../commands/named-dataroot';
import { exportCommand } from '../commands/export';
import { officialTestOptions, officialTrainOptions } from '../commands/official';
import { testCommand } from '../commands/test';
import { trainCommand } from '../commands/train';
import { parseCommandLine } from '../options/parse-command-line';
import { renderCommandHelp, renderMainHelp } from '../options/render-help';
import { exitCodeOf, messageOf, type CliError } from './cli-error';
import type { CliEnv } from './cli-env';

/** The version printed by `pix2pix --version`. */
export const VERSION = '0.1.0';

/**
 * The process's world: stdout (a TTY or not), stderr, clocks, and an abort signal fired by the first SIGINT or
 * SIGTERM (a second one quits at once, exit code 130 or 143).
 */
export function processEnv(signal: AbortSignal): CliEnv {
  return {
    stdout: { isTTY: process.stdout.isTTY === true, columns: () => process.stdout.columns ?? 100, write: (s) => void process.stdout.write(s) },
    stderr: (s) => void process.stderr.write(s),
    now: () => performance.now(),
    date: () => new Date(),
    signal,
  };
}

async function run<A>(te: TE.TaskEither<CliError, A>, env: CliEnv): Promise<number> {
  const r = await te();
  if (E.isRight(r)) return 0;
  env.stderr(`pix2pix: ${r.left.message}\n`);
  return exitCodeOf(r.left);
}

/**
 * The `pix2pix` program: parses the command line (pure), runs the command, maps the outcome to an exit code
 * (0 ok, 1 failed, 2 bad usage, 130 interrupted by Ctrl-C after saving, 143 stopped by SIGTERM after saving: a
 * job scheduler's stop is a Ctrl-C). Errors are one line on stderr:
 * `pix2pix: --ngf: expected a positive integer, got "abc"`.
 *
 * @example
 * ```ts
 * import { main } from '@pix2pix-ts/cli/node';
 * process.exitCode = await main(process.argv.slice(2));
 * ```
 */
export async function main(argv: readonly string[], makeEnv: (signal: AbortSignal) => CliEnv = processEnv): Promise<number> {
  const controller = new AbortController();
  const env = makeEnv(controller.signal);
  const parsed = parseCommandLine(argv);
  if (E.isLeft(parsed)) {
    env.stderr(`pix2pix: ${parsed.left.message}\n`);
    return exitCodeOf(parsed.left);
  }
  const cmd = parsed.right;
  if (cmd.command === 'help') {
    env.stdout.write(`${cmd.topic === undefined ? renderMainHelp() : renderCommandHelp(cmd.topic)}\n`);
    return 0;
  }
  if (cmd.command === 'version') {
    env.stdout.write(`pix2pix ${VERSION}\n`);
    return 0;
  }
  let interrupts = 0;
  let stoppedBy: NodeJS.Signals | undefined;
  // 128 + the signal's number, the shells' convention for a process ended by it.
  const codeOf = (sig: NodeJS.Signals): number => (sig === 'SIGTERM' ? 143 : 130);
  const onSignal = (sig: NodeJS.Signals): void => {
    interrupts++;
    if (interrupts === 1) {
      stoppedBy = sig;
      const name = sig === 'SIGINT' ? 'Ctrl-C' : sig;
      env.stderr(`\npix2pix: ${name}: finishing this step and saving a checkpoint (${sig === 'SIGINT' ? 'press Ctrl-C again' : 'signal again'} to quit without saving)\n`);
      controller.abort();
    } else {
      env.stderr('pix2pix: quit without saving\n');
      process.exit(codeOf(sig));
    }
  };
  // Only training (and a study, which trains) saves on SIGTERM; the other commands keep its default (end at once), so `kill` still stops them.
  const training: boolean = cmd.command === 'train' || cmd.command === 'ablate';
  const signals: readonly NodeJS.Signals[] = training ? ['SIGINT', 'SIGTERM'] : ['SIGINT'];
  for (const sig of signals) process.on(sig, onSignal);
  const withSignal = (code: number): number => (code === 130 && stoppedBy !== undefined ? codeOf(stoppedBy) : code);
  try {
    switch (cmd.command) {
      case 'train':
        return withSignal(await run(pipe(namedDataroot(cmd.options, env), TE.chain((o) => officialTrainOptions(o, env)), TE.chain((o) => trainCommand(o, env))), env));
      case 'test':
        return await run(pipe(officialTestOptions(cmd.options, env), TE.chain((o) => testCommand(o, env))), env);
      case 'eval':
        return await run(pipe(namedEvalDataroot(cmd.options, env), TE.chain((o) => evalCommand(o, env))), env);
      case 'export':
        return await run(exportCommand(cmd.options, env), env);
      case 'convert':
        return await run(convertCommand(cmd.options, env), env);
      case 'download':
        return await run(downloadCommand(cmd.options, env), env);
      case 'ablate':
        return withSignal(await run(ablateCommand(cmd.options, env), env));
    }
  } catch (e) {
    env.stderr(`pix2pix: unexpected error: ${messageOf(e)}\n`);
    return 1;
  } finally {
    signals.forEach((sig) => process.off(sig, onSignal));
  }
}
