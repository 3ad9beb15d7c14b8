import type { RgbImage } from '../image/rgb-image';

/**
 * Parameters of {@link cannyEdges}. Thresholds are on the Sobel gradient magnitude of 0…255 luma (a step of
 * height h between two flat regions gives a magnitude of 4h at the step).
 */
export interface CannyParams {
  /** Standard deviation of the Gaussian smoothing, in pixels (0: none). */
  readonly sigma: number;
  /** Weak-edge threshold: pixels above it are kept when connected to a strong one. */
  readonly low: number;
  /** Strong-edge threshold: pixels above it are always edges. */
  readonly high: number;
}

/**
 * The parameters the `edges` mode uses: σ = 1.5, low 40, high 100. Chosen by eye on the Facades photos at
 * 256x256: window and cornice outlines are kept, brick and plaster texture mostly is not.
 *
 * @example
 * ```ts
 * import { CANNY_DEFAULTS } from '@pix2pix-ts/datasets';
 * CANNY_DEFAULTS.high; // 100
 * ```
 */
export const CANNY_DEFAULTS: CannyParams = { sigma: 1.5, low: 40, high: 100 };

/**
 * ITU-R BT.601 luma `0.299 R + 0.587 G + 0.114 B` of an 8-bit RGB image, as float64 in [0, 255] (PIL's `L`
 * weights, not rounded).
 *
 * @example
 * ```ts
 * import { luma, rgbImage } from '@pix2pix-ts/datasets';
 * luma(rgbImage(1, 1, Uint8Array.of(255, 255, 255))); // Float64Array [255]
 * ```
 */
export const luma = (image: RgbImage): Float64Array => {
  const out = new Float64Array(image.width * image.height);
  for (let p = 0; p < out.length; p++) {
    out[p] = 0.299 * (image.data[3 * p] ?? 0) + 0.587 * (image.data[3 * p + 1] ?? 0) + 0.114 * (image.data[3 * p + 2] ?? 0);
  }
  return out;
};

const clampIndex = (i: number, n: number): number => (i < 0 ? 0 : i >= n ? n - 1 : i);

/** Separable Gaussian blur, radius ⌈3σ⌉, weights normalised to sum 1, borders replicated. */
const gaussianBlur = (src: Float64Array, w: number, h: number, sigma: number): Float64Array => {
  if (sigma <= 0) return src;
  const r = Math.ceil(3 * sigma);
  const weights = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const total = weights.reduce((s, v) => s + v, 0);
  const k = weights.map((v) => v / total);
  const tmp = new Float64Array(src.length);
  const out = new Float64Array(src.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += (k[i + r] ?? 0) * (src[y * w + clampIndex(x + i, w)] ?? 0);
      tmp[y * w + x] = s;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += (k[i + r] ?? 0) * (tmp[clampIndex(y + i, h) * w + x] ?? 0);
      out[y * w + x] = s;
    }
  }
  return out;
};

/**
 * The Canny edge detector on one gray channel (row-major, `width * height` values), deterministic and pure:
 *
 * 1. Gaussian smoothing with `sigma` (separable, radius ⌈3σ⌉, borders replicated);
 * 2. Sobel gradients (3x3, borders replicated), magnitude `hypot(gx, gy)`;
 * 3. non-maximum suppression: the gradient direction is rounded to 0°, 45°, 90° or 135° and a pixel is kept when
 *    its magnitude is > the neighbour behind it and ≥ the one ahead (so a two-pixel plateau keeps one pixel);
 * 4. hysteresis: kept pixels above `high` are edges, and so is every kept pixel above `low` 8-connected to one.
 *
 * Returns 1 for edge pixels and 0 elsewhere.
 *
 * @example
 * ```ts
 * import { cannyEdges } from '@pix2pix-ts/datasets';
 * const step = Float64Array.from({ length: 64 }, (_, i) => (i % 8 < 4 ? 0 : 255)); // a vertical step, 8x8
 * cannyEdges(step, 8, 8, { sigma: 0, low: 40, high: 100 }); // 1 in column 3 of each row, 0 elsewhere
 * ```
 */
export const cannyEdges = (gray: Float64Array, width: number, height: number, params: CannyParams = CANNY_DEFAULTS): Uint8Array => {
  if (gray.length !== width * height) throw new RangeError(`cannyEdges: ${width}x${height} needs ${width * height} values, got ${gray.length}`);
  const g = gaussianBlur(gray, width, height, params.sigma);
  const at = (x: number, y: number): number => g[clampIndex(y, height) * width + clampIndex(x, width)] ?? 0;
  const mag = new Float64Array(g.length);
  const sector = new Uint8Array(g.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      const p = y * width + x;
      mag[p] = Math.hypot(gx, gy);
      // Angle folded into [0, 180), rounded to the nearest of 0, 45, 90, 135 degrees.
      const deg = ((Math.atan2(gy, gx) * 180) / Math.PI + 180) % 180;
      sector[p] = Math.round(deg / 45) % 4;
    }
  }
  // Neighbour offsets along the gradient for each sector (image y grows downwards).
  const steps: readonly (readonly [number, number])[] = [[1, 0], [1, 1], [0, 1], [-1, 1]];
  const magAt = (x: number, y: number): number => (x < 0 || y < 0 || x >= width || y >= height ? 0 : mag[y * width + x] ?? 0);
  const kept = new Float64Array(g.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const m = mag[p] ?? 0;
      const [dx, dy] = steps[sector[p] ?? 0] ?? [1, 0];
      if (m > magAt(x - dx, y - dy) && m >= magAt(x + dx, y + dy)) kept[p] = m;
    }
  }
  const edges = new Uint8Array(g.length);
  const stack: number[] = [];
  for (let p = 0; p < kept.length; p++) {
    if ((kept[p] ?? 0) > params.high && edges[p] === 0) {
      edges[p] = 1;
      stack.push(p);
    }
  }
  while (stack.length > 0) {
    const p = stack.pop() ?? 0;
    const x = p % width;
    const y = (p - x) / width;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const q = ny * width + nx;
        if (edges[q] === 0 && (kept[q] ?? 0) > params.low) {
          edges[q] = 1;
          stack.push(q);
        }
      }
    }
  }
  return edges;
};
