/**
 * `npm run profile -w @pix2pix-ts/bench -- --config c`: where one training step's time goes, kernel by
 * kernel, on wasm at each thread count, beside PyTorch's ops at each thread count, measured one after
 * the other in the same run (the machine is shared: compare within one run). For each side: a few
 * timed steps (the step's median wall time), then `--steps` steps under the profiler (ours:
 * `tf.profile`'s `kernelTimeMs`; PyTorch: the autograd profiler's self CPU time per op). Profiling
 * adds overhead per kernel/op, so the shares matter more than the sums. Prints markdown.
 *
 * Options: --config q|a|b|c (a), --threads LIST (1,2), --steps N (3), --runs N (3), --no-torch.
 * @packageDocumentation
 */
import { useBackend } from '@pix2pix-ts/backends';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { CONFIGS, configById, type ConfigId } from './configs';
import { byFamily, FAMILIES, ourFamily, summarizeKernels, torchFamily, type KernelRecord, type KernelSummary } from './kernel-profile';
import { ours, syntheticPair } from './measure';
import { summarize } from './stats';
import { DEFAULT_PYTHON, measureTorch, probeTorch, type TorchRow } from './torch-peer';

interface Options {
  readonly config: ConfigId;
  readonly threads: readonly number[];
  readonly steps: number;
  readonly runs: number;
  readonly torch: boolean;
}

function parse(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const config = value('--config') ?? 'a';
  const found = CONFIGS.find((c) => c.id === config);
  if (found === undefined) throw new Error(`--config: one of ${CONFIGS.map((c) => c.id).join(', ')}`);
  const int = (flag: string, fallback: number): number => {
    const n = Number(value(flag) ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: a positive integer`);
    return n;
  };
  const threads = (value('--threads') ?? '1,2').split(',').map(Number);
  if (threads.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--threads: positive integers');
  return { config: found.id, threads, steps: int('--steps', 3), runs: int('--runs', 3), torch: !argv.includes('--no-torch') };
}

interface OursProfile {
  readonly threads: number;
  readonly wallMs: number;
  readonly kernels: readonly KernelSummary[];
}

async function profileOurs(config: ConfigId, threads: number, runs: number, steps: number): Promise<OursProfile> {
  const info = await useBackend('wasm', { threads });
  const actual = info.name === 'wasm' ? info.threadsCount : 1;
  const { a, b } = syntheticPair(configById(config));
  const subject = ours(configById(config), a, b);
  try {
    await subject.step();
    await subject.step();
    const walls: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await subject.step();
      walls.push(performance.now() - t);
    }
    // tf.profile also records op scopes ('fusedConv2d__op', 'forward', …) whose time includes their kernels':
    // keep the backend's kernels only.
    const kernelNames = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
    const records: KernelRecord[] = [];
    for (let i = 0; i < steps; i++) {
      const p = await tf.profile(subject.step);
      for (const k of p.kernels.filter((r) => kernelNames.has(r.name))) records.push({ name: k.name, inputShapes: k.inputShapes, outputShapes: k.outputShapes, kernelTimeMs: typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0 });
    }
    return { threads: actual, wallMs: summarize(walls).median, kernels: summarizeKernels(records, steps) };
  } finally {
    subject.dispose();
    tf.dispose([a, b]);
  }
}

const f1 = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const gflops = (flops: number, ms: number): string => (flops > 0 && ms > 0 ? (flops / ms / 1e6).toFixed(1) : '');

function oursTable(profiles: readonly OursProfile[]): string {
  const names = [...new Set(profiles.flatMap((p) => p.kernels.map((k) => k.name)))];
  const first = profiles[0];
  const msOf = (p: OursProfile, name: string): KernelSummary | undefined => p.kernels.find((k) => k.name === name);
  names.sort((x, y) => (first === undefined ? 0 : (msOf(first, y)?.ms ?? 0) - (msOf(first, x)?.ms ?? 0)));
  const head = `| kernel | calls/step | ${profiles.map((p) => `ms/step ×${p.threads} (GFLOP/s)`).join(' | ')} |${profiles.length > 1 ? ' speed-up |' : ''}`;
  const lines = [head, `|---|---|${profiles.map(() => '---').join('|')}|${profiles.length > 1 ? '---|' : ''}`];
  const shown = names.slice(0, 14);
  const rest = names.slice(14);
  for (const name of shown) {
    const cells = profiles.map((p) => {
      const k = msOf(p, name);
      return k === undefined ? '—' : `${f1(k.ms)}${k.flops > 0 ? ` (${gflops(k.flops, k.ms)})` : ''}`;
    });
    const one = first === undefined ? undefined : msOf(first, name);
    const last = profiles[profiles.length - 1];
    const lastK = last === undefined ? undefined : msOf(last, name);
    const speed = profiles.length > 1 && one !== undefined && lastK !== undefined && lastK.ms > 0 ? `${(one.ms / lastK.ms).toFixed(2)}x` : '';
    lines.push(`| ${name} | ${f1(one?.calls ?? msOf(profiles[0] ?? { threads: 1, wallMs: 0, kernels: [] }, name)?.calls ?? 0)} | ${cells.join(' | ')} |${profiles.length > 1 ? ` ${speed} |` : ''}`);
  }
  const restMs = (p: OursProfile): number => p.kernels.filter((k) => rest.includes(k.name)).reduce((s, k) => s + k.ms, 0);
  const sum = (p: OursProfile): number => p.kernels.reduce((s, k) => s + k.ms, 0);
  lines.push(`| ${rest.length} other kernels | | ${profiles.map((p) => f1(restMs(p))).join(' | ')} |${profiles.length > 1 ? ' |' : ''}`);
  lines.push(`| **sum of kernels** (profiled) | | ${profiles.map((p) => f1(sum(p))).join(' | ')} |${profiles.length > 1 ? ' |' : ''}`);
  lines.push(`| **step, median wall** (not profiled) | | ${profiles.map((p) => f1(p.wallMs)).join(' | ')} |${profiles.length > 1 && first !== undefined ? ` ${(first.wallMs / (profiles[profiles.length - 1]?.wallMs ?? 1)).toFixed(2)}x |` : ''}`);
  return lines.join('\n');
}

function familyTable(profiles: readonly OursProfile[], torch: readonly TorchRow[]): string {
  const cols = [
    ...profiles.map((p) => ({ label: `ours wasm ×${p.threads}`, fam: byFamily(p.kernels, ourFamily), wall: p.wallMs })),
    ...torch.map((r) => ({ label: `PyTorch ×${r.threads}`, fam: byFamily(r.ops ?? [], torchFamily), wall: r.step.median })),
  ];
  const lines = [`| ms per step | ${cols.map((c) => c.label).join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`];
  for (const f of FAMILIES) lines.push(`| ${f} (profiled) | ${cols.map((c) => f1(c.fam[f])).join(' | ')} |`);
  lines.push(`| step, median wall (not profiled) | ${cols.map((c) => f1(c.wall)).join(' | ')} |`);
  return lines.join('\n');
}

function torchOpsTable(torch: readonly TorchRow[]): string {
  const names = [...new Set(torch.flatMap((r) => (r.ops ?? []).slice(0, 10).map((o) => o.name)))];
  const lines = [`| PyTorch op (self CPU) | ${torch.map((r) => `ms/step ×${r.threads}`).join(' | ')} |`, `|---|${torch.map(() => '---').join('|')}|`];
  for (const n of names) lines.push(`| ${n} | ${torch.map((r) => f1((r.ops ?? []).find((o) => o.name === n)?.ms ?? 0)).join(' | ')} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const config = configById(o.config);
  console.log(`step profile: ${config.label}; wasm threads ${o.threads.join(',')}; ${o.runs} timed + ${o.steps} profiled steps each`);
  const profiles: OursProfile[] = [];
  const torchRows: TorchRow[] = [];
  const at = o.torch ? await probeTorch(process.env['PIX2PIX_PYTHON'] ?? DEFAULT_PYTHON, process.env)() : ({ available: false, reason: '--no-torch' } as const);
  // Interleaved: ours at n threads, then PyTorch at n threads, for each n.
  for (const threads of o.threads) {
    const p = await profileOurs(o.config, threads, o.runs, o.steps);
    profiles.push(p);
    console.log(`ours wasm ×${p.threads}: step ${f1(p.wallMs)} ms`);
    if (at.available) {
      const r = await measureTorch(at, config, threads, 2, o.runs, o.steps)();
      if (E.isLeft(r)) console.log(`PyTorch ×${threads}: FAILED: ${r.left.message}`);
      else {
        torchRows.push(r.right);
        console.log(`PyTorch ×${r.right.threads}: step ${f1(r.right.step.median)} ms`);
      }
    }
  }
  if (!at.available) console.log(`PyTorch skipped: ${at.reason}`);
  console.log(`\n### ${config.label}: our kernels\n\n${oursTable(profiles)}`);
  if (torchRows.length > 0) {
    console.log(`\n### ${config.label}: by family, ours and PyTorch\n\n${familyTable(profiles, torchRows)}`);
    console.log(`\n### ${config.label}: PyTorch's ops\n\n${torchOpsTable(torchRows)}`);
  }
}

await main();
