import { countParams, foldIn, key } from '@pix2pix-ts/layers';
import {
  buildNets,
  checkpointArtifacts,
  disposeState,
  initTrainState,
  makeTrainStepAsync,
  objectiveOf,
  PAPER_OBJECTIVE_SPEC,
  releaseState,
  stateFromArtifacts,
  translate,
  type Pix2PixNets,
  type StepMetrics,
  type TrainState,
} from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { decodeWith } from '../spec/decode';
import { setupWebgl } from '../webgl/webgl-setup';
import { setupWebgpu, webgpuAdapterName } from '../webgpu/webgpu-setup';
import {
  LoadRequest,
  SaveRequest,
  SetupRequest,
  StepRequest,
  TranslateRequest,
  type ArtifactsManifest,
  type MemoryReply,
  type SetupReply,
  type StepReply,
  type TranslateReply,
  type TrainerStatus,
} from '../wire/messages';
import { TrainerConfig } from '../wire/trainer-config';
import { fetchBytes, fetchFloats, postBytes } from './fetch-floats';

/**
 * The trainer that runs inside the page: one pix2pix training state on the WebGL or WebGPU backend, driven
 * by messages from Node (see `webglTrainer` in `@pix2pix-ts/browser/node`). Every method decodes
 * its request with io-ts and returns a `TaskEither`; the page entry turns a `Left` into a rejected
 * `page.evaluate`.
 */
export interface PageTrainer {
  /** Starts the backend a {@link SetupRequest} names: WebGL (with its flags, the default) or WebGPU. */
  readonly setup: (request: unknown) => TE.TaskEither<Error, SetupReply>;
  /** Builds the networks and a fresh state from a {@link TrainerConfig}; replaces any previous run. */
  readonly init: (config: unknown) => TE.TaskEither<Error, TrainerStatus>;
  /** One `makeTrainStepAsync` step on the batch. */
  readonly step: (request: unknown) => TE.TaskEither<Error, StepReply>;
  /** Uploads `checkpointArtifacts(state, config)`'s weights and returns its manifest. */
  readonly save: (request: unknown) => TE.TaskEither<Error, ArtifactsManifest>;
  /** Replaces the state with one read from artifacts (`stateFromArtifacts` into the current structure). */
  readonly load: (request: unknown) => TE.TaskEither<Error, TrainerStatus>;
  /** Runs the generator (`translate`) and uploads the output. */
  readonly translate: (request: unknown) => TE.TaskEither<Error, TranslateReply>;
  /** `tf.memory()` now. */
  readonly memory: () => TE.TaskEither<Error, MemoryReply>;
  /** Frees the state. */
  readonly dispose: () => TE.TaskEither<Error, TrainerStatus | null>;
}

interface Run {
  readonly config: TrainerConfig;
  readonly nets: Pix2PixNets;
  readonly step: ReturnType<typeof makeTrainStepAsync>;
  state: TrainState;
}

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function status(run: Run): TrainerStatus {
  return {
    step: run.state.step,
    epoch: run.state.epoch,
    generatorParams: countParams(run.state.g.params),
    discriminatorParams: countParams(run.state.d.params),
    numTensors: tf.memory().numTensors,
  };
}

/**
 * Makes the page's trainer. Only one run lives at a time; `init` again starts over.
 *
 * @example
 * ```ts
 * // in a page bundle
 * import { createPageTrainer } from '@pix2pix-ts/browser';
 * const trainer = createPageTrainer();
 * await trainer.setup({})();
 * ```
 */
export function createPageTrainer(): PageTrainer {
  let run: Run | undefined;
  const current = (): E.Either<Error, Run> => (run === undefined ? E.left(new Error('no run: call init(config) first')) : E.right(run));

  return {
    setup: (input) =>
      pipe(
        TE.fromEither(decodeWith(SetupRequest, 'setup request')(input)),
        TE.flatMap(({ backend, ...flags }): TE.TaskEither<Error, SetupReply> =>
          backend === 'webgpu'
            ? pipe(
                setupWebgpu(),
                TE.map(({ backend: info, flags: fl }) => ({
                  backend: {
                    name: 'webgpu' as const,
                    isFallbackAdapter: info.adapter.isFallbackAdapter,
                    renderer: webgpuAdapterName(info.adapter),
                    ...(info.adapter.vendor === undefined ? {} : { vendor: info.adapter.vendor }),
                    ...(info.adapter.architecture === undefined ? {} : { architecture: info.adapter.architecture }),
                  },
                  flags: fl,
                })),
              )
            : pipe(
                setupWebgl(flags),
                TE.map(({ backend: info, flags: fl }) => ({
                  backend: {
                    name: 'webgl' as const,
                    webglVersion: info.webglVersion,
                    ...(info.renderer === undefined ? {} : { renderer: info.renderer }),
                    ...(info.vendor === undefined ? {} : { vendor: info.vendor }),
                  },
                  flags: fl,
                })),
              ),
        ),
      ),

    init: (input) =>
      pipe(
        TE.fromEither(decodeWith(TrainerConfig, 'trainer config')(input)),
        TE.flatMap((config) =>
          TE.tryCatch(async () => {
            if (run !== undefined) disposeState(run.state);
            run = undefined;
            const nets = buildNets(config.model);
            const state = initTrainState(nets, key(config.seed), config.inputShape, config.model.outputNc);
            // The losses are read with data(): webgpu's synchronous read loses the device on SwiftShader.
            run = { config, nets, step: makeTrainStepAsync(nets, objectiveOf(config.objective ?? PAPER_OBJECTIVE_SPEC)), state };
            return status(run);
          }, toError),
        ),
      ),

    step: (input) =>
      pipe(
        TE.fromEither(decodeWith(StepRequest, 'step request')(input)),
        TE.bindTo('request'),
        TE.bind('run', () => TE.fromEither(current())),
        TE.flatMap(({ request, run: r }) =>
          TE.tryCatch(async () => {
            const [n, h, w, c] = request.shape;
            const [a, b] = await Promise.all([fetchFloats(request.a, size(request.shape)), fetchFloats(request.b, n * h * w * request.outChannels)]);
            const batch = { a: tf.tensor4d(a, [n, h, w, c]), b: tf.tensor4d(b, [n, h, w, request.outChannels]) };
            const before = request.epoch === undefined ? r.state : { ...r.state, epoch: request.epoch };
            const t0 = performance.now();
            let metrics: StepMetrics;
            try {
              const [next, m] = await r.step(before, batch);
              releaseState(r.state, next);
              r.state = next;
              metrics = m;
            } finally {
              tf.dispose([batch.a, batch.b]);
            }
            return { ...metrics, step: r.state.step, ms: performance.now() - t0 };
          }, toError),
        ),
      ),

    save: (input) =>
      pipe(
        TE.fromEither(decodeWith(SaveRequest, 'save request')(input)),
        TE.bindTo('request'),
        TE.bind('run', () => TE.fromEither(current())),
        TE.flatMap(({ request, run: r }) =>
          TE.tryCatch(async () => {
            const artifacts = await checkpointArtifacts(r.state, r.config.checkpointConfig ?? r.config);
            const data = artifacts.weightData;
            const bytes = data === undefined ? new ArrayBuffer(0) : Array.isArray(data) ? concat(data) : (data as ArrayBuffer);
            await postBytes(request.upload, bytes);
            return {
              modelTopology: artifacts.modelTopology,
              weightSpecs: (artifacts.weightSpecs ?? []).map((s) => ({ name: s.name, shape: [...s.shape], dtype: s.dtype })),
              ...(artifacts.format === undefined ? {} : { format: artifacts.format }),
              ...(artifacts.generatedBy === undefined ? {} : { generatedBy: artifacts.generatedBy }),
            };
          }, toError),
        ),
      ),

    load: (input) =>
      pipe(
        TE.fromEither(decodeWith(LoadRequest, 'load request')(input)),
        TE.bindTo('request'),
        TE.bind('run', () => TE.fromEither(current())),
        TE.bind('weights', ({ request }) => TE.tryCatch(() => fetchBytes(request.weights), toError)),
        TE.flatMap(({ request, run: r, weights }) => {
          const artifacts: tf.io.ModelArtifacts = {
            modelTopology: request.manifest.modelTopology as object,
            weightSpecs: request.manifest.weightSpecs as tf.io.WeightsManifestEntry[],
            weightData: weights,
          };
          return pipe(
            TE.fromEither(stateFromArtifacts(artifacts, r.state)),
            TE.mapLeft((e) => new Error(e.message)),
            TE.map(({ state }) => {
              disposeState(r.state);
              r.state = state;
              return status(r);
            }),
          );
        }),
      ),

    translate: (input) =>
      pipe(
        TE.fromEither(decodeWith(TranslateRequest, 'translate request')(input)),
        TE.bindTo('request'),
        TE.bind('run', () => TE.fromEither(current())),
        TE.flatMap(({ request, run: r }) =>
          TE.tryCatch(async () => {
            const a = tf.tensor4d(await fetchFloats(request.a, size(request.shape)), [...request.shape]);
            const t0 = performance.now();
            const y = translate(r.nets.generator, r.state.g, a, {
              ...(request.dropout === undefined ? {} : { dropout: request.dropout }),
              ...(request.batchStats === undefined ? {} : { batchStats: request.batchStats }),
              ...(request.dropoutKey === undefined
                ? {}
                : { key: request.dropoutKey.index === undefined ? key(request.dropoutKey.seed) : foldIn(key(request.dropoutKey.seed), request.dropoutKey.index) }),
            });
            const values = await y.data();
            const ms = performance.now() - t0;
            const [n = 0, h = 0, w = 0, c = 0] = y.shape;
            tf.dispose([a, y]);
            await postBytes(request.upload, values as Float32Array);
            return { shape: [n, h, w, c] as const, ms };
          }, toError),
        ),
      ),

    memory: () =>
      TE.tryCatch(async () => {
        const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesInGPUAllocated?: number };
        return {
          numTensors: m.numTensors,
          numBytes: m.numBytes,
          ...(m.numBytesInGPU === undefined ? {} : { numBytesInGPU: m.numBytesInGPU }),
          ...(m.numBytesInGPUAllocated === undefined ? {} : { numBytesInGPUAllocated: m.numBytesInGPUAllocated }),
        };
      }, toError),

    dispose: () =>
      TE.tryCatch(async () => {
        if (run === undefined) return null;
        const last = status(run);
        disposeState(run.state);
        run = undefined;
        return last;
      }, toError),
  };
}

function concat(buffers: readonly ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}
