import * as E from 'fp-ts/Either';
import { badImage, type DatasetError } from '../errors/dataset-error';
import { crop } from '../augment/crop';
import type { RgbImage } from '../image/rgb-image';

/**
 * Cuts an aligned AB image into its left (A) and right (B) halves, as `aligned_dataset.py` does. The width must
 * be even; with `requireSquareHalves` (the default of every source) the image must be exactly 2:1, so a
 * mis-exported file is reported instead of silently producing misaligned pairs.
 *
 * @example
 * ```ts
 * import { imageFrom, splitAligned } from '@pix2pix-ts/datasets';
 * splitAligned(imageFrom(512, 256, () => 0), 'train/1.jpg', true); // Right({ a: 256x256, b: 256x256 })
 * splitAligned(imageFrom(3, 1, () => 0), 'bad.png', true);
 * // Left: 'bad.png: is 3x1, but an aligned image must be exactly twice as wide as tall (2:1, e.g. 512x256) ...'
 * ```
 */
export const splitAligned = (
  image: RgbImage,
  path: string,
  requireSquareHalves: boolean,
): E.Either<DatasetError, { readonly a: RgbImage; readonly b: RgbImage }> => {
  const { width, height } = image;
  const size = `${width}x${height}`;
  if (requireSquareHalves && width !== 2 * height) {
    return E.left(
      badImage(
        path,
        'aspect',
        `is ${size}, but an aligned image must be exactly twice as wide as tall (2:1, e.g. 512x256): A on the left, B on the right`,
      ),
    );
  }
  if (width % 2 !== 0 || width < 2) {
    return E.left(badImage(path, 'aspect', `is ${size}, but an aligned image needs an even width (A and B side by side)`));
  }
  const half = width / 2;
  return E.right({ a: crop(image, 0, 0, half, height), b: crop(image, half, 0, half, height) });
};
