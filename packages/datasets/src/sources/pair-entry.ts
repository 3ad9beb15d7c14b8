/**
 * One pair of a dataset, as serialisable data (it crosses into decode workers): where its bytes are, not the
 * pixels. `id` is what reports and batches call it (the file path for files).
 *
 * - `aligned`: one file holding A (left half) and B (right half) side by side, the pix2pix layout;
 * - `separate`: two files, A and B;
 * - `synthetic`: generated from `(seed, index)`, nothing to read;
 * - `photo`: one plain photo (any size) for a dataset mode, which makes the pair from it (`a` = `b` = the photo).
 *
 * Paths are whatever the byte reader understands: file paths in Node, URLs in browsers.
 *
 * @example
 * ```ts
 * import type { PairEntry } from '@pix2pix-ts/datasets';
 * const e: PairEntry = { kind: 'aligned', id: 'facades/train/1.jpg', path: 'facades/train/1.jpg' };
 * ```
 */
export type PairEntry =
  | { readonly kind: 'aligned'; readonly id: string; readonly path: string }
  | { readonly kind: 'separate'; readonly id: string; readonly pathA: string; readonly pathB: string }
  | { readonly kind: 'synthetic'; readonly id: string; readonly seed: number; readonly index: number; readonly size: number }
  | { readonly kind: 'photo'; readonly id: string; readonly path: string };
