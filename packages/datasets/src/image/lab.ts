/**
 * sRGB ↔ CIE L*a*b* (D65, 2° observer), computed exactly as scikit-image's `color.rgb2lab` / `color.lab2rgb`,
 * which the official pix2pix colorization mode (`data/colorization_dataset.py`, `util.lab2rgb`) uses. Pixels are
 * row-major interleaved triples (HWC), so the functions work on any image size without a tensor backend.
 *
 * The constants are skimage's: its sRGB→XYZ matrix (not the rounded IEC one), the D65 white
 * (0.95047, 1, 1.08883), the CIE breakpoints 0.008856 / 7.787 on the way in and 0.2068966 on the way out.
 * Arithmetic runs in float64; results are stored as float32.
 */

/** skimage's `xyz_from_rgb` (linear sRGB → XYZ). */
const XYZ_FROM_RGB = [
  [0.412453, 0.35758, 0.180423],
  [0.212671, 0.71516, 0.072169],
  [0.019334, 0.119193, 0.950227],
] as const;

/** skimage's `rgb_from_xyz`: `numpy.linalg.inv(xyz_from_rgb)`, printed at full float64 precision. */
const RGB_FROM_XYZ = [
  [3.240481343200527, -1.5371515162713185, -0.4985363261688879],
  [-0.9692549499965684, 1.8759900014898907, 0.04155592655829285],
  [0.05564663913517715, -0.20404133836651123, 1.0573110696453443],
] as const;

/** The D65 reference white (2° observer) in XYZ, as skimage's `illuminants['D65']['2']`. */
const D65_WHITE = [0.95047, 1, 1.08883] as const;

/**
 * The scalings the official colorization mode applies to feed L and ab to the networks: `A = L / 50 - 1`
 * (so L ∈ [0, 100] → [-1, 1]) and `B = ab / 110`.
 *
 * @example
 * ```ts
 * import { LAB_NET_SCALE } from '@pix2pix-ts/datasets';
 * const lNet = 75 / LAB_NET_SCALE.l - 1; // 0.5
 * ```
 */
export const LAB_NET_SCALE = { l: 50, ab: 110 } as const;

/** An interleaved RGB buffer: bytes 0…255 or floats in [0, 1]. */
export type RgbPixels = Uint8Array | Float32Array | Float64Array;

const srgbToLinear = (v: number): number => (v > 0.04045 ? Math.pow((v + 0.055) / 1.055, 2.4) : v / 12.92);
const linearToSrgb = (v: number): number => (v > 0.0031308 ? 1.055 * Math.pow(v, 1 / 2.4) - 0.055 : v * 12.92);
const labF = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
const labFInverse = (t: number): number => (t > 0.2068966 ? t * t * t : (t - 16 / 116) / 7.787);
const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

const checkTriples = (what: string, length: number): void => {
  if (length % 3 !== 0) throw new RangeError(`${what}: expected interleaved triples, got ${length} values`);
};

/**
 * Converts interleaved sRGB pixels to L*a*b* (L ∈ [0, 100], a and b roughly ±110), as `skimage.color.rgb2lab`.
 * A `Uint8Array` is read as bytes (divided by 255); float arrays are read as values in [0, 1].
 *
 * @example
 * ```ts
 * import { rgbToLab } from '@pix2pix-ts/datasets';
 * rgbToLab(Uint8Array.of(255, 0, 0)); // Float32Array [53.24, 80.09, 67.20]
 * ```
 */
export const rgbToLab = (rgb: RgbPixels): Float32Array => {
  checkTriples('rgbToLab', rgb.length);
  const scale = rgb instanceof Uint8Array ? 1 / 255 : 1;
  const out = new Float32Array(rgb.length);
  for (let i = 0; i < rgb.length; i += 3) {
    const r = srgbToLinear((rgb[i] ?? 0) * scale);
    const g = srgbToLinear((rgb[i + 1] ?? 0) * scale);
    const b = srgbToLinear((rgb[i + 2] ?? 0) * scale);
    const [mx, my, mz] = XYZ_FROM_RGB;
    const fx = labF((mx[0] * r + mx[1] * g + mx[2] * b) / D65_WHITE[0]);
    const fy = labF((my[0] * r + my[1] * g + my[2] * b) / D65_WHITE[1]);
    const fz = labF((mz[0] * r + mz[1] * g + mz[2] * b) / D65_WHITE[2]);
    out[i] = 116 * fy - 16;
    out[i + 1] = 500 * (fx - fy);
    out[i + 2] = 200 * (fy - fz);
  }
  return out;
};

/**
 * Converts interleaved L*a*b* pixels to sRGB floats in [0, 1], as `skimage.color.lab2rgb`: a negative z
 * (out of gamut, b too large) is clipped to 0 and the result is clipped to [0, 1].
 *
 * @example
 * ```ts
 * import { labToRgb } from '@pix2pix-ts/datasets';
 * labToRgb(Float32Array.of(100, 0, 0)); // ≈ Float32Array [1, 1, 1]
 * ```
 */
export const labToRgb = (lab: Float32Array | Float64Array): Float32Array => {
  checkTriples('labToRgb', lab.length);
  const out = new Float32Array(lab.length);
  for (let i = 0; i < lab.length; i += 3) {
    const fy = ((lab[i] ?? 0) + 16) / 116;
    const fx = (lab[i + 1] ?? 0) / 500 + fy;
    const fz = Math.max(0, fy - (lab[i + 2] ?? 0) / 200);
    const x = labFInverse(fx) * D65_WHITE[0];
    const y = labFInverse(fy) * D65_WHITE[1];
    const z = labFInverse(fz) * D65_WHITE[2];
    const [mr, mg, mb] = RGB_FROM_XYZ;
    out[i] = clamp01(linearToSrgb(mr[0] * x + mr[1] * y + mr[2] * z));
    out[i + 1] = clamp01(linearToSrgb(mg[0] * x + mg[1] * y + mg[2] * z));
    out[i + 2] = clamp01(linearToSrgb(mb[0] * x + mb[1] * y + mb[2] * z));
  }
  return out;
};

/**
 * {@link labToRgb} then to bytes, rounding to nearest (what a PNG of the reassembled colour holds).
 *
 * @example
 * ```ts
 * import { labToRgbBytes } from '@pix2pix-ts/datasets';
 * labToRgbBytes(Float32Array.of(53.24, 80.09, 67.2)); // Uint8Array [255, 0, 0]
 * ```
 */
export const labToRgbBytes = (lab: Float32Array | Float64Array): Uint8Array => {
  const rgb = labToRgb(lab);
  const out = new Uint8Array(rgb.length);
  for (let i = 0; i < rgb.length; i++) out[i] = Math.round((rgb[i] ?? 0) * 255);
  return out;
};
