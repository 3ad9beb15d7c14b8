import * as t from 'io-ts';
import { WebglFlags } from '../webgl/webgl-flags';
import { Shape4Codec } from './trainer-config';

/**
 * The messages between Node and the trainer page. Control travels as JSON through
 * `page.evaluate`; tensor data and weights travel as raw little-endian bytes over the session's
 * 127.0.0.1 HTTP server (`GET` of a one-shot URL to send, `POST` to receive), so nothing is
 * re-encoded as text and size is not limited by the DevTools protocol. Every reply is decoded with
 * these codecs on the Node side.
 */

/** Node → page: one training step on the batch behind two one-shot URLs. */
export const StepRequest = t.intersection(
  [t.type({ a: t.string, b: t.string, shape: Shape4Codec, outChannels: t.number }), t.partial({ epoch: t.number })],
  'StepRequest',
);
/** See {@link StepRequest}. */
export type StepRequest = t.TypeOf<typeof StepRequest>;

/** Page → Node: the losses of a step (as pix2pix's `StepMetrics`), the step count after it, and its wall time in the page. */
export const StepReply = t.type(
  {
    G_GAN: t.number,
    G_L1: t.number,
    D_real: t.number,
    D_fake: t.number,
    G: t.number,
    D: t.number,
    lr: t.number,
    step: t.number,
    ms: t.number,
  },
  'StepReply',
);
/** See {@link StepReply}. */
export type StepReply = t.TypeOf<typeof StepReply>;

/** Page → Node: where a run stands. */
export const TrainerStatus = t.type(
  { step: t.number, epoch: t.number, generatorParams: t.number, discriminatorParams: t.number, numTensors: t.number },
  'TrainerStatus',
);
/** See {@link TrainerStatus}. */
export type TrainerStatus = t.TypeOf<typeof TrainerStatus>;

/** The JSON half of `tf.io.ModelArtifacts` (everything but the weight bytes). */
export const ArtifactsManifest = t.intersection(
  [
    t.type({
      modelTopology: t.unknown,
      weightSpecs: t.array(t.type({ name: t.string, shape: t.array(t.number), dtype: t.string })),
    }),
    t.partial({ format: t.string, generatedBy: t.string }),
  ],
  'ArtifactsManifest',
);
/** See {@link ArtifactsManifest}. */
export type ArtifactsManifest = t.TypeOf<typeof ArtifactsManifest>;

/** Node → page: save the state; the weights are POSTed to `upload`. */
export const SaveRequest = t.type({ upload: t.string }, 'SaveRequest');
/** See {@link SaveRequest}. */
export type SaveRequest = t.TypeOf<typeof SaveRequest>;

/** Node → page: restore a state from a manifest and the weights behind a one-shot URL. */
export const LoadRequest = t.type({ manifest: ArtifactsManifest, weights: t.string }, 'LoadRequest');
/** See {@link LoadRequest}. */
export type LoadRequest = t.TypeOf<typeof LoadRequest>;

/**
 * The dropout key of a translation as words that cross the wire: `foldIn(key(seed), index)` (the CLI's per-image
 * key), or `key(seed)` without `index`.
 */
export const DropoutKeyRequest = t.intersection([t.type({ seed: t.number }), t.partial({ index: t.number })], 'DropoutKeyRequest');
/** See {@link DropoutKeyRequest}. */
export type DropoutKeyRequest = t.TypeOf<typeof DropoutKeyRequest>;

/**
 * Node → page: run the generator on A (one-shot URL); the output is POSTed to `upload`. `dropoutKey` (default:
 * `translate`'s fixed key) makes the page draw the same dropout masks as a Node translation with that key.
 */
export const TranslateRequest = t.intersection(
  [t.type({ a: t.string, shape: Shape4Codec, upload: t.string }), t.partial({ dropout: t.boolean, batchStats: t.boolean, dropoutKey: DropoutKeyRequest })],
  'TranslateRequest',
);
/** See {@link TranslateRequest}. */
export type TranslateRequest = t.TypeOf<typeof TranslateRequest>;

/** Page → Node: the shape of a translation's output and its wall time. */
export const TranslateReply = t.type({ shape: Shape4Codec, ms: t.number }, 'TranslateReply');
/** See {@link TranslateReply}. */
export type TranslateReply = t.TypeOf<typeof TranslateReply>;

/** Page → Node: `tf.memory()` as the webgl backend reports it. */
export const MemoryReply = t.intersection(
  [t.type({ numTensors: t.number, numBytes: t.number }), t.partial({ numBytesInGPU: t.number, numBytesInGPUAllocated: t.number })],
  'MemoryReply',
);
/** See {@link MemoryReply}. */
export type MemoryReply = t.TypeOf<typeof MemoryReply>;

/** The GPU backends a trainer page runs on. */
export const PageBackendName = t.keyof({ webgl: null, webgpu: null }, 'PageBackendName');
/** See {@link PageBackendName}. */
export type PageBackendName = t.TypeOf<typeof PageBackendName>;

/**
 * Node → page: which backend to start (default `webgl`) and, for webgl, its {@link WebglFlags}. A bare
 * `WebglFlags` object (what callers sent before webgpu existed) is a valid request for webgl.
 */
export const SetupRequest = t.intersection([WebglFlags, t.partial({ backend: PageBackendName })], 'SetupRequest');
/** See {@link SetupRequest}. */
export type SetupRequest = t.TypeOf<typeof SetupRequest>;

/**
 * Page → Node: the backend that started (see `WebglSetup`, `WebgpuSetup`). `renderer` names what it
 * runs on in both (webgl: the GL renderer string; webgpu: the adapter's vendor and architecture), and
 * `flags` are tfjs's flags of that backend.
 */
export const SetupReply = t.type(
  {
    backend: t.union([
      t.intersection([t.type({ name: t.literal('webgl'), webglVersion: t.number }), t.partial({ renderer: t.string, vendor: t.string })]),
      t.intersection([t.type({ name: t.literal('webgpu'), isFallbackAdapter: t.boolean }), t.partial({ renderer: t.string, vendor: t.string, architecture: t.string })]),
    ]),
    flags: t.record(t.string, t.union([t.boolean, t.number])),
  },
  'SetupReply',
);
/** See {@link SetupReply}. */
export type SetupReply = t.TypeOf<typeof SetupReply>;
