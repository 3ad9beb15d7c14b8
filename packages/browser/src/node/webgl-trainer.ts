import type * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import { decodeWith } from '../spec/decode';
import type { WebglFlags } from '../webgl/webgl-flags';
import {
  ArtifactsManifest,
  type DropoutKeyRequest,
  MemoryReply,
  SetupReply,
  type PageBackendName,
  StepReply,
  TrainerStatus,
  TranslateReply,
} from '../wire/messages';
import type { Shape4, TrainerConfig } from '../wire/trainer-config';
import { openBrowserPage, type BrowserPage } from './browser-page';
import type { LaunchOptions } from './chromium';
import { failAfter } from './fail-after';
import { pageEntry } from './page-entry';

/** Options of {@link webglTrainer}. */
export interface WebglTrainerOptions {
  /**
   * The page's backend: `webgl` (default) or `webgpu` (tfjs-backend-webgpu; Chromium gives an adapter with
   * `--enable-unsafe-webgpu`, which `CHROMIUM_ARGS` has, on SwiftShader where there is no GPU).
   */
  readonly backend?: PageBackendName;
  /** WebGL flags (over `@pix2pix-ts/backends` `DEFAULT_WEBGL_FLAGS`: fp32 textures, shapes compiled in, tfjs's packing); webgl only. */
  readonly flags?: WebglFlags;
  /** Chromium executable and flags (default: the system's Chromium, `CHROMIUM_ARGS`). */
  readonly launch?: LaunchOptions;
}

/**
 * One training batch from Node: A and B as NHWC float32 in [-1, 1], back to back; `shape` is A's
 * (`[n, h, w, inChannels]`), B has the same `n, h, w` and the config's `outChannels`.
 */
export interface TrainBatch {
  readonly a: Float32Array;
  readonly b: Float32Array;
  readonly shape: readonly [number, number, number, number];
  /** Sets the state's epoch (1-based; it decides the learning rate) before this step. */
  readonly epoch?: number;
}

/** A generator output brought back to Node. */
export interface Translation {
  readonly data: Float32Array;
  readonly shape: Shape4;
  /** Wall time of the forward pass in the page, ms. */
  readonly ms: number;
}

/**
 * A pix2pix training run on WebGL in headless Chromium, driven from Node. Calls are queued: each
 * starts when the previous one has finished, so a save never sees half a step.
 */
export interface WebglSession {
  /** The GPU and flags the page runs on (the renderer string names SwiftShader on a software GL). */
  readonly setup: SetupReply;
  /** Builds the networks and a fresh state (`initTrainState(nets, key(seed), inputShape, outChannels)`). */
  readonly init: (config: TrainerConfig) => TE.TaskEither<Error, TrainerStatus>;
  /** One `makeTrainStep` step; the losses as `StepMetrics`, with the new step count and the page's wall time. */
  readonly step: (batch: TrainBatch) => TE.TaskEither<Error, StepReply>;
  /**
   * The full state as `checkpointArtifacts` makes it (manifest + one weights buffer): hand it to
   * `fileCheckpoint(dir).save(artifacts)` and it is a checkpoint any backend can resume.
   */
  readonly save: () => TE.TaskEither<Error, tf.io.ModelArtifacts>;
  /** Replaces the state with a checkpoint's (from any backend); `init` with the same nets first. */
  readonly load: (artifacts: tf.io.ModelArtifacts) => TE.TaskEither<Error, TrainerStatus>;
  /**
   * Runs the generator on A (`translate`; defaults: the paper's dropout and batch statistics, `translate`'s fixed
   * dropout key; `dropoutKey: { seed, index }` draws the masks of `foldIn(key(seed), index)`, as a Node translation with that key).
   */
  readonly translate: (
    a: Float32Array,
    shape: readonly [number, number, number, number],
    options?: { readonly dropout?: boolean; readonly batchStats?: boolean; readonly dropoutKey?: DropoutKeyRequest },
  ) => TE.TaskEither<Error, Translation>;
  /** `tf.memory()` in the page (`numTensors`, `numBytesInGPU`, …). */
  readonly memory: () => TE.TaskEither<Error, MemoryReply>;
  /** Frees the state, closes Chromium and the server. */
  readonly close: () => TE.TaskEither<Error, void>;
}

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function bytesOf(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  if (!Array.isArray(data)) return new Uint8Array(data as ArrayBuffer);
  return Buffer.concat((data as ArrayBuffer[]).map((b) => new Uint8Array(b)));
}

const floatBytes = (x: Float32Array): Uint8Array => new Uint8Array(x.buffer, x.byteOffset, x.byteLength);

function callPage<A, O>(session: BrowserPage, method: string, arg: unknown, codec: t.Type<A, O, unknown>, who = 'webgl trainer'): TE.TaskEither<Error, A> {
  return pipe(
    TE.tryCatch(
      () =>
        session.page.evaluate(
          async ([m, a]) => {
            const trainer = Reflect.get(globalThis, 'pix2pixTrainer') as Record<string, (x: unknown) => Promise<unknown>> | undefined;
            const f = trainer?.[m];
            if (f === undefined) throw new Error(`the page has no trainer method '${m}'`);
            return f(a);
          },
          [method, arg] as const,
        ),
      (e) => {
        const page = session.errors();
        return new Error(`${who} ${method}: ${toError(e).message}${page.length > 0 ? `\n${page.join('\n')}` : ''}`);
      },
    ),
    TE.flatMapEither(decodeWith(codec, `${who} ${method} reply`)),
  );
}

/**
 * Starts a WebGL (or, with `backend: 'webgpu'`, WebGPU) trainer: a 127.0.0.1 server and headless
 * Chromium running this package's trainer page (pix2pix, layers and backends bundled by esbuild from
 * their sources), with WebGL set up and checked for fp32, or WebGPU started on the browser's adapter
 * (no adapter is a `Left` saying so). Batches, weights and outputs travel as raw float32 bytes over the local server;
 * control and metrics as JSON through `page.evaluate`, decoded with io-ts.
 *
 * @returns a {@link WebglSession}, or an `Error` (no Chromium, no WebGL 2, no fp32 render targets, …)
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { webglTrainer } from '@pix2pix-ts/browser/node';
 * import { fileCheckpoint } from '@pix2pix-ts/pix2pix/node';
 *
 * const session = await webglTrainer()();
 * if (E.isLeft(session)) throw session.left;
 * const s = session.right;
 * console.log(s.setup.backend.renderer); // ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) …))
 * await s.init({ model: { netG: 'unet_32', netD: 'basic', nLayersD: 3, ngf: 4, ndf: 4, norm: 'batch', dropout: true, inputNc: 3, outputNc: 3 }, inputShape: [1, 32, 32, 3], seed: 0 })();
 * const a = new Float32Array(32 * 32 * 3).fill(0.5), b = new Float32Array(32 * 32 * 3).fill(-0.5);
 * console.log(await s.step({ a, b, shape: [1, 32, 32, 3] })()); // Right({ G_GAN: …, G_L1: …, step: 1, ms: … })
 * const artifacts = await s.save()();
 * if (E.isRight(artifacts)) await fileCheckpoint('runs/x/checkpoints/latest').save?.(artifacts.right);
 * await s.close()();
 * ```
 */
export function webglTrainer(options: WebglTrainerOptions = {}): TE.TaskEither<Error, WebglSession> {
  return pipe(
    TE.fromEither(E.tryCatch(() => pageEntry('trainer-entry'), toError)),
    TE.flatMap((entry) => openBrowserPage({ script: { entry }, ...(options.launch === undefined ? {} : { launch: options.launch }) })),
    TE.flatMap((page) =>
      pipe(
        callPage(page, 'setup', { ...options.flags, ...(options.backend === undefined ? {} : { backend: options.backend }) }, SetupReply, `${options.backend ?? 'webgl'} trainer`),
        TE.orElse((e) => failAfter<SetupReply>(page.close(), e)),
        TE.map((setup) => session(page, setup, `${options.backend ?? 'webgl'} trainer`)),
      ),
    ),
  );
}

function session(page: BrowserPage, setup: SetupReply, who: string): WebglSession {
  let queue: Promise<unknown> = Promise.resolve();
  let config: TrainerConfig | undefined;
  let closed = false;
  // Runs tasks one after another, whatever the caller awaits.
  const serial =
    <A>(task: TE.TaskEither<Error, A>): TE.TaskEither<Error, A> =>
    () => {
      const next = queue.then(() => (closed ? E.left(new Error(`the ${who} is closed`)) : task()));
      queue = next.catch(() => undefined);
      return next;
    };
  const needConfig = (): E.Either<Error, TrainerConfig> => (config === undefined ? E.left(new Error(`${who}: call init(config) first`)) : E.right(config));

  return {
    setup,
    init: (c) =>
      serial(
        pipe(
          callPage(page, 'init', c, TrainerStatus, who),
          TE.tap(() => {
            config = c;
            return TE.right(undefined);
          }),
        ),
      ),
    step: (batch) =>
      serial(
        pipe(
          TE.fromEither(needConfig()),
          TE.flatMap((c) => {
            const [n, h, w] = batch.shape;
            const outChannels = c.model.outputNc;
            if (batch.a.length !== size(batch.shape)) return TE.left(new Error(`step: A has ${batch.a.length} values, shape [${batch.shape.join(', ')}] needs ${size(batch.shape)}`));
            if (batch.b.length !== n * h * w * outChannels) return TE.left(new Error(`step: B has ${batch.b.length} values, [${n}, ${h}, ${w}, ${outChannels}] needs ${n * h * w * outChannels}`));
            const request = {
              a: page.blobs.offer(floatBytes(batch.a)),
              b: page.blobs.offer(floatBytes(batch.b)),
              shape: batch.shape,
              outChannels,
              ...(batch.epoch === undefined ? {} : { epoch: batch.epoch }),
            };
            return callPage(page, 'step', request, StepReply, who);
          }),
        ),
      ),
    save: () =>
      serial(
        pipe(
          TE.fromEither(needConfig()),
          TE.flatMap(() => {
            const upload = page.blobs.expect();
            return pipe(
              callPage(page, 'save', { upload: upload.path }, ArtifactsManifest, who),
              TE.tapError((e) => {
                upload.cancel(e);
                return TE.right(undefined);
              }),
              TE.flatMap((manifest) =>
                pipe(
                  TE.tryCatch(() => upload.received, toError),
                  TE.map((bytes): tf.io.ModelArtifacts => {
                    const copy = new Uint8Array(bytes.byteLength);
                    copy.set(bytes);
                    return {
                      modelTopology: manifest.modelTopology as object,
                      weightSpecs: manifest.weightSpecs as tf.io.WeightsManifestEntry[],
                      weightData: copy.buffer,
                      ...(manifest.format === undefined ? {} : { format: manifest.format }),
                      ...(manifest.generatedBy === undefined ? {} : { generatedBy: manifest.generatedBy }),
                    };
                  }),
                ),
              ),
            );
          }),
        ),
      ),
    load: (artifacts) =>
      serial(
        pipe(
          TE.fromEither(needConfig()),
          TE.flatMap(() => {
            const manifest = { modelTopology: artifacts.modelTopology ?? {}, weightSpecs: artifacts.weightSpecs ?? [] };
            return callPage(page, 'load', { manifest, weights: page.blobs.offer(bytesOf(artifacts.weightData)) }, TrainerStatus, who);
          }),
        ),
      ),
    translate: (a, shape, opts = {}) =>
      serial(
        pipe(
          TE.fromEither(needConfig()),
          TE.flatMap(() => {
            if (a.length !== size(shape)) return TE.left(new Error(`translate: A has ${a.length} values, shape [${shape.join(', ')}] needs ${size(shape)}`));
            const upload = page.blobs.expect();
            return pipe(
              callPage(page, 'translate', { a: page.blobs.offer(floatBytes(a)), shape, upload: upload.path, ...opts }, TranslateReply, who),
              TE.tapError((e) => {
                upload.cancel(e);
                return TE.right(undefined);
              }),
              TE.flatMap((reply) =>
                pipe(
                  TE.tryCatch(() => upload.received, toError),
                  TE.map((bytes) => {
                    const copy = new Uint8Array(bytes.byteLength);
                    copy.set(bytes);
                    return { data: new Float32Array(copy.buffer), shape: reply.shape, ms: reply.ms };
                  }),
                ),
              ),
            );
          }),
        ),
      ),
    memory: () => serial(callPage(page, 'memory', null, MemoryReply, who)),
    close: () =>
      serial(
        pipe(
          TE.tryCatch(async () => {
            closed = true;
          }, toError),
          TE.flatMap(() => page.close()),
        ),
      ),
  };
}
