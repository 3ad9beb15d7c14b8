import * as E from 'fp-ts/Either';
import type { TransformOptions } from '../config/transform-options';
import type { RgbImage } from '../image/rgb-image';
import { crop } from './crop';
import { flipHorizontal } from './flip';
import type { TransformParams } from './params';
import { resizeBicubic, resizeBicubicWindow } from './resize-bicubic';
import { powerOfBaseSize, scaleWidthSize } from './sizes';

/**
 * The official `get_transform(opt, params)` on one image, before `ToTensor`/`Normalize`: resize (to
 * `loadSize`², or `scale_width`), then the crop at `params.crop` (only when the image is larger than the crop in
 * some direction, as `__crop` does), then `__make_power_2(base=4)` for `none`, then the flip. Pure. `Left` says
 * why an image is too small (e.g. 1 pixel high rounds to 0 in `none` mode).
 *
 * @example
 * ```ts
 * import { applyTransform, imageFrom, PAPER_TRANSFORM } from '@pix2pix-ts/datasets';
 * const img = imageFrom(256, 256, (x, y, c) => (x + y + c) & 255);
 * applyTransform(img, PAPER_TRANSFORM, { crop: { x: 10, y: 20 }, flip: true }); // Right(256x256 image)
 * ```
 */
export const applyTransform = (
  image: RgbImage,
  options: TransformOptions,
  params: TransformParams,
): E.Either<string, RgbImage> => {
  let img = image;
  const { preprocess, loadSize, cropSize } = options;
  const cropping = preprocess === 'resize_and_crop' || preprocess === 'crop' || preprocess === 'scale_width_and_crop';
  if (preprocess !== 'crop' && preprocess !== 'none') {
    const s = preprocess === 'resize_and_crop' ? { width: loadSize, height: loadSize } : scaleWidthSize(img, loadSize, cropSize);
    if (s.height < 1) return E.left(`is too small: ${image.width}x${image.height} scales to ${s.width}x${s.height}`);
    const { x, y } = params.crop;
    if (cropping && (s.width > cropSize || s.height > cropSize) && x + cropSize <= s.width && y + cropSize <= s.height) {
      // Resize-then-crop computed in one step, only for the crop's pixels (same bytes, ~25% of the work).
      img = resizeBicubicWindow(img, s.width, s.height, { x, y, width: cropSize, height: cropSize });
    } else {
      img = resizeBicubic(img, s.width, s.height);
      if (cropping && (img.width > cropSize || img.height > cropSize)) img = crop(img, x, y, cropSize, cropSize);
    }
  } else if (cropping && (img.width > cropSize || img.height > cropSize)) {
    img = crop(img, params.crop.x, params.crop.y, cropSize, cropSize);
  }
  if (preprocess === 'none') {
    const s = powerOfBaseSize(img, 4);
    if (s.width < 1 || s.height < 1) {
      return E.left(`is too small: ${img.width}x${img.height} rounds to ${s.width}x${s.height} (multiples of 4)`);
    }
    img = resizeBicubic(img, s.width, s.height);
  }
  if (!options.noFlip && params.flip) img = flipHorizontal(img);
  return E.right(img);
};
