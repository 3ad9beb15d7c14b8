import { conv2d, convTranspose2d, relu, serial, untyped, type AnyLayer, type Layer, type Sig } from '@pix2pix-ts/layers';
import { unetBlock, unetInnermost } from '../generators/unet';

/** Options of {@link segmentationNet}. */
export interface SegmentationNetOptions {
  /** Number of classes: the channels of the per-pixel logits. */
  readonly classes: number;
  /** Stride-2 downsamplings (at least 5); the image side must be divisible by `2^depth`. */
  readonly depth: number;
  /** Filters of the first conv (the widest layers have `8·ngf`). */
  readonly ngf: number;
}

/**
 * The segmenter of the FCN-score: photo (NHWC in [-1, 1]) → per-pixel class logits (NHWC, `classes` channels).
 * A U-Net built from the generator's own blocks (the paper's FCN-8s is a fully convolutional net with skips, this
 * is one too), with instance norm so that training and test behave the same at batch 1, no dropout, and a
 * plain transposed conv at the top (logits, no tanh). Its depth and widths are options read at run time, so its
 * signature is the dynamic `Sig`: shapes are checked at run time.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { segmentationNet } from '@pix2pix-ts/pix2pix';
 * const net = segmentationNet({ classes: 12, depth: 5, ngf: 8 });
 * net.init(key(0), [1, 32, 32, 3]).outputShape; // logits [1, 32, 32, 12]
 * ```
 */
export function segmentationNet(options: SegmentationNetOptions): Layer<Sig> {
  const { classes, depth, ngf } = options;
  if (!Number.isInteger(depth) || depth < 5) throw new RangeError(`segmentationNet: depth must be an integer ≥ 5, got ${depth}`);
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`segmentationNet: need at least 2 classes, got ${classes}`);
  const norm = 'instance';
  let block: AnyLayer = unetInnermost(ngf * 8, ngf * 8, { norm });
  for (let i = 0; i < depth - 5; i++) block = unetBlock(ngf * 8, ngf * 8, block, { norm });
  block = unetBlock(ngf * 4, ngf * 8, block, { norm });
  block = unetBlock(ngf * 2, ngf * 4, block, { norm });
  block = unetBlock(ngf, ngf * 2, block, { norm });
  return untyped(
    serial(
      conv2d({ filters: ngf, kernel: 4, stride: 2, pad: 1, bias: true }),
      block,
      relu(),
      convTranspose2d({ filters: classes, kernel: 4, stride: 2, pad: 1, outputPadding: 0 }),
    ),
  );
}

/**
 * The depth {@link segmentationNet} uses for an image side: down to a 2x2 bottleneck (instance norm of a 1x1
 * map is zero), at least 5.
 *
 * @example
 * ```ts
 * import { segmentationDepthFor } from '@pix2pix-ts/pix2pix';
 * segmentationDepthFor(256); // 7
 * ```
 */
export function segmentationDepthFor(size: number): number {
  const log = Math.log2(size);
  if (!Number.isInteger(log) || log < 5) throw new RangeError(`segmentation: the image side must be a power of 2 ≥ 32, got ${size}`);
  return Math.max(5, log - 1);
}
