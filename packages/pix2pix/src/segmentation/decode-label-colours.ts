/** An RGB palette: class `k` is painted with `palette[k]`. */
export type Palette = readonly (readonly [number, number, number])[];

/**
 * Class indices of a label image painted with `palette`: each pixel becomes the class of the nearest palette colour
 * (squared RGB distance; ties go to the lower class), which absorbs JPEG noise around the flat label colours.
 * `rgb` is interleaved HWC bytes.
 *
 * @example
 * ```ts
 * import { CMP_PALETTE } from '@pix2pix-ts/datasets';
 * import { decodeLabelColours } from '@pix2pix-ts/pix2pix';
 * decodeLabelColours(Uint8Array.of(2, 130, 250), CMP_PALETTE); // Uint8Array [2] (window)
 * ```
 */
export function decodeLabelColours(rgb: Uint8Array, palette: Palette): Uint8Array {
  if (rgb.length % 3 !== 0) throw new RangeError(`decodeLabelColours: expected RGB triples, got ${rgb.length} bytes`);
  if (palette.length === 0 || palette.length > 256) throw new RangeError(`decodeLabelColours: a palette needs 1 to 256 colours, got ${palette.length}`);
  const out = new Uint8Array(rgb.length / 3);
  for (let p = 0; p < out.length; p++) {
    const r = rgb[3 * p] ?? 0;
    const g = rgb[3 * p + 1] ?? 0;
    const b = rgb[3 * p + 2] ?? 0;
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    palette.forEach(([pr, pg, pb], k) => {
      const d = (r - pr) ** 2 + (g - pg) ** 2 + (b - pb) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    });
    out[p] = best;
  }
  return out;
}
