import { rgbImage, type RgbImage } from '../image/rgb-image';

/*
 * A port of Pillow's `Image.resize(size, Image.BICUBIC)` for 8-bit images (libImaging/Resample.c), so that
 * Node, browsers and the official PyTorch implementation produce the same pixels:
 *
 * - separable: a horizontal pass, then a vertical pass, each rounded and clamped to uint8 in between;
 * - the cubic kernel with a = -0.5 and support 2, widened by the downscale factor (antialiasing);
 * - weights normalised in double, then quantised to 22-bit fixed point; accumulation starts at 0.5 (rounding)
 *   and the result is `clamp(sum >> 22, 0, 255)`;
 * - a pass whose size does not change is skipped (Pillow copies).
 *
 * Checked bit-for-bit against Pillow 9.4 (test/fixtures/pil-bicubic.json and test/pil-parity.test.ts).
 */

const PRECISION_BITS = 22; // 32 - 8 - 2, as in Pillow
const HALF = 1 << (PRECISION_BITS - 1);
const ONE = 1 << PRECISION_BITS;

/** Pillow's bicubic kernel (a = -0.5), written in the same operation order so the doubles match. */
const bicubic = (x0: number): number => {
  const a = -0.5;
  const x = x0 < 0 ? -x0 : x0;
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
  return 0.0;
};

/** Per output index: first input index, tap count and the fixed-point weights (`ksize` slots each). */
interface Coefficients {
  readonly ksize: number;
  readonly bounds: Int32Array; // [xmin, count] per output index
  readonly weights: Int32Array; // outSize * ksize
}

const computeCoefficients = (inSize: number, outSize: number): Coefficients => {
  const scale = inSize / outSize;
  const filterscale = scale < 1.0 ? 1.0 : scale;
  const support = 2.0 * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  const ss = 1.0 / filterscale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    // C's (int) cast truncates toward zero; negatives are clamped to 0 right after.
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    let ww = 0.0;
    for (let x = 0; x < xmax; x++) {
      const w = bicubic((x + xmin - center + 0.5) * ss);
      k[x] = w;
      ww += w;
    }
    for (let x = 0; x < xmax; x++) {
      const w = ww !== 0.0 ? (k[x] as number) / ww : (k[x] as number);
      // normalize_coeffs_8bpc: round half away from zero, then truncate (C cast).
      weights[xx * ksize + x] = w < 0 ? Math.trunc(-0.5 + w * ONE) : Math.trunc(0.5 + w * ONE);
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return { ksize, bounds, weights };
};

// Training resizes the same sizes over and over (256 -> 286): keep the last few coefficient tables.
const cache = new Map<string, Coefficients>();
const coefficients = (inSize: number, outSize: number): Coefficients => {
  const id = `${inSize}>${outSize}`;
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const made = computeCoefficients(inSize, outSize);
  if (cache.size >= 32) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(id, made);
  return made;
};

const clip8 = (v: number): number => {
  const s = v >> PRECISION_BITS;
  return s < 0 ? 0 : s > 255 ? 255 : s;
};

/*
 * The hot loops below index typed arrays with offsets that are in range by construction (bounds come from the
 * coefficient tables, clamped to the input size), so each `as number` only tells the compiler what
 * noUncheckedIndexedAccess cannot know.
 */

/**
 * A rectangle of the output image: only these pixels are computed.
 *
 * @example
 * ```ts
 * import type { Window } from '@pix2pix-ts/datasets';
 * const centre: Window = { x: 15, y: 15, width: 256, height: 256 };
 * ```
 */
export interface Window {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Horizontal pass over input rows [row0, row0 + rows), output columns [x0, x0 + outW). */
const horizontal = (
  src: Uint8Array,
  inW: number,
  row0: number,
  rows: number,
  x0: number,
  outW: number,
  c: Coefficients,
): Uint8Array => {
  const out = new Uint8Array(outW * rows * 3);
  const { ksize, bounds, weights } = c;
  for (let y = 0; y < rows; y++) {
    const rowIn = (y + row0) * inW * 3;
    let o = y * outW * 3;
    for (let xx = x0; xx < x0 + outW; xx++) {
      const count = bounds[xx * 2 + 1] as number;
      const kOff = xx * ksize;
      let s0 = HALF;
      let s1 = HALF;
      let s2 = HALF;
      let p = rowIn + (bounds[xx * 2] as number) * 3;
      for (let x = 0; x < count; x++, p += 3) {
        const w = weights[kOff + x] as number;
        // int32 arithmetic, as Pillow's C accumulators (and measurably faster in V8 than double adds).
        s0 = (s0 + Math.imul(src[p] as number, w)) | 0;
        s1 = (s1 + Math.imul(src[p + 1] as number, w)) | 0;
        s2 = (s2 + Math.imul(src[p + 2] as number, w)) | 0;
      }
      out[o++] = clip8(s0);
      out[o++] = clip8(s1);
      out[o++] = clip8(s2);
    }
  }
  return out;
};

/** Columns [x0, x0 + outW) of input rows [row0, row0 + rows), unchanged (the horizontal pass is skipped). */
const columns = (src: Uint8Array, inW: number, row0: number, rows: number, x0: number, outW: number): Uint8Array => {
  if (x0 === 0 && outW === inW) return src.subarray(row0 * inW * 3, (row0 + rows) * inW * 3);
  const out = new Uint8Array(outW * rows * 3);
  for (let y = 0; y < rows; y++) {
    const from = ((y + row0) * inW + x0) * 3;
    out.set(src.subarray(from, from + outW * 3), y * outW * 3);
  }
  return out;
};

/** Vertical pass: output rows [y0, y0 + outH) from `src`, whose first row is input row `row0`. */
const vertical = (src: Uint8Array, width: number, row0: number, y0: number, outH: number, c: Coefficients): Uint8Array => {
  const stride = width * 3;
  const out = new Uint8Array(stride * outH);
  const acc = new Float64Array(stride); // integer sums stay exact in doubles (|sum| < 2^31)
  const { ksize, bounds, weights } = c;
  for (let yy = y0; yy < y0 + outH; yy++) {
    const ymin = (bounds[yy * 2] as number) - row0;
    const count = bounds[yy * 2 + 1] as number;
    const kOff = yy * ksize;
    acc.fill(HALF);
    for (let y = 0; y < count; y++) {
      const w = weights[kOff + y] as number;
      let p = (ymin + y) * stride;
      for (let i = 0; i < stride; i++, p++) acc[i] = (acc[i] as number) + (src[p] as number) * w;
    }
    let o = (yy - y0) * stride;
    for (let i = 0; i < stride; i++) out[o++] = clip8(acc[i] as number);
  }
  return out;
};

/**
 * The `window` of `resizeBicubic(image, width, height)`, computing only its pixels: the same bytes as resizing
 * and then cropping (each output pixel depends only on its own filter taps), in a fraction of the time when the
 * window is small. `resize_and_crop` uses it for its 286 → 256 crop.
 *
 * @example
 * ```ts
 * import { imageFrom, resizeBicubicWindow } from '@pix2pix-ts/datasets';
 * const src = imageFrom(256, 256, (x, y) => (x ^ y) & 255);
 * const cropped = resizeBicubicWindow(src, 286, 286, { x: 15, y: 3, width: 256, height: 256 }); // 256x256
 * ```
 */
export const resizeBicubicWindow = (image: RgbImage, width: number, height: number, window: Window): RgbImage => {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`resizeBicubic: target size must be positive integers, got ${width}x${height}`);
  }
  if (image.width < 1 || image.height < 1) {
    throw new RangeError(`resizeBicubic: cannot resize an empty ${image.width}x${image.height} image`);
  }
  const { x, y, width: ww, height: wh } = window;
  if (!(x >= 0 && y >= 0 && ww >= 1 && wh >= 1 && x + ww <= width && y + wh <= height && Number.isInteger(x + y + ww + wh))) {
    throw new RangeError(`resizeBicubicWindow: window ${ww}x${wh}+${x}+${y} is not inside ${width}x${height}`);
  }
  const needH = width !== image.width;
  const needV = height !== image.height;
  let row0 = y;
  let rows = wh;
  let cv: Coefficients | undefined;
  if (needV) {
    // Only the input rows that the window's output rows read (Pillow's ybox_first/ybox_last, for the window).
    cv = coefficients(image.height, height);
    row0 = cv.bounds[y * 2] as number;
    const last = y + wh - 1;
    rows = (cv.bounds[last * 2] as number) + (cv.bounds[last * 2 + 1] as number) - row0;
  }
  let data = needH
    ? horizontal(image.data, image.width, row0, rows, x, ww, coefficients(image.width, width))
    : columns(image.data, image.width, row0, rows, x, ww);
  if (cv !== undefined) data = vertical(data, ww, row0, y, wh, cv);
  // A window of an unscaled image may still view the input's bytes: copy so the result owns its data.
  return rgbImage(ww, wh, data.buffer === image.data.buffer ? data.slice() : data);
};

/**
 * Resizes an RGB image with bicubic filtering exactly as Pillow's `Image.resize((width, height), Image.BICUBIC)`
 * (the filter the official pix2pix code uses for every resize), antialiased when shrinking. Pure: returns a new
 * image; returns the input itself when the size is unchanged.
 *
 * @example
 * ```ts
 * import { imageFrom, resizeBicubic } from '@pix2pix-ts/datasets';
 * const src = imageFrom(256, 256, (x, y) => (x ^ y) & 255);
 * const big = resizeBicubic(src, 286, 286); // { width: 286, height: 286, ... }
 * ```
 */
export const resizeBicubic = (image: RgbImage, width: number, height: number): RgbImage =>
  width === image.width && height === image.height
    ? image
    : resizeBicubicWindow(image, width, height, { x: 0, y: 0, width, height });
