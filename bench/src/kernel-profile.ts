/**
 * Per-kernel time of a training step (pure): `tf.profile`'s kernel records (name, input and output
 * shapes, `kernelTimeMs`) summed by kernel name, with the convolution FLOPs each kernel did, and the
 * PyTorch side's per-op self times grouped the same coarse way. Used by `step-profile.ts`.
 * @packageDocumentation
 */
import { ADAM_UPDATE } from '@pix2pix-ts/backends';

/** The part of a `tf.profile` kernel record this needs. */
export interface KernelRecord {
  readonly name: string;
  readonly inputShapes: readonly (readonly number[] | null)[];
  readonly outputShapes: readonly (readonly number[] | null)[];
  readonly kernelTimeMs: number;
}

/** One kernel name's share of a step. */
export interface KernelSummary {
  readonly name: string;
  /** Calls per step. */
  readonly calls: number;
  /** Milliseconds per step. */
  readonly ms: number;
  /** Convolution/matmul FLOPs per step (0 for other kernels). */
  readonly flops: number;
}

const size = (shape: readonly number[] | null | undefined): number => (shape ?? []).reduce((a, b) => a * b, 1);

/**
 * FLOPs of one kernel call from its shapes (2 per multiply-add), for the kernels that do the
 * convolution work; 0 for the rest. `Conv2D`/`FusedConv2D`: x, filter → y; `Conv2DBackpropInput`:
 * dy, filter → dx (a conv with dy's positions); `Conv2DBackpropFilter`: x, dy → dW; `BatchMatMul`/
 * `_FusedMatMul`: [b, m, k]·[b, k, n] → [b, m, n], with k from the first input.
 */
export function kernelFlops(k: Pick<KernelRecord, 'name' | 'inputShapes' | 'outputShapes'>): number {
  const [a, b] = k.inputShapes;
  const out = k.outputShapes[0];
  switch (k.name) {
    case 'Conv2D':
    case 'FusedConv2D': {
      // filter [kh, kw, cin, cout]: each output element is kh·kw·cin multiply-adds.
      const f = b ?? [];
      return 2 * size(out) * (f[0] ?? 0) * (f[1] ?? 0) * (f[2] ?? 0);
    }
    case 'Conv2DBackpropInput': {
      // dy [n, ho, wo, cout] against filter [kh, kw, cin, cout]: each dy element meets kh·kw·cin weights.
      const f = b ?? [];
      return 2 * size(a) * (f[0] ?? 0) * (f[1] ?? 0) * (f[2] ?? 0);
    }
    case 'Conv2DBackpropFilter': {
      // dW [kh, kw, cin, cout]: each dy element [n, ho, wo, cout] meets kh·kw·cin inputs.
      const w = out ?? [];
      return 2 * size(b) * (w[0] ?? 0) * (w[1] ?? 0) * (w[2] ?? 0);
    }
    case 'BatchMatMul':
    case '_FusedMatMul': {
      // out [b, m, n]; k = |a| / (b·m), whichever side of a is transposed.
      const o = out ?? [];
      const batchRows = size(o.slice(0, -1));
      return batchRows === 0 ? 0 : 2 * size(o) * (size(a) / batchRows);
    }
    default:
      return 0;
  }
}

/** Sums `steps` profiled steps' kernel records by kernel name (per step), the slowest first. */
export function summarizeKernels(records: readonly KernelRecord[], steps: number): KernelSummary[] {
  const byName = new Map<string, { calls: number; ms: number; flops: number }>();
  for (const r of records) {
    const s = byName.get(r.name) ?? { calls: 0, ms: 0, flops: 0 };
    s.calls += 1;
    s.ms += r.kernelTimeMs;
    s.flops += kernelFlops(r);
    byName.set(r.name, s);
  }
  const n = Math.max(1, steps);
  return [...byName.entries()].map(([name, s]) => ({ name, calls: s.calls / n, ms: s.ms / n, flops: s.flops / n })).sort((x, y) => y.ms - x.ms);
}

/** The coarse families both sides are compared by. */
export type KernelFamily = 'convolutions and matrix products' | 'Adam' | 'everything else';

export const FAMILIES: readonly KernelFamily[] = ['convolutions and matrix products', 'Adam', 'everything else'];

const OUR_CONV = new Set(['Conv2D', 'FusedConv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'BatchMatMul', '_FusedMatMul']);

/** The family of one of our kernels (tfjs kernel names). */
export function ourFamily(name: string): KernelFamily {
  if (OUR_CONV.has(name)) return 'convolutions and matrix products';
  if (name === ADAM_UPDATE) return 'Adam';
  return 'everything else';
}

/**
 * The family of a PyTorch op (`aten::` names, from the profiler's self CPU times): every convolution,
 * its backward, the im2col/col2im and GEMM ops of the slow (transposed) paths; the `adam` record_function
 * scope of torch_step.py; the rest.
 */
export function torchFamily(name: string): KernelFamily {
  if (name === 'adam') return 'Adam';
  if (/conv|mkldnn|addmm|\bmm\b|::mm$|bmm|gemm|im2col|col2im/.test(name)) return 'convolutions and matrix products';
  return 'everything else';
}

/** Milliseconds per step by family. */
export function byFamily(items: readonly { readonly name: string; readonly ms: number }[], family: (name: string) => KernelFamily): Record<KernelFamily, number> {
  const out: Record<KernelFamily, number> = { 'convolutions and matrix products': 0, Adam: 0, 'everything else': 0 };
  for (const i of items) out[family(i.name)] += i.ms;
  return out;
}
