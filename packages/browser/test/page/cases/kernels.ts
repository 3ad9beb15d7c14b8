import { ADAM_UPDATE } from '@pix2pix-ts/backends';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { gpu, onBackend } from '../backends';
import { compareArrays } from '../compare';

/** The worst webgl-vs-cpu errors of this package's webgl kernels over generated cases. */
export interface KernelsAgreement {
  readonly filterGrad: { readonly cases: number; readonly scaled: number; readonly worstCase: string };
  readonly inputGrad: { readonly cases: number; readonly scaled: number; readonly worstCase: string };
  readonly adam: { readonly cases: number; readonly scaled: number; readonly worstCase: string };
}

/** A convolution's geometry, for its input gradient (a transposed convolution) and its filter gradient. */
const convCase = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  height: fc.integer({ min: 1, max: 9 }),
  width: fc.integer({ min: 1, max: 9 }),
  inChannels: fc.integer({ min: 1, max: 9 }),
  outChannels: fc.integer({ min: 1, max: 9 }),
  kernel: fc.integer({ min: 1, max: 5 }),
  stride: fc.integer({ min: 1, max: 3 }),
  pad: fc.constantFrom<'same' | 'valid' | 0 | 1 | 2>('same', 'valid', 0, 1, 2),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
type ConvCase = typeof convCase extends fc.Arbitrary<infer T> ? T : never;

/** The case's padding (an explicit one at most what 'same' would use) and the forward conv's geometry; undefined where tfjs rejects it. */
function geometry(c: ConvCase): { pad: 'same' | 'valid' | number; xShape: [number, number, number, number]; info: tf.backend_util.Conv2DInfo } | undefined {
  const pad = typeof c.pad === 'number' ? Math.min(c.pad, Math.floor((c.kernel - 1) / 2)) : c.pad;
  const xShape: [number, number, number, number] = [c.batch, c.height, c.width, c.inChannels];
  try {
    const info = tf.backend_util.computeConv2DInfo(xShape, [c.kernel, c.kernel, c.inChannels, c.outChannels], c.stride, 1, pad);
    return info.outHeight < 1 || info.outWidth < 1 ? undefined : { pad, xShape, info };
  } catch {
    return undefined; // e.g. a filter larger than the input with 'valid'
  }
}

/** dx = conv2dTranspose(dy, w), i.e. the gradient of conv2d(x, w) w.r.t. an x of the case's size. */
function inputGrad(c: ConvCase): tf.Tensor | undefined {
  const geo = geometry(c);
  if (geo === undefined) return undefined;
  const { pad, xShape, info } = geo;
  return tf.tidy(() => {
    const dy = tf.randomUniform([c.batch, info.outHeight, info.outWidth, c.outChannels], -1, 1, 'float32', c.seed) as tf.Tensor4D;
    const w = tf.randomUniform([c.kernel, c.kernel, c.inChannels, c.outChannels], -1, 1, 'float32', c.seed + 1) as tf.Tensor4D;
    return tf.conv2dTranspose(dy, w, xShape, c.stride, pad);
  });
}

/** dw: webgl's Conv2DBackpropFilter (im2col shader + matmul) for the case's x and dy. */
function filterGrad(c: ConvCase): tf.Tensor | undefined {
  const geo = geometry(c);
  if (geo === undefined) return undefined;
  const { pad, xShape, info } = geo;
  return tf.tidy(() => {
    const x = tf.randomUniform(xShape, -1, 1, 'float32', c.seed);
    const dy = tf.randomUniform([c.batch, info.outHeight, info.outWidth, c.outChannels], -1, 1, 'float32', c.seed + 1);
    const attrs = { strides: c.stride, pad, dataFormat: 'NHWC', filterShape: [c.kernel, c.kernel, c.inChannels, c.outChannels] };
    const dw = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs as unknown as tf.NamedAttrMap); // the op's own attribute record
    return dw as tf.Tensor;
  });
}

const adamCase = fc.record({
  shape: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }),
  step: fc.integer({ min: 1, max: 2000 }),
  gradScale: fc.constantFrom(1e-4, 1, 100),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
type AdamCase = typeof adamCase extends fc.Arbitrary<infer T> ? T : never;

function adam(c: AdamCase): tf.Tensor[] {
  const attrs = { beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 2e-4 / (1 - 0.5 ** c.step), sqrtBc2: Math.sqrt(1 - 0.999 ** c.step) };
  return tf.tidy(() => {
    const u = (seed: number, scale: number): tf.Tensor => tf.mul(tf.randomUniform(c.shape, -1, 1, 'float32', seed), scale);
    const g = u(c.seed, c.gradScale);
    const inputs = { param: u(c.seed + 1, 1), grad: g, m: tf.mul(g, u(c.seed + 2, 1)), v: tf.square(u(c.seed + 3, c.gradScale)) };
    const out = tf.engine().runKernel(ADAM_UPDATE, inputs, { ...attrs });
    return Array.isArray(out) ? out : [out];
  });
}

/** `compute` for every case, its tensors read back asynchronously (webgpu needs it, see `settle`) and freed. */
async function computeAll<C>(cases: readonly C[], compute: (c: C) => tf.Tensor | tf.Tensor[] | undefined): Promise<Array<Float32Array[] | undefined>> {
  const out: Array<Float32Array[] | undefined> = [];
  for (const c of cases) {
    const r = compute(c);
    if (r === undefined) {
      out.push(undefined);
      continue;
    }
    const ts = Array.isArray(r) ? r : [r];
    out.push(await Promise.all(ts.map(async (t) => Float32Array.from(await t.data()))));
    tf.dispose(ts);
  }
  return out;
}

/** Runs `compute` on cpu and on the GPU backend for every case; returns the worst scaled error and its case. */
async function worstOver<C>(
  cases: readonly C[],
  compute: (c: C) => tf.Tensor | tf.Tensor[] | undefined,
  errors: (webgl: Float32Array[], cpu: Float32Array[]) => number,
): Promise<{ cases: number; scaled: number; worstCase: string }> {
  await onBackend('cpu');
  const cpu = await computeAll(cases, compute);
  await onBackend(gpu());
  const webgl = await computeAll(cases, compute);
  let scaled = 0;
  let worstCase = '';
  let count = 0;
  cases.forEach((c, i) => {
    const [a, b] = [webgl[i], cpu[i]];
    if (a === undefined || b === undefined) return;
    count++;
    const e = errors(a, b);
    if (!(e <= scaled)) {
      scaled = e;
      worstCase = JSON.stringify(c);
    }
  });
  return { cases: count, scaled, worstCase };
}

/**
 * webgl's Conv2DBackpropInput (matrix product + col2im), Conv2DBackpropFilter (im2col shader + matrix
 * product) and fused Adam, as this package installs them, against cpu, on cases fast-check generates from fixed seeds. Leaves webgl active.
 */
export async function kernelsCase(): Promise<KernelsAgreement> {
  const convCases = fc.sample(convCase, { seed: 20261126, numRuns: 60 });
  const adamCases = fc.sample(adamCase, { seed: 20261127, numRuns: 40 });
  const first = (a: Float32Array[], b: Float32Array[]): number => compareArrays(a[0] ?? new Float32Array(), b[0] ?? new Float32Array()).scaled;
  const inputGrads = await worstOver(convCases, inputGrad, first);
  const filterGrads = await worstOver(convCases, filterGrad, first);
  const adams = await worstOver(adamCases, adam, (a, b) => Math.max(...a.map((x, k) => compareArrays(x, b[k] ?? new Float32Array()).scaled)));
  return { filterGrad: filterGrads, inputGrad: inputGrads, adam: adams };
}
