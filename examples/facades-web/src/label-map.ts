import { LABEL_CLASSES } from './palette';

/** What the user draws: one class index per pixel, row-major. */
export interface LabelMap {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A map filled with one class. */
export const labelMap = (width: number, height: number, fill = 0): LabelMap => ({ width, height, data: new Uint8Array(width * height).fill(fill) });

/** A copy (snapshots for undo). */
export const cloneMap = (m: LabelMap): LabelMap => ({ width: m.width, height: m.height, data: m.data.slice() });

/** Paints an axis-aligned rectangle (corners in any order, clipped), in place. */
export function paintRect(m: LabelMap, x0: number, y0: number, x1: number, y1: number, cls: number): void {
  const left = Math.max(0, Math.min(x0, x1));
  const right = Math.min(m.width - 1, Math.max(x0, x1));
  const top = Math.max(0, Math.min(y0, y1));
  const bottom = Math.min(m.height - 1, Math.max(y0, y1));
  for (let y = top; y <= bottom; y++) m.data.fill(cls, y * m.width + left, y * m.width + right + 1);
}

/** Paints a disc of radius `r` (a brush dab), in place. */
export function paintDisc(m: LabelMap, cx: number, cy: number, r: number, cls: number): void {
  const r2 = r * r;
  for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(m.height - 1, Math.ceil(cy + r)); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(m.width - 1, Math.ceil(cx + r)); x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r2) m.data[y * m.width + x] = cls;
    }
  }
}

/** Paints a brush stroke segment: dabs every half radius from (x0, y0) to (x1, y1), in place. */
export function paintLine(m: LabelMap, x0: number, y0: number, x1: number, y1: number, r: number, cls: number): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / Math.max(0.5, r / 2)));
  for (let i = 0; i <= steps; i++) paintDisc(m, x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, r, cls);
}

/** The map as RGBA pixels in the label colours (for a canvas `ImageData`). */
export function toRgba(m: LabelMap): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(m.width * m.height * 4);
  for (let i = 0; i < m.data.length; i++) {
    const rgb = LABEL_CLASSES[m.data[i] ?? 0]?.rgb ?? [0, 0, 0];
    out[i * 4] = rgb[0];
    out[i * 4 + 1] = rgb[1];
    out[i * 4 + 2] = rgb[2];
    out[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * The generator's input: the label colours as NHWC float32 in [-1, 1] at `size`×`size`, sampled
 * nearest-neighbour from the map (labels must stay pure colours, never blends).
 */
export function toInput(m: LabelMap, size: number): Float32Array {
  const out = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const sy = Math.min(m.height - 1, Math.floor(((y + 0.5) * m.height) / size));
    for (let x = 0; x < size; x++) {
      const sx = Math.min(m.width - 1, Math.floor(((x + 0.5) * m.width) / size));
      const rgb = LABEL_CLASSES[m.data[sy * m.width + sx] ?? 0]?.rgb ?? [0, 0, 0];
      const o = (y * size + x) * 3;
      out[o] = rgb[0] / 127.5 - 1;
      out[o + 1] = rgb[1] / 127.5 - 1;
      out[o + 2] = rgb[2] / 127.5 - 1;
    }
  }
  return out;
}
