import * as E from 'fp-ts/Either';
import { batchError, type DatasetError } from '../errors/dataset-error';
import type { Sample } from './sample';

/**
 * A batch, NHWC float32 in [-1, 1]: `a` the generator inputs, of `shape`, `b` the targets (the same `N, H, W`;
 * 3 channels as `a`, except in `colorization` mode: `a` 1 channel (L), `b` 2 (ab)); `paths[i]` names sample `i`,
 * `indices[i]` is its position in the sorted dataset.
 *
 * @example
 * ```ts
 * import type { Batch } from '@pix2pix-ts/datasets';
 * const pixelsOf = (batch: Batch) => batch.shape[0] * batch.shape[1] * batch.shape[2];
 * ```
 */
export interface Batch {
  readonly a: Float32Array;
  readonly b: Float32Array;
  /** The shape of `a`; `b` has `b.length / (N·H·W)` channels (see {@link targetChannels}). */
  readonly shape: readonly [n: number, height: number, width: number, channels: number];
  readonly paths: readonly string[];
  readonly indices: readonly number[];
  readonly epoch: number;
}

/**
 * Stacks samples of one size into a {@link Batch} (a single sample is used without copying). Different sizes are
 * an error naming two of the files (use a cropping `preprocess`, or batch size 1).
 *
 * @example
 * ```ts
 * import { assembleBatch, type Sample } from '@pix2pix-ts/datasets';
 * const s: Sample = { id: 'x', index: 0, width: 1, height: 1, a: new Float32Array(3), b: new Float32Array(3), converted: [] };
 * assembleBatch([s, s], 0); // Right({ shape: [2, 1, 1, 3], ... })
 * ```
 */
export const assembleBatch = (samples: readonly Sample[], epoch: number): E.Either<DatasetError, Batch> => {
  const first = samples[0];
  if (first === undefined) return E.left(batchError('no samples'));
  const odd = samples.find((s) => s.width !== first.width || s.height !== first.height);
  if (odd !== undefined) {
    return E.left(
      batchError(
        `${first.id} is ${first.width}x${first.height} after preprocessing but ${odd.id} is ${odd.width}x${odd.height}; use a cropping preprocess (e.g. resize_and_crop) or batchSize 1`,
      ),
    );
  }
  const shape = [samples.length, first.height, first.width, first.a.length / (first.width * first.height)] as const;
  const paths = samples.map((s) => s.id);
  const indices = samples.map((s) => s.index);
  if (samples.length === 1) return E.right({ a: first.a, b: first.b, shape, paths, indices, epoch });
  const perA = first.a.length;
  const perB = first.b.length;
  const a = new Float32Array(perA * samples.length);
  const b = new Float32Array(perB * samples.length);
  samples.forEach((s, i) => {
    a.set(s.a, i * perA);
    b.set(s.b, i * perB);
  });
  return E.right({ a, b, shape, paths, indices, epoch });
};

/**
 * The channels of a batch's targets `b` (3, or 2 for the ab of `colorization`): its length over `N·H·W`.
 *
 * @example
 * ```ts
 * import { targetChannels } from '@pix2pix-ts/datasets';
 * targetChannels({ b: new Float32Array(8), shape: [1, 2, 2, 1] }); // 2
 * ```
 */
export const targetChannels = (batch: Pick<Batch, 'b' | 'shape'>): number => batch.b.length / (batch.shape[0] * batch.shape[1] * batch.shape[2]);
