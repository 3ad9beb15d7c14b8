import type { Palette } from '@pix2pix-ts/pix2pix';
import type { Rgb8 } from './rgb';

/** A pixel within this RGB distance of a palette colour counts as painted in the palette (JPEG noise is ~3). */
const NEAR = 48;

/**
 * The share of an image set's pixels whose colour is within 48 RGB units of a palette colour: near 1 for label maps
 * painted in the palette (Facades label halves resized to 64x64: 0.84, the rest is resampling and JPEG ringing at
 * label edges), near 0 for photos (Facades photo halves: 0.00003).
 *
 * @example
 * ```ts
 * import { CMP_PALETTE } from '@pix2pix-ts/datasets';
 * import { paletteCoverage } from '@pix2pix-ts/cli';
 * paletteCoverage([{ width: 1, height: 1, data: Uint8Array.of(0, 130, 250) }], CMP_PALETTE); // 1
 * ```
 */
export function paletteCoverage(images: readonly Rgb8[], palette: Palette): number {
  let near = 0;
  let total = 0;
  for (const image of images) {
    const d = image.data;
    for (let i = 0; i + 2 < d.length; i += 3) {
      const r = d[i] ?? 0;
      const g = d[i + 1] ?? 0;
      const b = d[i + 2] ?? 0;
      if (palette.some(([pr, pg, pb]) => (r - pr) ** 2 + (g - pg) ** 2 + (b - pb) ** 2 <= NEAR * NEAR)) near++;
      total++;
    }
  }
  return total === 0 ? 0 : near / total;
}

/** The least {@link paletteCoverage} at which a dataset's inputs are taken for label maps (the FCN-score needs them). */
export const LABEL_MAP_COVERAGE = 0.5;
