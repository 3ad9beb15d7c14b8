import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { CMP_CLASSES, CMP_PALETTE, type PairSource } from '@pix2pix-ts/datasets';
import { disposeTree, foldIn, fromLeaves, key, leaves, permutation, uniform, type Layer, type ParamTree, type Sig } from '@pix2pix-ts/layers';
import {
  decodeLabelColours,
  disposeSegmenter,
  initSegmenter,
  makeSegmenterStep,
  releaseSegmenter,
  segmentationDepthFor,
  segmentationNet,
  type Palette,
  type SegmenterState,
} from '@pix2pix-ts/pix2pix';
import { makeFolder } from '@pix2pix-ts/pix2pix/node';
import { inputError, messageOf, type CliError } from '../cli/cli-error';
import { evalSamples } from '../data/eval-samples';
import { toRgb8 } from './generate';

/** What a segmenter is trained with; every field is part of its cache key. */
export interface SegmenterSettings {
  /** Image side (a power of 2 ≥ 32): the photos it is trained on and will score are resized to it. */
  readonly size: number;
  readonly seed: number;
  /** The budget: training steps. */
  readonly steps: number;
  readonly batchSize: number;
  /** Filters of the first conv of its U-Net. */
  readonly ngf: number;
  /** The label colours, class k painted `palette[k]`, and the class names. */
  readonly palette: Palette;
  readonly classNames: readonly string[];
}

/**
 * The default segmenter: the 12 CMP Facades classes (label colours in `CMP_PALETTE`, a jet colour map checked
 * against the label halves of `facades/train`: every pixel's nearest palette colour is within 3 RGB units at the
 * median, the rest is JPEG ringing at label edges), ngf 16, 3000 steps of batch 4 (about 30 epochs of the 400
 * training photos).
 */
export const DEFAULT_SEGMENTER: Omit<SegmenterSettings, 'size' | 'seed'> = {
  steps: 3000,
  batchSize: 4,
  ngf: 16,
  palette: CMP_PALETTE,
  classNames: CMP_CLASSES,
};

/** A trained segmenter: the network, its weights, how it was made; `dispose` frees the weights. */
export interface TrainedSegmenter {
  readonly net: Layer<Sig>;
  readonly params: ParamTree;
  readonly state: ParamTree;
  readonly settings: SegmenterSettings;
  /** Mean loss of the last tenth of its training. */
  readonly finalLoss: number;
  /** Read from the cache (true) or trained now. */
  readonly fromCache: boolean;
  readonly dispose: () => void;
}

const netOf = (s: SegmenterSettings): Layer<Sig> => segmentationNet({ classes: s.palette.length, depth: segmentationDepthFor(s.size), ngf: s.ngf });

/** Real photos (8-bit) and their class maps, the segmenter's training set. */
interface LabelledPhotos {
  readonly photos: readonly Uint8Array[];
  readonly labels: readonly Uint8Array[];
}

/** The photo of each pair of `source` (its `b`, the target) with the class map decoded from its input `a`. */
function labelledPhotosOf(source: PairSource, s: SegmenterSettings): TE.TaskEither<CliError, LabelledPhotos> {
  const indices = source.entries.map((_, i) => i);
  return pipe(
    evalSamples(source, s.size, indices),
    TE.map((samples) => ({
      photos: samples.map((x) => toRgb8(x.b, x.width, x.height).data),
      labels: samples.map((x) => decodeLabelColours(toRgb8(x.a, x.width, x.height).data, s.palette)),
    })),
  );
}

/** One batch: photos as [-1, 1] floats, horizontally flipped (with their labels) on a seeded coin. */
function batchOf(data: LabelledPhotos, picks: readonly number[], flips: readonly boolean[], size: number): { photos: tf.Tensor4D; labels: tf.Tensor3D } {
  const photos = new Float32Array(picks.length * size * size * 3);
  const labels = new Int32Array(picks.length * size * size);
  picks.forEach((p, j) => {
    const photo = data.photos[p] ?? new Uint8Array(size * size * 3);
    const label = data.labels[p] ?? new Uint8Array(size * size);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const from = y * size + (flips[j] === true ? size - 1 - x : x);
        const to = (j * size + y) * size + x;
        labels[to] = label[from] ?? 0;
        for (let c = 0; c < 3; c++) photos[to * 3 + c] = ((photo[from * 3 + c] ?? 0) / 255) * 2 - 1;
      }
    }
  });
  return { photos: tf.tensor4d(photos, [picks.length, size, size, 3]), labels: tf.tensor3d(labels, [picks.length, size, size], 'int32') };
}

/**
 * Trains a segmenter on labelled photos: `steps` Adam steps of per-pixel cross-entropy, batches drawn without
 * replacement from a seeded permutation per epoch, seeded flips. `progress` gets a line every tenth of the budget.
 */
function trainOn(data: LabelledPhotos, s: SegmenterSettings, progress: (line: string) => void): { readonly state: SegmenterState; readonly finalLoss: number } {
  const n = data.photos.length;
  const net = netOf(s);
  const root = key(s.seed);
  const batch = Math.min(s.batchSize, n);
  const step = makeSegmenterStep(net);
  let state = initSegmenter(net, foldIn(root, 0), [batch, s.size, s.size, 3]);
  const perEpoch = Math.max(1, Math.floor(n / batch));
  const every = Math.max(1, Math.round(s.steps / 10));
  const recent: number[] = [];
  let order: number[] = [];
  const started = Date.now();
  for (let i = 0; i < s.steps; i++) {
    const epoch = Math.floor(i / perEpoch);
    if (i % perEpoch === 0) order = permutation(foldIn(foldIn(root, 1), epoch), n);
    const picks = order.slice((i % perEpoch) * batch, (i % perEpoch) * batch + batch);
    const flips = picks.map((_, j) => uniform(foldIn(foldIn(foldIn(root, 2), i), j)) < 0.5);
    const b = batchOf(data, picks, flips, s.size);
    const [next, loss] = step(state, b);
    tf.dispose([b.photos, b.labels]);
    releaseSegmenter(state, next);
    state = next;
    recent.push(loss);
    if (recent.length > every) recent.shift();
    if ((i + 1) % every === 0 || i + 1 === s.steps) {
      const mean = recent.reduce((x, y) => x + y, 0) / recent.length;
      const rate = (i + 1) / Math.max(1e-3, (Date.now() - started) / 1000);
      progress(`segmenter step ${i + 1}/${s.steps} · epoch ${epoch + 1} · loss ${mean.toFixed(3)} · ${rate.toFixed(1)} it/s`);
    }
  }
  const finalLoss = recent.length === 0 ? Number.NaN : recent.reduce((x, y) => x + y, 0) / recent.length;
  return { state, finalLoss };
}

/** The cached segmenter's description, decoded when read back. */
const SegmenterFile = t.type({
  format: t.literal('pix2pix-ts/segmenter'),
  cacheKey: t.string,
  finalLoss: t.union([t.number, t.null]),
  shapes: t.array(t.array(t.number)),
});

const SEGMENTER_VERSION = 1;

/** The cache key of a segmenter: a digest of its settings and of the training pairs it sees. */
export function segmenterCacheKey(source: PairSource, s: SegmenterSettings): string {
  const identity = JSON.stringify({ version: SEGMENTER_VERSION, source: source.name, direction: source.direction, ids: source.entries.map((e) => e.id), ...s });
  return createHash('sha256').update(identity).digest('hex').slice(0, 24);
}

function loadCached(dir: string, cacheKey: string, s: SegmenterSettings): TE.TaskEither<CliError, TrainedSegmenter | null> {
  return TE.tryCatch(
    async () => {
      let text: string;
      try {
        text = await readFile(join(dir, 'segmenter.json'), 'utf8');
      } catch {
        return null; // not cached yet
      }
      const json = E.tryCatch(() => JSON.parse(text) as unknown, () => null);
      const decoded = E.isRight(json) ? SegmenterFile.decode(json.right) : E.left([]);
      // A damaged or foreign description: train again (and overwrite it).
      if (E.isLeft(decoded) || decoded.right.cacheKey !== cacheKey) return null;
      const bytes = await readFile(join(dir, 'weights.bin'));
      const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      const net = netOf(s);
      const fresh = net.init(key(0), [1, s.size, s.size, 3]);
      const like = leaves(fresh.params);
      const shapes = decoded.right.shapes;
      const total = shapes.reduce((n, sh) => n + sh.reduce((a, b) => a * b, 1), 0);
      const fits = like.length === shapes.length && like.every((x, i) => JSON.stringify(x.shape) === JSON.stringify(shapes[i])) && total === values.length;
      if (!fits) {
        disposeTree(fresh.params);
        disposeTree(fresh.state);
        return null; // a stale or damaged file: train again
      }
      let offset = 0;
      const tensors = like.map((x) => {
        const tensor = tf.tensor(values.subarray(offset, offset + x.size), x.shape, 'float32');
        offset += x.size;
        return tensor;
      });
      disposeTree(fresh.params);
      const params = fromLeaves(fresh.params, tensors);
      return {
        net,
        params,
        state: fresh.state,
        settings: s,
        finalLoss: decoded.right.finalLoss ?? Number.NaN,
        fromCache: true,
        dispose: () => {
          disposeTree(params);
          disposeTree(fresh.state);
        },
      };
    },
    (e) => inputError(`${dir}: cannot read the cached segmenter (${messageOf(e)})`),
  );
}

function saveCached(dir: string, cacheKey: string, trained: TrainedSegmenter): TE.TaskEither<CliError, void> {
  return TE.tryCatch(
    async () => {
      await makeFolder(dir);
      const ls = leaves(trained.params);
      const values = new Float32Array(ls.reduce((n, x) => n + x.size, 0));
      let offset = 0;
      for (const x of ls) {
        values.set(x.dataSync(), offset);
        offset += x.size;
      }
      // weights first, the description last: a folder without a readable segmenter.json is never used.
      await writeFile(join(dir, `weights.bin.tmp-${process.pid}`), new Uint8Array(values.buffer));
      await rename(join(dir, `weights.bin.tmp-${process.pid}`), join(dir, 'weights.bin'));
      const description = { format: 'pix2pix-ts/segmenter', cacheKey, finalLoss: Number.isFinite(trained.finalLoss) ? trained.finalLoss : null, shapes: ls.map((x) => x.shape), settings: trained.settings };
      await writeFile(join(dir, `segmenter.json.tmp-${process.pid}`), `${JSON.stringify(description, null, 2)}\n`);
      await rename(join(dir, `segmenter.json.tmp-${process.pid}`), join(dir, 'segmenter.json'));
    },
    (e) => inputError(`${dir}: cannot write the segmenter (${messageOf(e)})`),
  );
}

/** What {@link trainOrLoadSegmenter} needs. */
export interface SegmenterRequest {
  /** The labelled training pairs: `a` the label map (input), `b` the real photo (target), e.g. `facades/train` BtoA. */
  readonly source: PairSource;
  readonly settings: SegmenterSettings;
  /** Where trained segmenters are kept: `<cacheDir>/segmenters/<key>/` (e.g. `defaultCacheDir()`). */
  readonly cacheDir: string;
  /** Progress lines (loading, training steps, cache hits). */
  readonly progress?: (line: string) => void;
}

/**
 * The FCN-score's segmenter for a data root, size, seed and budget: read from the cache when one was trained with
 * the same settings on the same pairs, else trained on the real training photos (per-pixel cross-entropy
 * against the class maps decoded from their label images) and cached. Reused by every variant of an ablation.
 *
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import * as E from 'fp-ts/Either';
 * import { synthetic } from '@pix2pix-ts/datasets';
 * import { DEFAULT_SEGMENTER, trainOrLoadSegmenter } from '@pix2pix-ts/cli/node';
 * // a few steps on synthetic facades; for real: facades/train and the default 3,000 steps, cached in defaultCacheDir()
 * const source = synthetic({ count: 8, size: 32 });
 * if (E.isRight(source)) {
 *   const settings = { ...DEFAULT_SEGMENTER, steps: 4, size: 32, seed: 0 };
 *   const seg = await trainOrLoadSegmenter({ source: source.right, settings, cacheDir: mkdtempSync(join(tmpdir(), 'seg-')) })();
 *   if (E.isRight(seg)) seg.right.dispose(); // Right({ net, params, state, settings, finalLoss, fromCache: false, dispose })
 * }
 * ```
 */
export function trainOrLoadSegmenter(request: SegmenterRequest): TE.TaskEither<CliError, TrainedSegmenter> {
  const { source, settings, cacheDir } = request;
  const say = request.progress ?? ((): void => undefined);
  const checked = E.tryCatch(() => {
    segmentationDepthFor(settings.size);
    if (source.entries.length === 0) throw new RangeError(`no training pairs in ${source.name}`);
    return settings;
  }, (e) => inputError(`FCN-score segmenter: ${messageOf(e)}`));
  if (E.isLeft(checked)) return TE.left(checked.left);
  const cacheKey = segmenterCacheKey(source, settings);
  const dir = join(cacheDir, 'segmenters', cacheKey);
  return pipe(
    loadCached(dir, cacheKey, settings),
    TE.chain((cached) => {
      if (cached !== null) {
        say(`segmenter: from the cache ${dir}`);
        return TE.right(cached);
      }
      say(`segmenter: training on the ${source.entries.length} real photos of ${source.name} at ${settings.size}x${settings.size}, ${settings.steps} steps of batch ${settings.batchSize} (cached in ${dir})`);
      return pipe(
        labelledPhotosOf(source, settings),
        TE.map((data) => trainOn(data, settings, say)),
        TE.map(({ state, finalLoss }): TrainedSegmenter => {
          // The optimiser moments are not needed once trained.
          disposeTree(state.opt.m);
          disposeTree(state.opt.v);
          return { net: netOf(settings), params: state.params, state: state.state, settings, finalLoss, fromCache: false, dispose: () => disposeSegmenter({ ...state, opt: { step: 0, m: [], v: [] } }) };
        }),
        TE.chainFirst((trained) => saveCached(dir, cacheKey, trained)),
      );
    }),
  );
}
