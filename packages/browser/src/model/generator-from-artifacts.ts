import { flattenTree, key, mapTree, shaped, tidyTree, type Layer, type ParamTree, type Sig } from '@pix2pix-ts/layers';
import { buildGenerator, CHECKPOINT_FORMAT, parseNetG, type GeneratorSpec, type NetVars } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { NormKind } from '@pix2pix-ts/pix2pix';
import { generatorSpecFromConfig } from './generator-spec-from-config';
import { modelHints, type ModelHints } from './model-hints';

/** A generator read from artifacts, ready for `translate(generator, vars, image)`. */
export interface LoadedGenerator {
  /** The generator the manifest or the tensors describe: read at run time, so its shapes are checked at run time. */
  readonly generator: Layer<Sig>;
  /** What was built, by the official names (with the real `ngf` and output channels). */
  readonly spec: GeneratorSpec;
  readonly inChannels: number;
  readonly outChannels: number;
  /** Parameters and norm statistics (owned by the caller: `disposeTree` both when done). */
  readonly vars: NetVars;
  /** `checkpoint`: a full training checkpoint (`g.params.*`); `generator`: an exported generator. */
  readonly source: 'checkpoint' | 'generator';
  /** Whether the spec came from the manifest's config or was inferred from the tensors' names and shapes. */
  readonly specFrom: 'config' | 'inferred';
  /** What the manifest says about using the model (trained size, direction, test-time behaviour, step). */
  readonly hints: ModelHints;
  /** Input sides must be multiples of this: 2^depth for a U-Net, 4 for a ResNet (which needs at least 8). */
  readonly sizeMultiple: number;
}

const NORMS: readonly NormKind[] = ['batch', 'instance', 'none'];

/**
 * Every generator whose tensor paths identify it, smallest first; `ngf` and `outputNc` are placeholders. (An
 * `encoder_decoder_<N>` has the paths of `unet_<N>`: it is recognised from a config only.)
 */
function candidates(): GeneratorSpec[] {
  const out: GeneratorSpec[] = [];
  const add = (netG: string): void => NORMS.forEach((norm) => out.push({ netG, ngf: 1, norm, dropout: true, outputNc: 3 }));
  for (let depth = 5; depth <= 10; depth++) add(`unet_${2 ** depth}`);
  for (let blocks = 1; blocks <= 12; blocks++) add(`resnet_${blocks}blocks`);
  return out;
}

/** How many pixels a side must be a multiple of: 2^depth for a U-Net or its encoder-decoder, 4 for a ResNet. */
const downsamplingOf = (spec: GeneratorSpec): number => {
  const parsed = parseNetG(spec.netG);
  return parsed === undefined || parsed.kind === 'resnet' ? 4 : 2 ** parsed.depth;
};

/** The smallest input every layer accepts (a ResNet's reflection pads need 2x2 at its bottleneck). */
const smallestSide = (spec: GeneratorSpec): number => Math.max(8, downsamplingOf(spec));

interface Structure {
  readonly params: ParamTree;
  readonly state: ParamTree;
  readonly paramPaths: readonly string[];
  readonly statePaths: readonly string[];
}

/** The generator's tree structure, from an init with ngf 1 (the paths do not depend on ngf, the tensors are tiny). */
function structure(spec: GeneratorSpec): Structure {
  const layer = buildGenerator({ ...spec, ngf: 1, outputNc: 3 });
  const s = smallestSide(spec);
  // Only the trees survive: whatever the initialisers allocate on the way is freed.
  const { params, state } = tidyTree(() => {
    const made = layer.init(key(0), [1, s, s, 3]);
    return { params: made.params, state: made.state };
  });
  return { params, state, paramPaths: flattenTree(params).map(([p]) => p), statePaths: flattenTree(state).map(([p]) => p) };
}

const disposeStructure = (s: Structure): void => tf.dispose([...flattenTree(s.params), ...flattenTree(s.state)].map(([, t]) => t));

const sameSet = (a: readonly string[], b: ReadonlySet<string>): boolean => a.length === b.size && a.every((p) => b.has(p));

function prefixesOf(names: readonly string[]): { readonly source: 'checkpoint' | 'generator'; readonly params: string; readonly state: string } {
  if (names.some((n) => n.startsWith('g.params.'))) return { source: 'checkpoint', params: 'g.params.', state: 'g.state.' };
  if (names.some((n) => n.startsWith('params.'))) return { source: 'generator', params: 'params.', state: 'state.' };
  return { source: 'generator', params: '', state: '\u0000none.' };
}

function weightBytes(data: tf.io.WeightData): ArrayBuffer {
  if (!Array.isArray(data)) return data as ArrayBuffer;
  const buffers = data as ArrayBuffer[];
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

/**
 * Reads a generator out of TensorFlow.js model artifacts (a `model.json` + weights folder, as
 * `tf.io.http(url).load()` or `tf.io.browserFiles(files).load()` return), on the current backend:
 *
 * - a full training checkpoint (`fileCheckpoint`/`checkpointArtifacts`): the `g.params.*` and
 *   `g.state.*` tensors; everything else (D, Adam moments) is freed at once;
 * - an exported generator: `params.*`/`state.*` tensors, or parameter paths at the top level.
 *
 * The architecture comes from the manifest's config when it names one (see
 * {@link generatorSpecFromConfig}); otherwise it is inferred: the U-Net depth or the ResNet block
 * count and the norm from the set of tensor paths, `ngf` and the input channels from the first
 * kernel, the output channels from the last bias. (`instance` and `none` norms have the same
 * tensors; `instance` is assumed. Dropout has no weights; it follows the config, default on.)
 * Finally the generator runs once on zeros, so weights that do not fit fail here, not later.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import * as E from 'fp-ts/Either';
 * import { generatorFromArtifacts } from '@pix2pix-ts/browser';
 * import { flattenTree, key } from '@pix2pix-ts/layers';
 * import { unetGenerator } from '@pix2pix-ts/pix2pix';
 *
 * // A page reads them with `await tf.io.http('model/model.json').load?.()`; here: an exported generator's tensors.
 * const { params, state } = unetGenerator({ depth: 5, ngf: 8, outChannels: 3 }).init(key(0), [1, 32, 32, 3]);
 * const named = Object.fromEntries([...flattenTree(params).map(([p, t]) => [`params.${p}`, t]), ...flattenTree(state).map(([p, t]) => [`state.${p}`, t])]);
 * const { data, specs } = await tf.io.encodeWeights(named);
 * const loaded = generatorFromArtifacts({ weightSpecs: specs, weightData: data });
 * if (E.isRight(loaded)) console.log(loaded.right.spec.netG, loaded.right.specFrom); // unet_32 inferred
 * // then: translate(loaded.right.generator, loaded.right.vars, labels, { dropout: false })
 * ```
 */
export function generatorFromArtifacts(artifacts: tf.io.ModelArtifacts): E.Either<Error, LoadedGenerator> {
  if (artifacts.weightSpecs === undefined || artifacts.weightData === undefined) return E.left(new Error('the model has no weights'));
  let named: tf.NamedTensorMap;
  try {
    named = tf.io.decodeWeights(weightBytes(artifacts.weightData), artifacts.weightSpecs);
  } catch (e) {
    return E.left(new Error(`corrupt weights: ${e instanceof Error ? e.message : String(e)}`));
  }
  const topology = (artifacts.modelTopology ?? {}) as Record<string, unknown>;
  const config = topology['format'] === CHECKPOINT_FORMAT ? topology['config'] : (topology['config'] ?? topology);
  const names = Object.keys(named);
  const prefixes = prefixesOf(names);
  const paramNames = new Set(names.filter((n) => n.startsWith(prefixes.params)).map((n) => n.slice(prefixes.params.length)));
  const stateNames = new Set(names.filter((n) => n.startsWith(prefixes.state)).map((n) => n.slice(prefixes.state.length)));
  const used = new Set<string>();
  const fail = (message: string): E.Either<Error, LoadedGenerator> => {
    tf.dispose(Object.values(named));
    return E.left(new Error(message));
  };
  if (paramNames.size === 0) return fail(`no generator tensors (expected names like 'g.params.0.kernel'; found ${names.slice(0, 3).join(', ')}…)`);

  const fromConfig = generatorSpecFromConfig(config);
  // The config's generator first; then every known architecture (a config in an unknown form).
  const tries = [...(O.isSome(fromConfig) ? [{ spec: { ...fromConfig.value, ngf: 1 }, from: 'config' as const }] : []), ...candidates().map((spec) => ({ spec, from: 'inferred' as const }))];
  let found: { spec: GeneratorSpec; s: Structure; from: 'config' | 'inferred' } | undefined;
  for (const { spec, from } of tries) {
    const s = structure(spec);
    // A checkpoint without norm statistics (an export) still matches on its parameters.
    if (sameSet(s.paramPaths, paramNames) && (stateNames.size === 0 || sameSet(s.statePaths, stateNames))) {
      found = { spec, s, from };
      break;
    }
    disposeStructure(s);
  }
  if (found === undefined) {
    return fail(`could not recognise the generator: its ${paramNames.size} parameter tensors fit no U-Net (depth 5–10) or ResNet (1–12 blocks)`);
  }
  const { s } = found;
  const take = (prefix: string) => (_: tf.Tensor, path: string): tf.Tensor => {
    const t = named[`${prefix}${path}`];
    if (t === undefined) throw new Error(`missing tensor ${prefix}${path}`);
    used.add(`${prefix}${path}`);
    return t;
  };
  const params = mapTree(s.params, take(prefixes.params));
  // Missing statistics (an export without them): fresh ones, sized from the matching gamma.
  const state =
    stateNames.size > 0
      ? mapTree(s.state, take(prefixes.state))
      : mapTree(s.state, (_, path) => {
          const gamma = named[`${prefixes.params}${path.replace(/(mean|variance)$/, 'gamma')}`];
          const c = gamma?.shape[0] ?? 0;
          return path.endsWith('variance') ? tf.ones([c]) : tf.zeros([c]);
        });
  disposeStructure(s);
  tf.dispose(Object.entries(named).filter(([n]) => !used.has(n)).map(([, t]) => t));

  const leavesOf = flattenTree(params);
  const first = leavesOf[0]?.[1];
  const last = leavesOf[leavesOf.length - 1]?.[1];
  const inChannels = first?.shape[2] ?? 0;
  const ngf = first?.shape[3] ?? 0;
  const outChannels = last?.shape[0] ?? 0;
  const spec: GeneratorSpec = { ...found.spec, ngf, outputNc: outChannels };
  const generator = buildGenerator(spec);
  const size = smallestSide(spec);
  try {
    const y = tf.tidy(() => {
      const zeros = shaped(tf.zeros([1, size, size, inChannels]), [1, size, size, inChannels], 'probe input');
      return generator.apply(params, state, zeros, { training: false, dropout: false, batchStats: true }).y;
    });
    const shape = y.shape;
    y.dispose();
    if (shape[3] !== outChannels) throw new Error(`output has ${shape[3]} channels, expected ${outChannels}`);
  } catch (e) {
    tf.dispose([...flattenTree(params), ...flattenTree(state)].map(([, t]) => t));
    return E.left(new Error(`the weights do not fit ${JSON.stringify(spec)}: ${e instanceof Error ? e.message : String(e)}`));
  }
  return E.right({
    generator,
    spec,
    inChannels,
    outChannels,
    vars: { params, state },
    source: prefixes.source,
    specFrom: found.from,
    hints: modelHints(topology),
    sizeMultiple: downsamplingOf(spec),
  });
}
