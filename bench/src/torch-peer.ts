/**
 * The yardstick: the official implementation's training step (PyTorch, CPU) measured beside ours.
 * [`torch_step.py`](torch_step.py) runs in a child process of the system Python (`$PIX2PIX_PYTHON`,
 * default `/usr/bin/python3`, Debian's `python3-torch`) with the networks of the shared
 * `tools/official_nets.py`, and prints one JSON object, decoded here with io-ts.
 * @packageDocumentation
 */
import { decodeWith } from '@pix2pix-ts/browser/node';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as T from 'fp-ts/Task';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchConfig, ConfigId } from './configs';
import { summarize, type Timing } from './stats';

/** The Python that runs the yardstick. */
export const DEFAULT_PYTHON = '/usr/bin/python3';

/** What `torch_step.py` prints. */
export const TorchStepOutput = t.intersection(
  [
    t.type({
      torch: t.string,
      threads: t.number,
      size: t.number,
      initMs: t.number,
      firstStepMs: t.number,
      samples: t.readonlyArray(t.number),
    }),
    /** With `--profile N`: self CPU ms per step by op name (the optimiser steps summed as `adam`). */
    t.partial({ ops: t.readonlyArray(t.type({ name: t.string, ms: t.number })) }),
  ],
  'TorchStepOutput',
);
export type TorchStepOutput = t.TypeOf<typeof TorchStepOutput>;

/** One PyTorch measurement: a configuration at a thread count. */
export interface TorchRow {
  readonly config: ConfigId;
  /** `torch.set_num_threads`, as PyTorch reports it back. */
  readonly threads: number;
  /** `torch.__version__`. */
  readonly torch: string;
  readonly initMs: number;
  readonly firstStepMs: number;
  readonly step: Timing;
  /** Profiled: self CPU ms per step by op name (`step-profile.ts` only). */
  readonly ops?: readonly { readonly name: string; readonly ms: number }[];
}

/** Where the PyTorch rows come from, or why there are none. */
export type TorchAvailability = { readonly available: true; readonly python: string; readonly nets: string } | { readonly available: false; readonly reason: string };

/** A `TorchRow` from the script's output (pure). */
export const torchRow = (config: ConfigId, out: TorchStepOutput): TorchRow => ({
  config,
  threads: out.threads,
  torch: out.torch,
  initMs: out.initMs,
  firstStepMs: out.firstStepMs,
  step: summarize(out.samples),
  ...(out.ops === undefined ? {} : { ops: out.ops }),
});

/**
 * Decodes the script's stdout: the last non-empty line is the JSON object (anything printed before it,
 * a warning of PyTorch's for instance, is ignored).
 */
export function parseTorchOutput(stdout: string): E.Either<Error, TorchStepOutput> {
  const last = stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '').pop();
  if (last === undefined) return E.left(new Error('torch_step.py printed nothing'));
  return pipe(
    E.tryCatch(
      (): unknown => JSON.parse(last),
      (e) => new Error(`torch_step.py: not JSON (${e instanceof Error ? e.message : String(e)}): ${last.slice(0, 200)}`),
    ),
    E.flatMap(decodeWith(TorchStepOutput, 'torch_step.py output')),
  );
}

/**
 * The folder holding `official_nets.py`: `$PIX2PIX_SHARED/tools`, else the first `shared/tools` found
 * on the way up from `start`.
 */
export function locateOfficialNets(start: string, env: Record<string, string | undefined>): string | undefined {
  const has = (dir: string): boolean => existsSync(join(dir, 'official_nets.py'));
  const shared = env['PIX2PIX_SHARED'];
  if (shared !== undefined && shared !== '' && has(join(shared, 'tools'))) return resolve(shared, 'tools');
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (has(join(dir, 'shared', 'tools'))) return join(dir, 'shared', 'tools');
    if (dirname(dir) === dir) return undefined;
  }
}

interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const runProcess = (command: string, args: readonly string[]): TE.TaskEither<Error, ProcessResult> =>
  TE.tryCatch(
    () =>
      new Promise<ProcessResult>((done, fail) => {
        const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
        child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
        child.on('error', fail);
        child.on('close', (code) => done({ code, stdout, stderr }));
      }),
    (e) => (e instanceof Error ? e : new Error(String(e))),
  );

const lastLine = (s: string): string => s.trim().split('\n').pop() ?? '';

/**
 * Whether PyTorch can run here: the Python imports torch and `official_nets.py` is found. Never fails:
 * an unavailable yardstick is a `{ available: false, reason }` for the report.
 */
export function probeTorch(python: string, env: Record<string, string | undefined>): T.Task<TorchAvailability> {
  const nets = locateOfficialNets(dirname(fileURLToPath(import.meta.url)), env);
  if (nets === undefined) return async () => ({ available: false, reason: 'shared/tools/official_nets.py not found ($PIX2PIX_SHARED or a shared/ folder above bench/)' });
  if (!existsSync(python)) return async () => ({ available: false, reason: `${python} not found` });
  return pipe(
    runProcess(python, ['-c', 'import torch; print(torch.__version__)']),
    TE.match(
      (e): TorchAvailability => ({ available: false, reason: `${python}: ${e.message}` }),
      (r): TorchAvailability =>
        r.code === 0 ? { available: true, python, nets } : { available: false, reason: `PyTorch not importable by ${python} (${lastLine(r.stderr)}; apt-get install python3-torch)` },
    ),
  );
}

/** Measures the official step of a configuration at a thread count (one child process). */
export function measureTorch(
  at: { readonly python: string; readonly nets: string },
  config: BenchConfig,
  threads: number,
  warmup: number,
  runs: number,
  profileSteps = 0,
): TE.TaskEither<Error, TorchRow> {
  const script = fileURLToPath(new URL('./torch_step.py', import.meta.url));
  const args = [
    script,
    '--nets', at.nets,
    '--size', String(config.size),
    '--depth', String(config.depth),
    '--ngf', String(config.ngf),
    '--ndf', String(config.ndf),
    '--n_layers', String(config.nLayers),
    '--threads', String(threads),
    '--warmup', String(warmup),
    '--runs', String(runs),
    ...(profileSteps > 0 ? ['--profile', String(profileSteps)] : []),
  ];
  return pipe(
    runProcess(at.python, args),
    TE.flatMapEither((r) => (r.code === 0 ? parseTorchOutput(r.stdout) : E.left(new Error(lastLine(r.stderr) || `torch_step.py exited with ${String(r.code)}`)))),
    TE.map((out) => torchRow(config.id, out)),
  );
}
