import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import { disposeTree, flattenTree, key, unflattenTree, type Layer, type Sig } from '@pix2pix-ts/layers';
import { buildGenerator, type NetVars } from '@pix2pix-ts/pix2pix';
import { DirectionCodec, ModelConfig, RunConfig, TestConfig } from '../config/run-config';

/** The format tag of an exported generator's manifest. */
export const GENERATOR_FORMAT = 'pix2pix-ts/generator';

/**
 * What an exported generator's `model.json` describes (its `modelTopology`): the generator's configuration (the
 * official option names' values), the image size it was trained at, the translation direction, the test-time
 * behaviour it was evaluated with, and how long it was trained. An io-ts codec: the browser demo decodes it.
 */
export const GeneratorManifest = t.type({
  format: t.literal(GENERATOR_FORMAT),
  version: t.literal(1),
  model: ModelConfig,
  /** Height and width the generator was trained at (`crop_size`). */
  size: t.number,
  direction: DirectionCodec,
  testTime: TestConfig,
  step: t.number,
  epoch: t.number,
  /** Tensor names: `params.<path>` (weights) and `state.<path>` (norm running statistics). */
  tensors: t.literal('params.<path> | state.<path>'),
  /** The training run's whole configuration (provenance; `eval` and `test` use its data options), if known. */
  config: t.union([RunConfig, t.null]),
});
/** See {@link GeneratorManifest}. */
export type GeneratorManifest = t.TypeOf<typeof GeneratorManifest>;

/**
 * The manifest of a run's generator at a step (pure).
 *
 * @example
 * ```ts
 * import { generatorManifestOf } from '@pix2pix-ts/cli';
 * // generatorManifestOf(config, state.step, state.epoch).model.netG === 'unet_64'
 * ```
 */
export const generatorManifestOf = (config: RunConfig, step: number, epoch: number): GeneratorManifest => ({
  format: GENERATOR_FORMAT,
  version: 1,
  model: config.model,
  size: config.data.cropSize,
  direction: config.data.direction,
  testTime: config.test,
  step,
  epoch,
  tensors: 'params.<path> | state.<path>',
  config,
});

/**
 * The generator alone as TensorFlow.js model artifacts (`model.json` + one `weights.bin`): its weights and norm
 * statistics, with a manifest describing its configuration. Write them with any `tf.io` handler (files in Node,
 * IndexedDB or downloads in a browser).
 *
 * @example
 * ```ts
 * import { generatorArtifacts } from '@pix2pix-ts/cli';
 * // const artifacts = await generatorArtifacts(state.g, manifest);
 * ```
 */
export async function generatorArtifacts(vars: NetVars, manifest: GeneratorManifest): Promise<tf.io.ModelArtifacts> {
  const named: tf.NamedTensorMap = {};
  for (const [p, tensor] of flattenTree(vars.params)) named[`params.${p}`] = tensor;
  for (const [p, tensor] of flattenTree(vars.state)) named[`state.${p}`] = tensor;
  const { data, specs } = await tf.io.encodeWeights(named);
  // tf.io types the topology as a Keras `object`; ours is a plain JSON manifest (decoded with io-ts on load).
  return { modelTopology: manifest, weightSpecs: specs, weightData: data, format: GENERATOR_FORMAT, generatedBy: 'pix2pix-ts 0.1.0' };
}

/** An exported generator read back: ready for `translate`. The caller owns `vars`. */
export interface LoadedGenerator {
  readonly manifest: GeneratorManifest;
  /** The generator the manifest describes (read at run time: shapes checked at run time). */
  readonly generator: Layer<Sig>;
  readonly vars: NetVars;
}

/**
 * Reads exported generator artifacts back (browser-safe): decodes the manifest with io-ts, rebuilds the
 * generator it describes, and checks every tensor's name and shape against it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { loadGenerator } from '@pix2pix-ts/cli';
 * // const artifacts = await tf.io.browserHTTPRequest('/model/model.json').load();
 * // const g = loadGenerator(artifacts); // Right({ manifest, generator, vars })
 * ```
 */
export function loadGenerator(artifacts: tf.io.ModelArtifacts): E.Either<string, LoadedGenerator> {
  return pipe(
    GeneratorManifest.decode(artifacts.modelTopology),
    E.mapLeft((errs) => `not a ${GENERATOR_FORMAT} manifest: ${PathReporter.report(E.left(errs)).slice(0, 3).join('; ')}`),
    E.chain((manifest) => {
      if (artifacts.weightSpecs === undefined || artifacts.weightData === undefined) return E.left('no weights');
      const data = Array.isArray(artifacts.weightData) ? concat(artifacts.weightData) : (artifacts.weightData as ArrayBuffer);
      let decoded: tf.NamedTensorMap;
      try {
        decoded = tf.io.decodeWeights(data, artifacts.weightSpecs);
      } catch (e) {
        return E.left(`corrupt weights: ${e instanceof Error ? e.message : String(e)}`);
      }
      const generator = buildGenerator(manifest.model);
      const like = generator.init(key(0), [1, manifest.size, manifest.size, manifest.model.inputNc]);
      const part = (prefix: string): Map<string, tf.Tensor> =>
        new Map(Object.entries(decoded).filter(([n]) => n.startsWith(`${prefix}.`)).map(([n, v]) => [n.slice(prefix.length + 1), v] as const));
      try {
        const vars = { params: unflattenTree(like.params, part('params')), state: unflattenTree(like.state, part('state')) };
        return E.right({ manifest, generator, vars });
      } catch (e) {
        tf.dispose(Object.values(decoded));
        return E.left(e instanceof Error ? e.message : String(e));
      } finally {
        disposeTree(like.params);
        disposeTree(like.state);
      }
    }),
  );
}

function concat(buffers: readonly ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let o = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), o);
    o += b.byteLength;
  }
  return out.buffer;
}
