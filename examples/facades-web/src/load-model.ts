import { generatorFromArtifacts, type LoadedGenerator } from '@pix2pix-ts/browser';
import { buildGenerator, type GeneratorSpec } from '@pix2pix-ts/pix2pix';
import { key } from '@pix2pix-ts/layers';
import * as tf from '@tensorflow/tfjs-core';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';

/** Where a model comes from: a URL of its `model.json`, or files the user dropped. */
export type ModelSource = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'files'; readonly files: readonly File[] };

/** The generator the demo translates with. */
export interface DemoModel extends LoadedGenerator {
  /** Where it came from, in words. */
  readonly origin: string;
  /** A freshly initialised generator (random weights), used when no checkpoint is available. */
  readonly fresh: boolean;
  /** The side of the square images it translates. */
  readonly size: number;
}

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * The sides the model can translate at, the default first: the trained size (when known), then
 * 64, 128, 256 and 512 where they fit the architecture.
 */
export function sizeChoices(m: DemoModel): number[] {
  const fits = (s: number): boolean => s >= Math.max(m.sizeMultiple, 8) && s % m.sizeMultiple === 0;
  return [...new Set([m.size, ...[64, 128, 256, 512].filter(fits)])];
}

/** The image side: the size the model was trained at when the manifest says so and it fits, else 256 (or the smallest size that fits). */
function sizeFor(g: LoadedGenerator): number {
  const m = g.sizeMultiple;
  const fits = (s: number | undefined): s is number => s !== undefined && s >= Math.max(m, 8) && s % m === 0;
  if (fits(g.hints.size)) return g.hints.size;
  return Math.max(Math.ceil(256 / m) * m, m);
}

async function loadWith(handler: tf.io.IOHandler): Promise<tf.io.ModelArtifacts> {
  if (handler.load === undefined) throw new Error('this tf.io handler cannot load');
  return handler.load();
}

/**
 * Why a model URL cannot be used, in the demo's words, or `undefined` when it answers 200. Asked before
 * tfjs loads it, so a missing model reads "no model at …", never tfjs's own text.
 */
async function problemWith(url: string): Promise<string | undefined> {
  const response = await fetch(url, { method: 'GET', cache: 'no-store' }).catch(() => undefined);
  if (response === undefined) return `the server of ${url} cannot be reached`;
  await response.body?.cancel();
  if (response.ok) return undefined;
  return response.status === 404 ? `there is no model at ${url} (the server answered 404, not found)` : `${url} answered HTTP ${response.status}`;
}

/** tfjs's error text stays in the console; the page says what went wrong in its own words. */
function unreadable(what: string, e: unknown): Error {
  console.warn(`${what}:`, e);
  return new Error(`${what}: the files are not a TensorFlow.js model.json with its weights, or they are damaged`);
}

function artifactsOf(source: ModelSource): TE.TaskEither<Error, tf.io.ModelArtifacts> {
  if (source.kind === 'url') {
    return TE.tryCatch(
      async () => {
        const problem = await problemWith(source.url);
        if (problem !== undefined) throw new Error(problem);
        return loadWith(tf.io.http(source.url)).catch((e: unknown) => {
          throw unreadable(`cannot load the model at ${source.url}`, e);
        });
      },
      toError,
    );
  }
  const json = source.files.find((f) => f.name.endsWith('.json'));
  if (json === undefined) return TE.left(new Error('drop a model.json together with its weights file(s) (weights.bin)'));
  const weights = source.files.filter((f) => f !== json);
  return TE.tryCatch(() => loadWith(tf.io.browserFiles([json, ...weights])), (e) => unreadable('cannot read the dropped files', e));
}

/**
 * Loads a generator from a checkpoint or an exported generator (see `generatorFromArtifacts`: a
 * full training checkpoint's `g.params.*` tensors, or an export's `params.*`), on the current backend.
 */
export function loadModel(source: ModelSource): TE.TaskEither<Error, DemoModel> {
  return pipe(
    artifactsOf(source),
    TE.flatMapEither(generatorFromArtifacts),
    TE.map((g) => ({
      ...g,
      origin: source.kind === 'url' ? source.url : source.files.map((f) => f.name).join(' + '),
      fresh: false,
      size: sizeFor(g),
    })),
  );
}

/** The generator used when there is no checkpoint: the paper's `unet_256` shape with ngf 8, untrained. */
export const FRESH_SPEC: GeneratorSpec = { netG: 'unet_256', ngf: 8, norm: 'batch', dropout: true, outputNc: 3 };

/** A freshly initialised generator (random weights), to exercise the plumbing without a checkpoint. */
export function freshModel(): TE.TaskEither<Error, DemoModel> {
  return TE.tryCatch(async () => {
    const generator = buildGenerator(FRESH_SPEC);
    const vars = generator.init(key(0), [1, 256, 256, 3]);
    return {
      generator,
      spec: FRESH_SPEC,
      inChannels: 3,
      outChannels: 3,
      vars: { params: vars.params, state: vars.state },
      source: 'generator' as const,
      specFrom: 'config' as const,
      hints: {},
      sizeMultiple: 256,
      origin: 'freshly initialised (random weights)',
      fresh: true,
      size: 256,
    };
  }, toError);
}
