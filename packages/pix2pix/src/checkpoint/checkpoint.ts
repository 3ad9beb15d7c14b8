import * as tf from '@tensorflow/tfjs-core';
import { flattenTree, keyFromWords, unflattenTree, type ParamTree } from '@pix2pix-ts/layers';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import type { TrainState } from '../train/train-state';
import { describeNonFinite, firstNonFinite } from './non-finite';

/** The on-disk format tag and version written into every checkpoint's manifest. */
export const CHECKPOINT_FORMAT = 'pix2pix-ts/checkpoint';
export const CHECKPOINT_VERSION = 1;

/** What the manifest (`model.json`'s `modelTopology`) holds besides the weights, decoded with io-ts. */
export const CheckpointMeta = t.type({
  format: t.literal(CHECKPOINT_FORMAT),
  version: t.literal(CHECKPOINT_VERSION),
  step: t.number,
  epoch: t.number,
  key: t.tuple([t.number, t.number]),
  optGStep: t.number,
  optDStep: t.number,
  /** The run's configuration (models, objective, data options): whatever the caller stores. */
  config: t.unknown,
});
export type CheckpointMeta = t.TypeOf<typeof CheckpointMeta>;

/** Why a checkpoint could not be saved or loaded; `message` names the file, tensor and shapes. */
export interface CheckpointError {
  readonly _tag: 'CheckpointError';
  readonly message: string;
}

const checkpointError = (message: string): CheckpointError => ({ _tag: 'CheckpointError', message });

/** The trees of a train state under their checkpoint prefixes, in a fixed order. */
function namedTrees(s: TrainState): ReadonlyArray<readonly [string, ParamTree]> {
  return [
    ['g.params', s.g.params],
    ['g.state', s.g.state],
    ['d.params', s.d.params],
    ['d.state', s.d.state],
    ['optG.m', s.optG.m],
    ['optG.v', s.optG.v],
    ['optD.m', s.optD.m],
    ['optD.v', s.optD.v],
  ];
}

/**
 * The full training state as TensorFlow.js model artifacts (a `model.json`-style manifest plus one
 * binary weights buffer), ready for any `tf.io` handler: files in Node, IndexedDB or downloads in a
 * browser.
 *
 * @example
 * ```ts
 * // const artifacts = await checkpointArtifacts(state, { netG: 'unet_256' });
 * ```
 */
export async function checkpointArtifacts(state: TrainState, config: unknown): Promise<tf.io.ModelArtifacts> {
  const named: tf.NamedTensorMap = {};
  for (const [prefix, tree] of namedTrees(state)) {
    for (const [path, tensor] of flattenTree(tree)) named[`${prefix}.${path}`] = tensor;
  }
  const { data, specs } = await tf.io.encodeWeights(named);
  const meta: CheckpointMeta = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    step: state.step,
    epoch: state.epoch,
    key: [state.key[0], state.key[1]],
    optGStep: state.optG.step,
    optDStep: state.optD.step,
    config,
  };
  return { modelTopology: meta, weightSpecs: specs, weightData: data, format: CHECKPOINT_FORMAT, generatedBy: 'pix2pix-ts 0.1.0' };
}

/**
 * Saves the full training state through a `tf.io` handler.
 *
 * @example
 * ```ts
 * // Browser: await saveCheckpoint(tf.io.getSaveHandlers('indexeddb://facades')[0], state, config)();
 * // Node:    await saveCheckpoint(fileCheckpoint('runs/x/checkpoints/latest'), state, config)();
 * ```
 */
export function saveCheckpoint(handler: tf.io.IOHandler, state: TrainState, config: unknown): TE.TaskEither<CheckpointError, tf.io.SaveResult> {
  return TE.tryCatch(
    async () => {
      if (handler.save === undefined) throw new Error('this tf.io handler cannot save');
      const artifacts = await checkpointArtifacts(state, config);
      // A diverged state must never replace a good checkpoint.
      const bad = artifacts.weightData instanceof ArrayBuffer ? firstNonFinite(artifacts.weightData, artifacts.weightSpecs ?? []) : undefined;
      if (bad !== undefined) throw new Error(`refused: the state at step ${state.step} is not finite (${describeNonFinite(bad)})`);
      return handler.save(artifacts);
    },
    (e) => checkpointError(`saving checkpoint: ${e instanceof Error ? e.message : String(e)}`),
  );
}

/**
 * Restores a training state from artifacts, into the structure of `like` (a freshly initialised state
 * of the same configuration). Every tensor must be present with the right shape and nothing may be
 * left over: a corrupt or mismatched checkpoint is an error naming the tensor and shapes, never a
 * silent partial load. `like` is not disposed.
 */
export function stateFromArtifacts(artifacts: tf.io.ModelArtifacts, like: TrainState): E.Either<CheckpointError, { readonly state: TrainState; readonly config: unknown }> {
  const meta = CheckpointMeta.decode(artifacts.modelTopology);
  if (E.isLeft(meta)) return E.left(checkpointError(`not a ${CHECKPOINT_FORMAT} v${CHECKPOINT_VERSION} manifest: ${PathReporter.report(meta).join('; ')}`));
  if (artifacts.weightSpecs === undefined || artifacts.weightData === undefined) return E.left(checkpointError('checkpoint has no weights'));
  let decoded: tf.NamedTensorMap;
  try {
    const data = Array.isArray(artifacts.weightData) ? concatBuffers(artifacts.weightData) : (artifacts.weightData as ArrayBuffer);
    const expectedBytes = artifacts.weightSpecs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
    if (data.byteLength !== expectedBytes) {
      return E.left(checkpointError(`weights are ${data.byteLength} bytes, the manifest describes ${expectedBytes} (truncated or corrupt file)`));
    }
    // Every tensor of a training state is float32: another dtype (an edited manifest) would load and fail later.
    const wrongType = artifacts.weightSpecs.find((s) => s.dtype !== 'float32' || s.quantization !== undefined);
    if (wrongType !== undefined) {
      return E.left(checkpointError(`tensor ${wrongType.name}: dtype ${wrongType.dtype}${wrongType.quantization === undefined ? '' : ' (quantized)'}, expected float32`));
    }
    const bad = firstNonFinite(data, artifacts.weightSpecs);
    if (bad !== undefined) return E.left(checkpointError(`the checkpoint holds non-finite values: ${describeNonFinite(bad)} (a diverged state; resume from an earlier checkpoint)`));
    decoded = tf.io.decodeWeights(data, artifacts.weightSpecs);
  } catch (e) {
    return E.left(checkpointError(`corrupt weights: ${e instanceof Error ? e.message : String(e)}`));
  }
  const used = new Set<string>();
  const rebuild = (prefix: string, tree: ParamTree): ParamTree => {
    const named = new Map<string, tf.Tensor>();
    for (const [name, tensor] of Object.entries(decoded)) {
      if (name.startsWith(`${prefix}.`)) {
        named.set(name.slice(prefix.length + 1), tensor);
        used.add(name);
      }
    }
    try {
      return unflattenTree(tree, named);
    } catch (e) {
      throw new Error(`${prefix}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  try {
    const m = meta.right;
    const state: TrainState = {
      g: { params: rebuild('g.params', like.g.params), state: rebuild('g.state', like.g.state) },
      d: { params: rebuild('d.params', like.d.params), state: rebuild('d.state', like.d.state) },
      optG: { step: m.optGStep, m: rebuild('optG.m', like.optG.m), v: rebuild('optG.v', like.optG.v) },
      optD: { step: m.optDStep, m: rebuild('optD.m', like.optD.m), v: rebuild('optD.v', like.optD.v) },
      key: keyFromWords(m.key[0], m.key[1]),
      step: m.step,
      epoch: m.epoch,
    };
    const extra = Object.keys(decoded).filter((n) => !used.has(n));
    if (extra.length > 0) throw new Error(`checkpoint has tensors this model does not: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}`);
    return E.right({ state, config: m.config });
  } catch (e) {
    tf.dispose(Object.values(decoded));
    return E.left(checkpointError(e instanceof Error ? e.message : String(e)));
  }
}

/**
 * Loads a training state through a `tf.io` handler (see {@link stateFromArtifacts}).
 *
 * @example
 * ```ts
 * // const r = await loadCheckpoint(fileCheckpoint('runs/x/checkpoints/latest'), freshState)();
 * ```
 */
export function loadCheckpoint(handler: tf.io.IOHandler, like: TrainState): TE.TaskEither<CheckpointError, { readonly state: TrainState; readonly config: unknown }> {
  return pipe(
    TE.tryCatch(
      async () => {
        if (handler.load === undefined) throw new Error('this tf.io handler cannot load');
        return handler.load();
      },
      (e) => checkpointError(`loading checkpoint: ${e instanceof Error ? e.message : String(e)}`),
    ),
    TE.flatMapEither((artifacts) => stateFromArtifacts(artifacts, like)),
  );
}

/** Reads a checkpoint's manifest only (config, step, epoch) without touching the weights. */
export function checkpointMeta(artifacts: tf.io.ModelArtifacts): E.Either<CheckpointError, CheckpointMeta> {
  return pipe(
    CheckpointMeta.decode(artifacts.modelTopology),
    E.mapLeft((errs) => checkpointError(`not a ${CHECKPOINT_FORMAT} manifest: ${PathReporter.report(E.left(errs)).join('; ')}`)),
  );
}

function concatBuffers(buffers: readonly ArrayBuffer[]): ArrayBuffer {
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}
