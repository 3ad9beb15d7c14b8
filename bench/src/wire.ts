/**
 * What crosses between the Node runner and a measurement (in Node or in the page): requests and
 * results as io-ts codecs, decoded on arrival.
 * @packageDocumentation
 */
import * as t from 'io-ts';

const ConfigIdC = t.keyof({ q: null, a: null, b: null, c: null }, 'ConfigId');
const ImplC = t.keyof({ ours: null, 'tfjs-layers': null }, 'ImplName');

/** One measurement: an implementation of a configuration on the current backend. */
export const MeasureRequest = t.intersection([
  t.type({
    config: ConfigIdC,
    impl: ImplC,
    /** Untimed steps first (the first one is reported on its own: shader compilation, allocation). */
    warmup: t.number,
    /** Timed training steps. */
    runs: t.number,
    /** Timed generator forwards (after one warm-up forward). */
    forwardRuns: t.number,
  }),
  /** wasm in Node: threads of XNNPACK's pool (absent: the backend as it is). */
  t.partial({ threads: t.number }),
], 'MeasureRequest');
export type MeasureRequest = t.TypeOf<typeof MeasureRequest>;

const TimingC = t.type({ median: t.number, min: t.number, max: t.number, runs: t.number, samples: t.readonlyArray(t.number) }, 'Timing');

/** The numbers of one measurement. */
export const MeasureResult = t.intersection([
  t.type({
    config: ConfigIdC,
    impl: ImplC,
    backend: t.string,
    /** ms to build the networks and optimiser state. */
    initMs: t.number,
    /** ms of the first training step. */
    firstStepMs: t.number,
    step: TimingC,
    forward: TimingC,
    /** Peak bytes held by tfjs tensors during one profiled step (`tf.profile().peakBytes`, all tensors, state included). */
    peakBytes: t.number,
    /** Tensors created by one step (outputs of every kernel it runs). */
    tensorsPerStep: t.number,
    /** Kernels (backend ops) one step runs. */
    kernelsPerStep: t.number,
    /** Tensors alive between steps (state, variables, inputs). */
    tensorsHeld: t.number,
    /** Change in live tensors per timed step (0: no leak). */
    leakedPerStep: t.number,
    /** Live tensors left after disposing everything, relative to before (0: nothing left behind). */
    leftAfterDispose: t.number,
  }),
  /** Threads the backend computed on (wasm's thread pool); absent: one. */
  t.partial({ threads: t.number }),
], 'MeasureResult');
export type MeasureResult = t.TypeOf<typeof MeasureResult>;

/** A matmul peak: the best of a few `n×n · n×n` products. */
export const PeakResult = t.type({ backend: t.string, n: t.number, bestMs: t.number, gflops: t.number }, 'PeakResult');
export type PeakResult = t.TypeOf<typeof PeakResult>;

/** Page → Node: the backend the benchmark page started, its renderer (webgl) or adapter (webgpu), and the tfjs flags that shape its kernels. */
export const PageSetup = t.type(
  { backend: t.keyof({ webgl: null, webgpu: null }), renderer: t.string, flags: t.record(t.string, t.union([t.boolean, t.number])) },
  'PageSetup',
);
export type PageSetup = t.TypeOf<typeof PageSetup>;
