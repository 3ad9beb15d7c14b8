import type { RgbImage } from '../image/rgb-image';
import { LAB_NET_SCALE, labToRgbBytes, rgbToLab } from '../image/lab';

/**
 * A photo as the official colorization pair (`data/colorization_dataset.py`): `rgb2lab` of the 8-bit photo, then
 * `a = L / 50 - 1` (1 channel, [-1, 1]) and `b = ab / 110` (2 channels, about [-1, 1]), HWC float32. No
 * `Normalize`: these scalings replace it, as in the official code.
 *
 * @example
 * ```ts
 * import { colorizationPair, rgbImage } from '@pix2pix-ts/datasets';
 * colorizationPair(rgbImage(1, 1, Uint8Array.of(255, 255, 255))); // { a: [1], b: [≈0, ≈0] }
 * ```
 */
export const colorizationPair = (photo: RgbImage): { readonly a: Float32Array; readonly b: Float32Array } => {
  const lab = rgbToLab(photo.data);
  const n = photo.width * photo.height;
  const a = new Float32Array(n);
  const b = new Float32Array(2 * n);
  for (let p = 0; p < n; p++) {
    a[p] = (lab[3 * p] ?? 0) / LAB_NET_SCALE.l - 1;
    b[2 * p] = (lab[3 * p + 1] ?? 0) / LAB_NET_SCALE.ab;
    b[2 * p + 1] = (lab[3 * p + 2] ?? 0) / LAB_NET_SCALE.ab;
  }
  return { a, b };
};

/**
 * The colour of a colorization result: the input's L (1 channel, `L / 50 - 1`) and an ab (2 channels, `ab / 110`,
 * predicted or real) back to Lab, then `lab2rgb` and 8-bit (rounded), as the official `ColorizationModel.lab2rgb`
 * reassembles `fake_B_rgb` / `real_B_rgb` for its visuals.
 *
 * @example
 * ```ts
 * import { colorizationPair, colorizationToRgb, rgbImage } from '@pix2pix-ts/datasets';
 * const { a, b } = colorizationPair(rgbImage(1, 1, Uint8Array.of(200, 30, 90)));
 * colorizationToRgb(a, b); // Uint8Array [200, 30, 90]
 * ```
 */
export const colorizationToRgb = (l: Float32Array, ab: Float32Array): Uint8Array => {
  if (ab.length !== 2 * l.length) throw new RangeError(`colorizationToRgb: ${l.length} L values need ${2 * l.length} ab values, got ${ab.length}`);
  const lab = new Float64Array(3 * l.length);
  for (let p = 0; p < l.length; p++) {
    lab[3 * p] = ((l[p] ?? 0) + 1) * LAB_NET_SCALE.l;
    lab[3 * p + 1] = (ab[2 * p] ?? 0) * LAB_NET_SCALE.ab;
    lab[3 * p + 2] = (ab[2 * p + 1] ?? 0) * LAB_NET_SCALE.ab;
  }
  return labToRgbBytes(lab);
};

/**
 * The L input (`L / 50 - 1`) as a gray 8-bit RGB image for previews: `round(L / 100 · 255)` in all three channels.
 *
 * @example
 * ```ts
 * import { lightnessToRgb } from '@pix2pix-ts/datasets';
 * lightnessToRgb(Float32Array.of(-1, 1)); // Uint8Array [0, 0, 0, 255, 255, 255]
 * ```
 */
export const lightnessToRgb = (l: Float32Array): Uint8Array => {
  const out = new Uint8Array(3 * l.length);
  for (let p = 0; p < l.length; p++) {
    const v = Math.round((((l[p] ?? 0) + 1) / 2) * 255);
    out.fill(v < 0 ? 0 : v > 255 ? 255 : v, 3 * p, 3 * p + 3);
  }
  return out;
};
