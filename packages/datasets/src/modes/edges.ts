import { toUnitRange } from '../augment/normalize';
import { rgbImage, type RgbImage } from '../image/rgb-image';
import { CANNY_DEFAULTS, cannyEdges, luma, type CannyParams } from './canny';

/**
 * The input of the `edges` mode: the Canny edges ({@link cannyEdges} on the BT.601 luma, {@link CANNY_DEFAULTS})
 * of the photo drawn black (0) on white (255), the look of the paper's edges2shoes / edges2handbags inputs, as an
 * 8-bit RGB image (the three channels equal).
 *
 * @example
 * ```ts
 * import { edgeMap, rgbImage } from '@pix2pix-ts/datasets';
 * edgeMap(rgbImage(2, 2, new Uint8Array(12).fill(90))).data; // all 255: a flat photo has no edges
 * ```
 */
export const edgeMap = (photo: RgbImage, params: CannyParams = CANNY_DEFAULTS): RgbImage => {
  const edges = cannyEdges(luma(photo), photo.width, photo.height, params);
  const data = new Uint8Array(3 * edges.length).fill(255);
  for (let p = 0; p < edges.length; p++) if (edges[p] === 1) data.fill(0, 3 * p, 3 * p + 3);
  return rgbImage(photo.width, photo.height, data);
};

/**
 * An `edges` pair: `a` the photo's edge map ({@link edgeMap}), `b` the photo, both scaled to [-1, 1] as every
 * RGB image is (`ToTensor` + `Normalize`).
 *
 * @example
 * ```ts
 * import { edgesPair, rgbImage } from '@pix2pix-ts/datasets';
 * edgesPair(rgbImage(1, 1, Uint8Array.of(0, 0, 0))).a; // Float32Array [1, 1, 1]
 * ```
 */
export const edgesPair = (photo: RgbImage): { readonly a: Float32Array; readonly b: Float32Array } => ({
  a: toUnitRange(edgeMap(photo)),
  b: toUnitRange(photo),
});
